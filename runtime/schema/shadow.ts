import type { Diagnostic } from '../common/diagnostics';

/** Schema findings a semantic finding at the same place can replace: unknown key, wrong type, bad value, broken constraint. */
const REPLACEABLE = /(001|002|004|005)$/;

/**
 * A schema finding at the same place as a semantic one says less; keep the semantic one.
 * Missing-key findings are never dropped: they say something different.
 */
export function withoutShadowed(schema: Diagnostic[], semantic: Diagnostic[]): Diagnostic[] {
  const taken = new Set(semantic.map((d) => `${d.range.start.line}:${d.range.start.character}`));
  return schema.filter((d) => !REPLACEABLE.test(d.code) || !taken.has(`${d.range.start.line}:${d.range.start.character}`));
}
