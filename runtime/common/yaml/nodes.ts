import * as YAML from 'yaml';

/*
 * Reading positioned `yaml` nodes, for every document kind (templates, buildspecs, appspecs,
 * pipeline declarations) and the schema walker: node-kind tests and map access.
 *
 * The node-kind tests (isMap, isScalar, …) answer as `yaml`'s own for every node the parsers
 * build (yaml's and construct.ts's, whose prototypes extend yaml's classes), for hot paths:
 * every check walks the template tree with them. `instanceof` reads the object's prototype
 * chain; yaml's tests read a symbol-keyed mark, a lookup that is megamorphic over the dozens
 * of node shapes a template has. Over both corpora's 226,000 nodes: 13 ns a test against
 * 25–50 ns (bench/cfn-checks.ts attributes the difference to every check).
 */

// Captured once: bundled, `YAML.X` goes through the getter esbuild puts on a CommonJS module's namespace.
const YamlMap = YAML.YAMLMap;
const YamlSeq = YAML.YAMLSeq;
const YamlScalar = YAML.Scalar;
const YamlPair = YAML.Pair;
const YamlAlias = YAML.Alias;

export function isMap<K = unknown, V = unknown>(node: unknown): node is YAML.YAMLMap<K, V> {
  return node instanceof YamlMap;
}

export function isSeq<T = unknown>(node: unknown): node is YAML.YAMLSeq<T> {
  return node instanceof YamlSeq;
}

export function isScalar<T = unknown>(node: unknown): node is YAML.Scalar<T> {
  return node instanceof YamlScalar;
}

export function isPair<K = unknown, V = unknown>(node: unknown): node is YAML.Pair<K, V> {
  return node instanceof YamlPair;
}

export function isAlias(node: unknown): node is YAML.Alias {
  return node instanceof YamlAlias;
}

export function isCollection<T = unknown>(node: unknown): node is YAML.YAMLMap | YAML.YAMLSeq<T> {
  return node instanceof YamlMap || node instanceof YamlSeq;
}

export function isNode<T = unknown>(node: unknown): node is YAML.Node<T> {
  return node instanceof YamlMap || node instanceof YamlSeq || node instanceof YamlScalar || node instanceof YamlAlias;
}

/** A node where one may be missing (an absent key, an empty value). */
export type Node = YAML.Node | null | undefined;

export interface MapEntry {
  key: string;
  keyNode: YAML.Scalar;
  value: Node;
  pair: YAML.Pair;
}

/** The entries of a map node with scalar keys (other keys are skipped); none for non-maps. */
export function entries(node: unknown): MapEntry[] {
  if (!isMap(node)) return [];
  const result: MapEntry[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key;
    if (!isScalar(keyNode)) continue;
    result.push({ key: String(keyNode.value), keyNode, value: pair.value as Node, pair });
  }
  return result;
}

/** The pair of a map whose scalar key is `key`. */
export function pairOf(map: unknown, key: string): YAML.Pair<YAML.Scalar, unknown> | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) if (isScalar(pair.key) && String(pair.key.value) === key) return pair as YAML.Pair<YAML.Scalar, unknown>;
  return undefined;
}

/** The entry of a map whose scalar key is `key`. */
export function entry(node: unknown, key: string): MapEntry | undefined {
  const pair = pairOf(node, key);
  return pair && { key, keyNode: pair.key, value: pair.value as Node, pair };
}

function valueOf(map: unknown, key: string): unknown {
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

/** A pair's key as text (a non-scalar key as `yaml` prints it). */
export function keyText(pair: YAML.Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
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

/** A scalar's value as a string (numbers and booleans as written); undefined for collections. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return node.source ?? String(value);
  }
  return undefined;
}
