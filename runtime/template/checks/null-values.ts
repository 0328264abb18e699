import * as YAML from 'yaml';
import { CFN_SHORT_TAGS } from '../../common/cfn-tags';
import { intrinsicOf } from '../nodes';
import { type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import type { CheckContext, TemplateCheck } from './context';

const MAX_DEPTH = 100;

/** A key written without a value (`Key:`), or `null`/`~`; a short tag alone (`!GetAZs`) is a call, not a null. */
function isNull(node: Node): boolean {
  if (node === null || node === undefined) return true;
  return isScalar(node) && node.value === null && !(node.tag && node.tag in CFN_SHORT_TAGS);
}

/**
 * E1001: CloudFormation rejects templates with null values ("'null' values are not allowed
 * in templates"). Checked in Conditions, Resources, Outputs, Mappings and Rules; Metadata is
 * free-form, Parameters report their own (E2001), and a declaration that is null as a whole
 * or a long-form intrinsic without an argument is reported by the section's own check.
 */
export const nullValues: TemplateCheck = {
  codes: ['E1001'],
  run(context) {
    const { model } = context;
    for (const condition of model.conditions.values()) {
      if (isNull(condition.value)) report(context, condition.keyNode, ['Conditions', condition.name]);
      else walk(context, condition.value, ['Conditions', condition.name], false, 0);
    }
    for (const resource of model.resources.values()) {
      // The SAM transform reads null as "not set" in its own resource types and never passes them on.
      if (resource.type?.startsWith('AWS::Serverless::')) continue;
      walk(context, resource.value, ['Resources', resource.name], true, 0);
    }
    for (const output of model.outputs.values()) walk(context, output.value, ['Outputs', output.name], true, 0);
    for (const mapping of model.mappings.values()) walk(context, mapping.value, ['Mappings', mapping.name], false, 0);
    const rules = model.sections.get('Rules');
    if (rules) walk(context, rules.value, ['Rules'], false, 0);
  },
};

function report(context: CheckContext, at: YAML.Node, path: Array<YAML.Node | number | string>): void {
  const what = path.map((step) => (typeof step === 'object' ? (isScalar(step) ? String(step.value) : '?') : String(step))).join('.');
  context.report('E1001', context.model.rangeOf(at), `${what} has no value; CloudFormation does not allow null values in templates`);
}

/**
 * `path` is the stack of keys (or list indexes) down to `node`, turned into text only when
 * reporting so the walk stays cheap; `argumentsReported`: a long-form intrinsic's null
 * argument already has its own E1001 (only a one-key map can be such a call).
 */
function walk(context: CheckContext, node: Node, path: Array<YAML.Node | number | string>, argumentsReported: boolean, depth: number): void {
  if (!node || depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const value = pair.value as Node;
      if (!isNull(value)) {
        path.push(pair.key as YAML.Node);
        walk(context, value, path, argumentsReported, depth + 1);
        path.pop();
        continue;
      }
      const call = argumentsReported && node.items.length === 1 ? intrinsicOf(node, { allowCondition: false }) : undefined;
      if (!call || call.short) report(context, pair.key as YAML.Node, [...path, pair.key as YAML.Node]);
    }
  } else if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index] as Node;
      if (!isNull(item)) {
        path.push(index);
        walk(context, item, path, argumentsReported, depth + 1);
        path.pop();
      } else {
        report(context, item?.range ? item : node, [...path, index]);
      }
    }
  }
}
