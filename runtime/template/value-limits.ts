import * as YAML from 'yaml';
import type { Bounds, ValueLimits } from './spec';
import { isScalar, isSeq } from '../common/yaml/nodes';
import { hasDynamicReference } from './nodes';

/**
 * A literal value outside the limits the CloudFormation registry schema sets for its property:
 * E3031 pattern, E3032 list item count, E3033 string length, E3034 number range (cfn-lint's ids).
 */
export interface LimitViolation {
  code: 'E3031' | 'E3032' | 'E3033' | 'E3034';
  /** What is wrong, without the property path (the check adds it). */
  problem: string;
}

const compiled = new Map<string, RegExp | null>();

/** Patterns are compiled on first use: most templates touch a few dozen of the thousands in the index. */
function regexOf(pattern: string): RegExp | null {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Values resolved at deployment: `${}` (Sub, SAM, macros) and dynamic references `{{resolve:…}}`. */
function unresolved(text: string): boolean {
  return text.includes('${') || hasDynamicReference(text);
}

function describeBounds([min, max]: Bounds, unit: string): string {
  if (min !== null && max !== null) return min === max ? `exactly ${min}${unit}` : `${min} to ${max}${unit}`;
  return min !== null ? `at least ${min}${unit}` : `at most ${max}${unit}`;
}

function outside(value: number, [min, max]: Bounds): boolean {
  return (min !== null && value < min) || (max !== null && value > max);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** The first limit a literal node breaks (intrinsic calls are the caller's to skip). */
export function limitViolation(node: YAML.Node, limits: ValueLimits): LimitViolation | undefined {
  if (isSeq(node)) {
    const count = node.items.length;
    if (limits.items && outside(count, limits.items)) {
      return { code: 'E3032', problem: `has ${count} item${count === 1 ? '' : 's'}; ${describeBounds(limits.items, '')} allowed` };
    }
    return undefined;
  }
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') {
    if (unresolved(value)) return undefined;
    if (limits.length) {
      // JSON Schema counts characters (code points), not UTF-16 units.
      const length = value.length > (limits.length[1] ?? Infinity) ? [...value].length : value.length;
      if (outside(length, limits.length)) return { code: 'E3033', problem: `${quote(value)} is ${length} characters long; ${describeBounds(limits.length, ' characters')} allowed` };
    }
    const regex = limits.pattern ? regexOf(limits.pattern) : null;
    if (regex && !regex.test(value)) return { code: 'E3031', problem: `${quote(value)} does not match the pattern ${limits.pattern}` };
    if (limits.range && value.trim() !== '' && Number.isFinite(Number(value)) && outside(Number(value), limits.range)) {
      return { code: 'E3034', problem: `${value} is out of range; ${describeBounds(limits.range, '')} allowed` };
    }
    return undefined;
  }
  if (typeof value === 'number' && limits.range && outside(value, limits.range)) {
    return { code: 'E3034', problem: `${node.source ?? value} is out of range; ${describeBounds(limits.range, '')} allowed` };
  }
  return undefined;
}
