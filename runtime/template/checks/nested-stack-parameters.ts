import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { parseDocument } from '../../common/yaml/document';
import { entries, entry, scalarString, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

const NESTED: Record<string, string> = { 'AWS::CloudFormation::Stack': 'TemplateURL', 'AWS::Serverless::Application': 'Location' };

/** The nested template's parameters (name → has a Default), for a local template path. */
function nestedParameters(file: string): Map<string, boolean> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseDocument(file, text);
  const root = parsed.doc.contents;
  const parameters = entry(root as YAML.Node, 'Parameters')?.value;
  return new Map(entries(parameters).map((p) => [p.key, !!entry(p.value, 'Default')]));
}

/**
 * The parameter maps a Parameters value may take: the map, or each branch of Fn::If
 * (AWS::NoValue: none passed). null stands for a value that cannot be known here.
 */
function parameterSets(node: Node, depth = 0): Array<YAML.YAMLMap | undefined | null> {
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call) return [isMap(node) ? node : null];
  if (call.name === 'Ref' && scalarString(call.arg) === 'AWS::NoValue') return [undefined];
  if (call.name !== 'Fn::If' || !isSeq(call.arg) || depth > 20) return [null];
  return call.arg.items.slice(1, 3).flatMap((branch) => parameterSets(branch as Node, depth + 1));
}

/** E3043: parameters passed to a nested stack (local template) exist there, and required ones are passed. */
export const nestedStackParameters: TemplateCheck = {
  codes: ['E3043'],
  run({ model, report }) {
    const base = path.dirname(path.resolve(model.parsed.file));
    for (const [id, resource] of model.resources) {
      const property = resource.type ? NESTED[resource.type] : undefined;
      const location = property ? entry(resource.properties?.value, property) : undefined;
      if (!location || !isLiteralScalar(location.value)) continue;
      const target = scalarString(location.value) ?? '';
      if (/^(https?|s3):\/\//i.test(target) || !target) continue;
      const declared = nestedParameters(path.resolve(base, target));
      if (!declared) continue;
      const passed = entry(resource.properties?.value, 'Parameters');
      // Each parameter set the stack may be created with (both branches of any Fn::If).
      const sets = passed ? parameterSets(passed.value) : [undefined];
      const missingByName = new Set<string>();
      for (const set of sets) {
        if (set === null) continue;
        const given = entries(set);
        for (const item of given) {
          if (!declared.has(item.key)) report('E3043', model.rangeOf(item.keyNode), `${target} has no parameter "${item.key}"`);
        }
        for (const [name, hasDefault] of declared) if (!hasDefault && !given.some((g) => g.key === name)) missingByName.add(name);
      }
      if (missingByName.size) {
        const missing = [...missingByName];
        const at = passed && resource.type === 'AWS::CloudFormation::Stack' ? model.rangeOf(passed.keyNode) : resource.keyRange;
        const when = sets.length > 1 ? ' under some conditions' : '';
        report('E3043', at, `${id} does not pass ${missing.join(', ')}${when}, which ${target} requires (no Default)`);
      }
    }
  },
};
