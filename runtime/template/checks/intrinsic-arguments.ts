import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { INTRINSIC_FUNCTIONS } from '../intrinsics';
import { argumentCall, intrinsicOf, isLiteralScalar, type Intrinsic } from '../nodes';
import { scalarString, type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import type { TemplateModel } from '../model';
import { refResult } from '../ref-results';
import type { CheckContext, TemplateCheck } from './context';

const LANGUAGE_EXTENSIONS = ['Fn::ForEach', 'Fn::Length', 'Fn::ToJsonString'];
const MAX_DEPTH = 200;
/** AWS region names: us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eu-isoe-west-1… */
const REGION = /^[a-z]{2}(-(gov|iso[a-z]?))?-[a-z]+-\d{1,2}$/;
const GET_STACK_OUTPUT_KEYS = ['StackName', 'OutputName', 'RoleArn', 'Region'];

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
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          if (key.startsWith('Fn::ForEach::')) {
            if (!context.languageExtensions) reportForEach(context, pair.key as YAML.Node);
          } else if (key.startsWith('Fn::') && !(INTRINSIC_FUNCTIONS as readonly string[]).includes(key)) {
            const guess = didYouMean(key, INTRINSIC_FUNCTIONS);
            context.report('E1002', context.model.rangeOf(pair.key as YAML.Node), `unknown intrinsic function ${key}${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
          }
        }
      }
      const call = intrinsicOf(node, { allowCondition: false });
      if (call) checkCall(call, context);
      if (isMap(node)) for (const pair of node.items) visit(pair.value as Node, depth + 1);
      else if (isSeq(node)) for (const item of node.items) visit(item as Node, depth + 1);
    };
    // A loop written directly in a section is a declaration there; loops nested in its body are found by visit.
    for (const section of [context.model.resources, context.model.outputs, context.model.conditions]) {
      for (const declaration of section.values()) {
        if (declaration.name.startsWith('Fn::ForEach::') && !context.languageExtensions) reportForEach(context, declaration.keyNode);
      }
    }
    for (const resource of context.model.resources.values()) visit(resource.value, 0);
    for (const output of context.model.outputs.values()) visit(output.value, 0);
  },
};

function reportForEach({ model, report }: CheckContext, keyNode: YAML.Node): void {
  report('E1032', model.rangeOf(keyNode), 'Fn::ForEach needs "Transform: AWS::LanguageExtensions" at the top of the template');
}

function isString(node: Node): boolean {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number');
}

/** A value whose result can be a string: a scalar or an intrinsic call. */
function stringish(node: Node): boolean {
  return isString(node) || !!intrinsicOf(node, { allowCondition: false });
}

/** Functions whose result is always a single string (or number), never a list. */
const SCALAR_RESULTS = ['Fn::Join', 'Fn::Sub', 'Fn::Base64', 'Fn::ImportValue', 'Fn::ToJsonString', 'Fn::Length', 'Fn::GetStackOutput'];

/** A value whose result can be a list: a sequence or a call that can return one. */
function listish(node: Node, model: TemplateModel): boolean {
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call) return isSeq(node);
  if (SCALAR_RESULTS.includes(call.name)) return false;
  const name = call.name === 'Ref' && isScalar(call.arg) ? scalarString(call.arg) : undefined;
  return name === undefined || refResult(model, name) !== 'string';
}

/** What a value that is not a list is instead, for messages. */
function resultOf(node: Node): string {
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref') return `; Ref ${scalarString(call.arg) ?? ''} returns a single string`;
  if (call) return `; ${call.name} returns a single string`;
  if (isMap(node)) return ', not a map';
  return isScalar(node) && node.value !== null ? `, not "${String(node.value)}"` : '';
}

function checkCall(call: Intrinsic, { model, report, languageExtensions }: CheckContext): void {
  const at = model.rangeOf(call.keyNode ?? call.node);
  const arg = call.arg;
  const items = isSeq(arg) ? (arg.items as Node[]) : undefined;
  if (!arg || (isScalar(arg) && arg.value === null && !call.short && call.name !== 'Fn::GetAZs')) {
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
    case 'Fn::GetAZs': {
      // `!GetAZs` alone is the documented short form of `!GetAZs ""`; a long form needs its string.
      if (!call.short && isScalar(arg) && arg.value === null) {
        report('E1015', at, 'Fn::GetAZs takes a region name, "" (this region) or Ref AWS::Region, not null');
        return;
      }
      if (arg && !(isScalar(arg) && (arg.value === null || typeof arg.value === 'string')) && !intrinsicOf(arg)) {
        report('E1015', at, 'Fn::GetAZs takes a region name, an empty string or Ref AWS::Region');
        return;
      }
      const region = isScalar(arg) && (call.short || isLiteralScalar(arg)) && typeof arg.value === 'string' ? arg.value : undefined;
      if (region && !REGION.test(region)) {
        const zone = /^(.*\d)[a-z]$/.exec(region);
        report('E1015', model.rangeOf(arg), `"${region}" is not a region name (such as us-east-1)${zone && REGION.test(zone[1]) ? `; it looks like an availability zone of ${zone[1]}` : ''}`);
      }
      return;
    }
    case 'Fn::Join':
      if (!items || items.length !== 2 || !isString(items[0])) report('E1022', at, 'Fn::Join takes [delimiter, [values…]]');
      if (items && items.length >= 2 && !listish(items[1], model)) report('E1022', model.rangeOf(items[1]), `the values of Fn::Join must be a list${resultOf(items[1])}`);
      return;
    case 'Fn::Split':
      if (!items || items.length !== 2 || !isString(items[0]) || !stringish(items[1])) report('E1018', at, 'Fn::Split takes [delimiter, string]');
      return;
    case 'Fn::Select':
      if (!items || items.length !== 2 || !stringish(items[0])) report('E1017', at, 'Fn::Select takes [index, list]');
      else if (isString(items[0]) && !/^\d+$/.test(String((items[0] as YAML.Scalar).value))) report('E1017', model.rangeOf(items[0]), 'the index of Fn::Select must be a non-negative integer');
      if (items && items.length >= 2 && !listish(items[1], model)) report('E1017', model.rangeOf(items[1]), `Fn::Select picks from a list${resultOf(items[1])}`);
      return;
    case 'Fn::GetStackOutput': {
      if (!isMap(arg) || argumentCall(call, arg)) {
        report('E1033', at, 'Fn::GetStackOutput takes a map with StackName and OutputName (and optionally RoleArn, Region)');
        return;
      }
      const keys = arg.items.map((p) => ({ name: scalarString(p.key as Node) ?? '', node: p.key as YAML.Node }));
      for (const required of ['StackName', 'OutputName']) if (!keys.some((k) => k.name === required)) report('E1033', at, `Fn::GetStackOutput needs ${required}`);
      for (const key of keys) {
        if (GET_STACK_OUTPUT_KEYS.includes(key.name)) continue;
        const guess = didYouMean(key.name, GET_STACK_OUTPUT_KEYS);
        report('E1033', model.rangeOf(key.node), `Fn::GetStackOutput does not take ${key.name} (it takes ${GET_STACK_OUTPUT_KEYS.join(', ')})${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
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
