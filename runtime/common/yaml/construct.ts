import * as YAML from 'yaml';

/*
 * Cheap constructors for `yaml`'s node classes. Their own constructors mark each node with
 * Object.defineProperty, which is slow and leaves the object with a shape V8 handles poorly;
 * a 90 KB template has ~30,000 nodes. Here the mark sits on a shared prototype that extends
 * the real class prototype, so YAML.isScalar/isMap/isSeq/isPair, instanceof and every method
 * behave as for nodes `yaml` builds.
 */

const NODE_TYPE = Symbol.for('yaml.node.type');

function markedPrototype(base: object, type: string): object {
  const prototype = Object.create(base);
  Object.defineProperty(prototype, NODE_TYPE, { value: Symbol.for(type) });
  return prototype;
}

const SCALAR = markedPrototype(YAML.Scalar.prototype, 'yaml.scalar');
const MAP = markedPrototype(YAML.YAMLMap.prototype, 'yaml.map');
const SEQ = markedPrototype(YAML.YAMLSeq.prototype, 'yaml.seq');
const PAIR = markedPrototype(YAML.Pair.prototype, 'yaml.pair');

interface ScalarFields {
  value: unknown;
  type: YAML.Scalar.Type;
  source: string;
  range: [number, number, number];
  tag?: string;
  format?: string;
  minFractionDigits?: number;
}

function ScalarNode(this: ScalarFields, value: unknown, type: YAML.Scalar.Type, source: string, start: number, end: number) {
  this.value = value;
  this.type = type;
  this.source = source;
  this.range = [start, end, end];
}
ScalarNode.prototype = SCALAR;

function CollectionNode(this: { items: unknown[]; range: [number, number, number]; flow?: boolean }, start: number) {
  this.items = [];
  this.range = [start, start, start];
}
function MapNode(this: unknown, start: number) {
  CollectionNode.call(this as never, start);
}
MapNode.prototype = MAP;
function SeqNode(this: unknown, start: number) {
  CollectionNode.call(this as never, start);
}
SeqNode.prototype = SEQ;

function PairNode(this: { key: unknown; value: unknown }, key: unknown, value: unknown) {
  this.key = key;
  this.value = value;
}
PairNode.prototype = PAIR;

const Scalar = ScalarNode as unknown as new (value: unknown, type: YAML.Scalar.Type, source: string, start: number, end: number) => YAML.Scalar;
const YamlMap = MapNode as unknown as new (start: number) => YAML.YAMLMap;
const YamlSeq = SeqNode as unknown as new (start: number) => YAML.YAMLSeq;
const Pair = PairNode as unknown as new (key: YAML.Node, value: YAML.Node) => YAML.Pair;

/** A scalar as `yaml` composes it: resolved value, style, source text and [start, end, end] range. */
export function newScalar(value: unknown, type: YAML.Scalar.Type, source: string, start: number, end: number): YAML.Scalar {
  return new Scalar(value, type, source, start, end);
}

export function newMap(start: number): YAML.YAMLMap {
  return new YamlMap(start);
}

export function newSeq(start: number): YAML.YAMLSeq {
  return new YamlSeq(start);
}

export function newPair(key: YAML.Node, value: YAML.Node): YAML.Pair {
  return new Pair(key, value);
}
