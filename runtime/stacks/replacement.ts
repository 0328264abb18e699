import { providerFor } from './provider';
import type { ChangeDetail } from './types';

/** What a property's change does to its resource, from the specification's update behaviour. */
export type SpecRecreation = (type: string, property: string) => ChangeDetail['requiresRecreation'] | undefined;

let specRecreation: SpecRecreation = () => undefined;

/** The resource specification's rules are plugged in once (see spec-rules.ts). */
export function useSpecRecreation(rules: SpecRecreation): void {
  specRecreation = rules;
}

/**
 * Whether changing one property recreates the resource: the provider's own rule
 * first (local types), then the specification's (`UpdateType: Immutable` → Always,
 * `Conditional` → Conditionally); properties the specification does not know update
 * in place.
 */
export function recreationOf(type: string, property: string, oldProperties: Record<string, unknown>, newProperties: Record<string, unknown>): ChangeDetail['requiresRecreation'] {
  const provider = providerFor(type);
  const rule = provider?.replacesOn?.(property, oldProperties, newProperties);
  if (rule === true) return 'Always';
  if (rule === 'Conditional') return 'Conditionally';
  if (rule === false) return 'Never';
  return specRecreation(type, property) ?? 'Never';
}

/** Deep equality over JSON values, independent of key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
