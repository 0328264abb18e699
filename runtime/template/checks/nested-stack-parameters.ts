import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { parseDocument } from '../../common/document';
import { entries, entry, intrinsicOf, isLiteralScalar, scalarString } from '../nodes';
import type { TemplateCheck } from './context';
import { isMap } from '../../common/yaml-kinds';

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
      // Parameters chosen by conditions (Fn::If) are not followed here.
      if (passed && (!isMap(passed.value) || intrinsicOf(passed.value))) continue;
      const given = entries(passed?.value);
      for (const item of given) {
        if (!declared.has(item.key)) report('E3043', model.rangeOf(item.keyNode), `${target} has no parameter "${item.key}"`);
      }
      const missing = [...declared].filter(([name, hasDefault]) => !hasDefault && !given.some((g) => g.key === name)).map(([name]) => name);
      if (missing.length) {
        const at = passed && resource.type === 'AWS::CloudFormation::Stack' ? model.rangeOf(passed.keyNode) : resource.keyRange;
        report('E3043', at, `${id} does not pass ${missing.join(', ')}, which ${target} requires (no Default)`);
      }
    }
  },
};
