import * as YAML from 'yaml';
import type { Diagnostic, Range } from '../common/diagnostics';
import { rangeOfNode } from '../common/yaml/ranges';
import type { LineIndex } from '../common/text';
import { suggest as didYouMean } from './suggest';
import { deref, typesOf, type JsonSchema } from './types';
import { jsonTypeOf, typeMatches, typeName, typeNames } from './value-type';
import { isAlias, isMap, isNode, isScalar, isSeq } from '../common/yaml/nodes';

interface Walk {
  root: JsonSchema;
  lines: LineIndex;
  prefix: string;
  /** Where findings about a value that has no range of its own (an empty value) are reported. */
  fallback: Range;
}

/**
 * Validates a positioned YAML/JSON node against a JSON Schema and reports every
 * finding at the exact key or value it is about, with did-you-mean replacements in
 * `data.replacement` so that quick fixes can apply them.
 */
export function validateNode(node: unknown, schema: JsonSchema, lines: LineIndex, prefix: string): Diagnostic[] {
  const fallback = lines.rangeOf(0, Math.min(lines.text.length, Math.max(0, lines.lineText(0).length)));
  return walk(node, schema, [], undefined, { root: schema, lines, prefix, fallback });
}

type PathPart = string | number;

function label(path: PathPart[]): string {
  if (path.length === 0) return 'the document';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function where(path: PathPart[]): string {
  return path.length === 0 ? 'at the top level' : `in ${label(path)}`;
}

function walk(node: unknown, raw: JsonSchema, path: PathPart[], keyNode: YAML.Node | undefined, w: Walk): Diagnostic[] {
  if (isAlias(node)) return [];
  // CloudFormation-style tags (`!Ref`, …) stand for values only known at deploy time.
  if (node && (node as YAML.Node).tag && (node as YAML.Node).tag!.startsWith('!')) return [];
  const schema = deref(raw, w.root);
  const out: Diagnostic[] = [];
  const range = rangeOfValue(node, keyNode, w);

  if (schema.if) {
    const matches = walk(node, schema.if, path, keyNode, w).length === 0;
    const branch = matches ? schema.then : schema.else;
    if (branch) out.push(...walk(node, branch, path, keyNode, w));
  }
  if (schema.anyOf) {
    const results = schema.anyOf.map((branch) => walk(node, branch, path, keyNode, w));
    if (!results.some((r) => r.length === 0)) out.push(...results.reduce((best, r) => (r.length < best.length ? r : best)));
  }

  const actual = jsonTypeOf(node);
  if (actual === undefined) return out;
  const allowed = typesOf(schema);
  if (allowed.length > 0 && !typeMatches(actual, allowed)) {
    const what = path.length === 0 ? 'The document' : nameOf(path);
    const got = actual === 'null' ? 'it is empty' : `not ${typeName(actual)}`;
    out.push(finding(w, '002', range, `${what} must be ${typeNames(allowed)}, ${got} (${label(path)})`));
    return out;
  }

  if (isScalar(node)) out.push(...scalarFindings(node, schema, path, range, w));
  else if (isMap(node)) out.push(...mapFindings(node, schema, path, keyNode, range, w));
  else if (isSeq(node)) {
    if (schema.minItems !== undefined && node.items.length < schema.minItems) {
      out.push(finding(w, '005', range, `${label(path)} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`));
    }
    if (schema.items) node.items.forEach((item, index) => out.push(...walk(item, schema.items!, [...path, index], undefined, w)));
  }
  return out;
}

function scalarFindings(node: YAML.Scalar, schema: JsonSchema, path: PathPart[], range: Range, w: Walk): Diagnostic[] {
  const value = node.value;
  const name = nameOf(path);
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    const text = String(value);
    const choices = schema.enum.map(String);
    const suggestion = didYouMean(text, [...new Set(choices)]);
    const hint = suggestion ? `; did you mean "${suggestion}"?` : `; expected one of ${[...new Set(choices)].join(', ')}`;
    return [finding(w, '004', range, `"${text}" is not a valid value for ${name}${hint}`, suggestion)];
  }
  if (schema.const !== undefined && schema.const !== value) {
    return [finding(w, '004', range, `${name} must be ${JSON.stringify(schema.const)}`, String(schema.const))];
  }
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) {
    return [finding(w, '005', range, `"${value}" is not a valid value for ${name} (it must match ${schema.pattern})`)];
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return [finding(w, '005', range, `${name} must be at least ${schema.minimum}`)];
    if (schema.maximum !== undefined && value > schema.maximum) return [finding(w, '005', range, `${name} must be at most ${schema.maximum}`)];
  }
  return [];
}

