import * as YAML from 'yaml';
import { CFN_SHORT_TAGS } from '../common/cfn-tags';
import { entries, isMap, isScalar, isSeq, type Node } from '../common/yaml/nodes';

/** Helpers over `yaml` nodes that understand CloudFormation's short and long intrinsic forms. */

export interface Intrinsic {
  /** Long-form name: `Ref`, `Fn::GetAtt`, `Condition`… */
  name: string;
  /** The argument node. For a short tag that is the tagged node itself (its tag stripped logically). */
  arg: Node;
  short: boolean;
  /** The node holding the whole call. */
  node: YAML.Node;
  /** The key node of a long-form call. */
  keyNode?: YAML.Node;
}

/** A long-form function key: `Fn::` and a name. */
const FUNCTION_NAME = /^Fn::[A-Za-z0-9]+$/;

/** Whether the node is an intrinsic call, in either form. `Condition` counts only where asked. */
export function intrinsicOf(node: Node, options: { allowCondition?: boolean } = {}): Intrinsic | undefined {
  if (!node) return undefined;
  if (node.tag && node.tag in CFN_SHORT_TAGS) {
    const name = CFN_SHORT_TAGS[node.tag];
    if (name === 'Condition' && options.allowCondition === false) return undefined;
    return { name, arg: node, short: true, node };
  }
  if (!isMap(node) || node.items.length !== 1) return undefined;
  const pair = node.items[0];
  const keyNode = pair.key as YAML.Node | null;
  if (!isScalar(keyNode) || typeof keyNode.value !== 'string') return undefined;
  const name = keyNode.value;
  if (name === 'Ref' || (name.startsWith('Fn::') && FUNCTION_NAME.test(name)) || (name === 'Condition' && options.allowCondition !== false)) {
    return { name, arg: pair.value as Node, short: false, node, keyNode };
  }
  return undefined;
}

/**
 * The long-form call a node holds when its tag is set aside: the argument of `!Base64` written
 * as an indented `Fn::Sub: |` map is itself a call (AWS's Fn::Base64 page shows this form).
 */
export function longFormOf(node: Node): Intrinsic | undefined {
  if (!isMap(node) || node.items.length !== 1) return undefined;
  const keyNode = node.items[0].key as YAML.Node | null;
  if (!isScalar(keyNode) || typeof keyNode.value !== 'string') return undefined;
  const name = keyNode.value;
  if (name !== 'Ref' && !FUNCTION_NAME.test(name)) return undefined;
  return { name, arg: node.items[0].value as Node, short: false, node, keyNode };
}

/**
 * Whether a string holds a dynamic reference (`{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}`,
 * `{{resolve:secretsmanager:…}}`): CloudFormation resolves it at deployment, so its written
 * text says nothing about the value's type, pattern, length or allowed values
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html).
 */
export function hasDynamicReference(text: string): boolean {
  return text.includes('{{resolve:');
}

/**
 * A node under a tag that is neither CloudFormation's nor YAML's own (`!Rain::Embed`,
 * `!Rain::S3`…): a tool rewrites it before CloudFormation sees the template, so its value is
 * unknown here, like a function's result.
 */
export function hasForeignTag(node: Node): boolean {
  const tag = node?.tag;
  return !!tag && !(tag in CFN_SHORT_TAGS) && !tag.startsWith('tag:yaml.org,2002:') && !tag.startsWith('!!');
}

/**
 * A scalar whose value is known as written: not a short-form intrinsic such as `!Ref X`, not
 * under another tool's tag, not holding a dynamic reference (all resolved later, so no check
 * that compares values applies to them).
 */
export function isLiteralScalar(node: Node): node is YAML.Scalar {
  if (!isScalar(node) || hasForeignTag(node) || (node.tag && node.tag in CFN_SHORT_TAGS)) return false;
  return !(typeof node.value === 'string' && hasDynamicReference(node.value));
}

/** The intrinsic call an argument holds; a short-form call's own node is not its argument's call. */
export function argumentCall(call: Intrinsic, node: Node): Intrinsic | undefined {
  if (call.short && node === call.node) return longFormOf(node);
  return intrinsicOf(node, { allowCondition: false });
}

/**
 * Offset in the source where a scalar's value text begins (after an opening quote).
 * For block scalars, the first content line; undefined when there is no range.
 */
export function scalarContentStart(node: YAML.Scalar, text: string): number | undefined {
  if (!node.range) return undefined;
  const start = node.range[0];
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return start + 1;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const newline = text.indexOf('\n', start);
    if (newline < 0) return start;
    let offset = newline + 1;
    while (offset < node.range[1] && (text[offset] === ' ' || text[offset] === '\t')) offset++;
    return offset;
  }
  return start;
}

/**
 * Source offsets of a substring of a scalar's value: `needle`'s n-th occurrence in the
 * source text of the node. Escapes and folding can make the value differ from the
 * source, so the source is searched rather than computed.
 */
export function locateInScalar(node: YAML.Scalar, text: string, needle: string, occurrence = 0): [number, number] | undefined {
  if (!node.range) return undefined;
  const source = text.slice(node.range[0], node.range[1]);
  let from = 0;
  for (let i = 0; i <= occurrence; i++) {
    const found = source.indexOf(needle, from);
    if (found < 0) return undefined;
    if (i === occurrence) return [node.range[0] + found, node.range[0] + found + needle.length];
    from = found + needle.length;
  }
  return undefined;
}

/** Start offset of the node's tag (`!Ref`) in the source, searching back from the value. */
export function tagStart(node: YAML.Node, text: string): number | undefined {
  if (!node.tag || !node.range) return undefined;
  const found = text.lastIndexOf(node.tag, node.range[0]);
  return found >= 0 ? found : undefined;
}

/**
 * Walks maps and lists under `node` and hands each entry whose key `pick` recognises to
 * `visit` (without descending into it): how property checks find `GroupId`, `Arn`… at any
 * depth of a resource's Properties.
 */
export function forEachKeyed<T>(node: Node, pick: (key: string) => T | undefined, visit: (value: Node, key: string, picked: T, depth: number) => void, depth = 0): void {
  if (!node || depth > 60) return;
  if (isSeq(node)) {
    for (const item of node.items) forEachKeyed(item as Node, pick, visit, depth + 1);
    return;
  }
  for (const item of entries(node)) {
    const picked = pick(item.key);
    if (picked !== undefined) visit(item.value, item.key, picked, depth + 1);
    else forEachKeyed(item.value, pick, visit, depth + 1);
  }
}

/**
 * The values a node may deploy as: itself, or each branch of an `Fn::If` (short or long form,
 * nested). Other calls yield nothing, since their result is unknown here, unless `keepCalls`
 * asks for them (to follow a Ref, say).
 */
export function deployedValues(node: Node, options: { keepCalls?: boolean } = {}, depth = 0): NonNullable<Node>[] {
  if (!node || depth > 30) return [];
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call) return [node];
  if (call.name !== 'Fn::If' || !isSeq(call.arg) || call.arg.items.length !== 3) return options.keepCalls ? [node] : [];
  return call.arg.items.slice(1).flatMap((branch) => deployedValues(branch as Node, options, depth + 1));
}
