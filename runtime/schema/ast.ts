import * as YAML from 'yaml';
import type { Range } from '../common/diagnostics';
import { rangeOfNode } from '../common/document';
import type { LineIndex } from '../common/text';
import { isMap, isNode, isScalar, isSeq } from '../common/yaml-kinds';

/** Small readers over the positioned YAML tree that checks share. */

export function pairOf(map: unknown, key: string): YAML.Pair<YAML.Scalar, unknown> | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) if (isScalar(pair.key) && String(pair.key.value) === key) return pair as YAML.Pair<YAML.Scalar, unknown>;
  return undefined;
}

export function valueOf(map: unknown, key: string): unknown {
  return pairOf(map, key)?.value ?? undefined;
}

export function mapAt(map: unknown, key: string): YAML.YAMLMap | undefined {
  const value = valueOf(map, key);
  return isMap(value) ? value : undefined;
}

export function seqAt(map: unknown, key: string): YAML.YAMLSeq | undefined {
  const value = valueOf(map, key);
  return isSeq(value) ? value : undefined;
}

/** A scalar's text, or undefined for collections, tagged values (`!Ref`) and empty values. */
export function textOf(node: unknown): string | undefined {
  if (!isScalar(node) || node.tag?.startsWith('!')) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

export function scalarAt(map: unknown, key: string): string | undefined {
  return textOf(valueOf(map, key));
}

/** Pairs of a map whose keys are plain scalars. */
export function entries(map: unknown): Array<{ key: string; keyNode: YAML.Scalar; value: unknown; pair: YAML.Pair }> {
  if (!isMap(map)) return [];
  const out: Array<{ key: string; keyNode: YAML.Scalar; value: unknown; pair: YAML.Pair }> = [];
  for (const pair of map.items) {
    if (isScalar(pair.key)) out.push({ key: String(pair.key.value), keyNode: pair.key, value: pair.value, pair });
  }
  return out;
}

/** The range of a node, trimmed to its own text (block collections otherwise run into the next key's line). */
export function rangeOf(node: unknown, lines: LineIndex, fallback?: Range): Range {
  const range = isNode(node) ? rangeOfNode(node, lines) : undefined;
  if (!range) return fallback ?? lines.rangeOf(0, 0);
  let { line, character } = range.end;
  while (line > range.start.line && lines.lineText(line).slice(0, character).trim() === '') {
    line--;
    character = lines.lineText(line).length;
  }
  return { start: range.start, end: { line, character } };
}

/** The range of a key of a map, else of the map itself. */
export function keyRange(map: unknown, key: string, lines: LineIndex): Range {
  const pair = pairOf(map, key);
  return rangeOf(pair?.key ?? map, lines);
}