function nameOf(path: PathPart[]): string {
  if (path.length === 0) return 'the document';
  const last = path[path.length - 1];
  if (typeof last === 'string') return `"${last}"`;
  const owner = [...path].reverse().find((p) => typeof p === 'string');
  return owner ? `an item of "${owner}"` : `item ${last}`;
}

function mapFindings(node: YAML.YAMLMap, schema: JsonSchema, path: PathPart[], keyNode: YAML.Node | undefined, range: Range, w: Walk): Diagnostic[] {
  const out: Diagnostic[] = [];
  const present = new Set<string>();
  // Keys of this map, once: asking the map (`node.has`) for each known key of each unknown one was quadratic.
  const keys = new Set(node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined)));
  let candidates: string[] | undefined;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    present.add(key);
    const keyRange = rangeOfNode(pair.key as YAML.Node, w.lines) ?? range;
    const child = propertySchema(schema, key);
    if (child === false) {
      const known = Object.keys(schema.properties ?? {});
      candidates ??= known.filter((k) => !keys.has(k));
      const suggestion = didYouMean(key, candidates);
      const hint = suggestion ? `; did you mean "${suggestion}"?` : known.length ? `; expected one of ${known.join(', ')}` : '';
      out.push(finding(w, '001', keyRange, `unknown key "${key}" ${where(path)}${hint}`, suggestion));
      continue;
    }
    if (child) out.push(...walk(pair.value, child, [...path, key], pair.key as YAML.Node, w));
  }
  for (const required of schema.required ?? []) {
    if (present.has(required)) continue;
    // A map's own key when it has one, else (list items, the document) its first key.
    const anchor = keyNode ?? (node.items[0]?.key as YAML.Node | undefined);
    const at = (anchor && rangeOfNode(anchor, w.lines)) || w.fallback;
    out.push(finding(w, '003', at, `missing required key "${required}" ${where(path)}`));
  }
  if (schema.minProperties !== undefined && present.size < schema.minProperties) {
    out.push(finding(w, '005', range, `${label(path)} must not be empty`));
  }
  if (schema.maxProperties !== undefined && present.size > schema.maxProperties) {
    out.push(finding(w, '005', range, `${label(path)} takes at most ${schema.maxProperties} key${schema.maxProperties === 1 ? '' : 's'}`));
  }
  return out;
}

/** The schema of a key of a map: a schema, `undefined` (anything goes) or `false` (not allowed). */
export function propertySchema(schema: JsonSchema, key: string): JsonSchema | undefined | false {
  const direct = schema.properties?.[key];
  if (direct) return direct;
  for (const [pattern, child] of Object.entries(schema.patternProperties ?? {})) if (new RegExp(pattern).test(key)) return child;
  if (schema.additionalProperties === false) return false;
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  return undefined;
}

function rangeOfValue(node: unknown, keyNode: YAML.Node | undefined, w: Walk): Range {
  const own = isNode(node) ? rangeOfNode(node, w.lines) : undefined;
  if (own && (own.start.line !== own.end.line || own.start.character !== own.end.character)) return trimmed(own, w);
  return (keyNode && rangeOfNode(keyNode, w.lines)) || own || w.fallback;
}

/** A block collection's range runs to the start of the next key; report up to the end of its last line with content. */
function trimmed(range: Range, w: Walk): Range {
  let { line, character } = range.end;
  while (line > range.start.line && w.lines.lineText(line).slice(0, character).trim() === '') {
    line--;
    character = w.lines.lineText(line).length;
  }
  return { start: range.start, end: { line, character } };
}

function finding(w: Walk, suffix: string, range: Range, message: string, replacement?: string): Diagnostic {
  const diagnostic: Diagnostic = { range, severity: 'error', code: `${w.prefix}${suffix}`, message };
  if (replacement !== undefined) diagnostic.data = { replacement };
  return diagnostic;
}
