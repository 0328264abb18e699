import type * as YAML from 'yaml';

/*
 * The node-kind tests of `yaml` (isMap, isScalar, …), for hot paths: every check walks the
 * template tree with them. Bundled, a call to `YAML.isMap` goes through the getter esbuild
 * puts on a CommonJS module's namespace first; these read the same mark directly.
 */

const NODE_TYPE = Symbol.for('yaml.node.type');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const SCALAR = Symbol.for('yaml.scalar');
const PAIR = Symbol.for('yaml.pair');
const ALIAS = Symbol.for('yaml.alias');

function kindOf(node: unknown): symbol | undefined {
  return typeof node === 'object' && node !== null ? (node as { [NODE_TYPE]?: symbol })[NODE_TYPE] : undefined;
}

export function isMap<K = unknown, V = unknown>(node: unknown): node is YAML.YAMLMap<K, V> {
  return kindOf(node) === MAP;
}

export function isSeq<T = unknown>(node: unknown): node is YAML.YAMLSeq<T> {
  return kindOf(node) === SEQ;
}

export function isScalar<T = unknown>(node: unknown): node is YAML.Scalar<T> {
  return kindOf(node) === SCALAR;
}

export function isPair<K = unknown, V = unknown>(node: unknown): node is YAML.Pair<K, V> {
  return kindOf(node) === PAIR;
}

export function isAlias(node: unknown): node is YAML.Alias {
  return kindOf(node) === ALIAS;
}

export function isCollection<T = unknown>(node: unknown): node is YAML.YAMLMap | YAML.YAMLSeq<T> {
  const kind = kindOf(node);
  return kind === MAP || kind === SEQ;
}

export function isNode<T = unknown>(node: unknown): node is YAML.Node<T> {
  const kind = kindOf(node);
  return kind === MAP || kind === SEQ || kind === SCALAR || kind === ALIAS;
}
