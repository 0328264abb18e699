import type { JsonType } from './types';
import { isMap, isScalar, isSeq } from '../common/yaml/nodes';

/** The JSON type of a positioned YAML node (aliases and unknown nodes have none). */
export function jsonTypeOf(node: unknown): JsonType | undefined {
  if (node === null || node === undefined) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'string') return 'string';
    if (typeof value === 'boolean') return 'boolean';
    if (typeof value === 'number' || typeof value === 'bigint') return Number.isInteger(Number(value)) ? 'integer' : 'number';
    return undefined;
  }
  return undefined;
}

/** Whether a value of type `actual` satisfies a schema type (integers are numbers). */
export function typeMatches(actual: JsonType, allowed: JsonType[]): boolean {
  if (allowed.length === 0) return true;
  if (allowed.includes(actual)) return true;
  return actual === 'integer' && allowed.includes('number');
}

const NAMES: Record<JsonType, string> = {
  object: 'a map',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

export function typeName(type: JsonType): string {
  return NAMES[type];
}

export function typeNames(types: JsonType[]): string {
  const names = [...new Set(types.filter((t) => !(t === 'integer' && types.includes('number'))).map(typeName))];
  return names.length <= 1 ? (names[0] ?? 'anything') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
