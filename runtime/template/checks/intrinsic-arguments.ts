import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { INTRINSIC_FUNCTIONS } from '../intrinsics';
import { argumentCall, intrinsicOf, type Intrinsic, type Node } from '../nodes';
import type { CheckContext, TemplateCheck } from './context';

const LANGUAGE_EXTENSIONS = ['Fn::ForEach', 'Fn::Length', 'Fn::ToJsonString'];
const MAX_DEPTH = 200;

/**
 * Argument shapes of the intrinsic functions: E1015 GetAZs, E1016 ImportValue, E1017 Select,
 * E1018 Split, E1021 Base64, E1022 Join, E1024 Cidr, E1032 language extensions without the
 * transform, E1002 unknown Fn:: function.
 */
export const intrinsicArguments: TemplateCheck = {
  codes: ['E1002', 'E1015', 'E1033', 'E1016', 'E1017', 'E1018', 'E1021', 'E1022', 'E1024', 'E1032'],
  run(context) {
    const visit = (node: Node, depth: number) => {
      if (!node || depth > MAX_DEPTH) return;
      if (YAML.isMap(node)) {
        for (const pair of node.items) {
          const key = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
          if (key.startsWith('Fn::') && !(INTRINSIC_FUNCTIONS as readonly string[]).includes(key) && !key.startsWith('Fn::ForEach::')) {
            const guess = didYouMean(key, INTRINSIC_FUNCTIONS);
            context.report('E1002', context.model.rangeOf(pair.key as YAML.Node), `unknown intrinsic function ${key}${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
          }
        }
      }
      const call = intrinsicOf(node, { allowCondition: false });
      if (call) checkCall(call, context);
      if (YAML.isMap(node)) for (const pair of node.items) visit(pair.value as Node, depth + 1);
      else if (YAML.isSeq(node)) for (const item of node.items) visit(item as Node, depth + 1);
    };
    for (const resource of context.model.resources.values()) visit(resource.value, 0);
    for (const output of context.model.outputs.values()) visit(output.value, 0);
  },
};

function isString(node: Node): boolean {
  return YAML.isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number');
}

/** A value whose result can be a string: a scalar or an intrinsic call. */
function stringish(node: Node): boolean {
  return isString(node) || !!intrinsicOf(node, { allowCondition: false });
}

/** A value whose result can be a list: a sequence or an intrinsic call. */
function listish(node: Node): boolean {
  return YAML.isSeq(node) || !!intrinsicOf(node, { allowCondition: false });
}

function checkCall(call: Intrinsic, { model, report, languageExtensions }: CheckContext): void {
  const at = model.rangeOf(call.keyNode ?? call.node);
  const arg = call.arg;
  const items = YAML.isSeq(arg) ? (arg.items as Node[]) : undefined;
  if (!arg || (YAML.isScalar(arg) && arg.value === null && !call.short && call.name !== 'Fn::GetAZs')) {
    report('E1001', at, `${call.name} needs an argument`);
    return;
  }
  switch (call.name) {
    case 'Fn::If':
      if (!items || items.length !== 3) report('E1028', at, 'Fn::If takes [condition name, value if true, value if false]');
      else if (!isString(items[0]) || argumentCall(call, items[0])) report('E1028', model.rangeOf(items[0]), 'the first item of Fn::If must be a condition name');
      return;
    case 'Fn::Base64':
      if (!stringish(arg)) report('E1021', at, 'Fn::Base64 takes a string');
      return;
    case 'Fn::ImportValue':
      if (!stringish(arg) || argumentCall(call, arg)?.name === 'Fn::ImportValue') report('E1016', at, 'Fn::ImportValue takes an export name (a string, Sub, Join, Select, Split, If, FindInMap or Ref)');
      return;
    case 'Fn::GetAZs':
      if (arg && !(YAML.isScalar(arg) && (arg.value === null || typeof arg.value === 'string')) && !intrinsicOf(arg)) report('E1015', at, 'Fn::GetAZs takes a region name, an empty string or Ref AWS::Region');
      return;
    case 'Fn::Join':
      if (!items || items.length !== 2 || !isString(items[0]) || !listish(items[1])) report('E1022', at, 'Fn::Join takes [delimiter, [values…]]');
      return;
    case 'Fn::Split':
      if (!items || items.length !== 2 || !isString(items[0]) || !stringish(items[1])) report('E1018', at, 'Fn::Split takes [delimiter, string]');
      return;
    case 'Fn::Select':
      if (!items || items.length !== 2 || !stringish(items[0]) || !listish(items[1])) report('E1017', at, 'Fn::Select takes [index, list]');
      else if (isString(items[0]) && !/^\d+$/.test(String((items[0] as YAML.Scalar).value))) report('E1017', model.rangeOf(items[0]), 'the index of Fn::Select must be a non-negative integer');
      return;
    case 'Fn::GetStackOutput': {
      const keys = YAML.isMap(arg) && !argumentCall(call, arg) ? arg.items.map((p) => String((p.key as YAML.Scalar).value)) : undefined;
      if (!keys) report('E1033', at, 'Fn::GetStackOutput takes a map with StackName and OutputName (and optionally RoleArn, Region)');
      else {
        for (const required of ['StackName', 'OutputName']) if (!keys.includes(required)) report('E1033', at, `Fn::GetStackOutput needs ${required}`);
        for (const key of keys) if (!['StackName', 'OutputName', 'RoleArn', 'Region'].includes(key)) report('E1033', at, `Fn::GetStackOutput does not take ${key}`);
      }
      return;
    }
    case 'Fn::Cidr':
      if (!items || items.length < 2 || items.length > 3 || !stringish(items[0])) report('E1024', at, 'Fn::Cidr takes [ipBlock, count, cidrBits]');
      return;
    default:
      if (LANGUAGE_EXTENSIONS.includes(call.name) && !languageExtensions) {
        report('E1032', at, `${call.name} needs "Transform: AWS::LanguageExtensions"`);
      }
  }
}
