import * as YAML from 'yaml';
import type { Range } from '../common/diagnostics';
import { documentValue, type ParsedDocument } from '../common/yaml/document';
import { subVariables } from './intrinsics';
import { entries, entry, scalarString, type MapEntry, type Node, isMap, isScalar, isSeq } from '../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar, locateInScalar, longFormOf, scalarContentStart } from './nodes';

/**
 * A CloudFormation template with positions: its sections and declarations, every name
 * reference (Ref, GetAtt, Sub variables, DependsOn, Condition, If, FindInMap) with the
 * range of the name, and each `Fn::Sub` string with its `${}` variables. Built from
 * whatever `yaml` recovered, so it exists for broken documents too (for completion).
 */

export const TOP_LEVEL_SECTIONS = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
] as const;

export type DeclarationSection = 'Parameters' | 'Mappings' | 'Conditions' | 'Resources' | 'Outputs';

export interface Declaration {
  section: DeclarationSection;
  name: string;
  keyNode: YAML.Node;
  /** The range of the logical id / name. */
  keyRange: Range;
  value: Node;
  /** From the name to the end of the value. */
  range: Range;
}

export interface ResourceDeclaration extends Declaration {
  /** The `Type` value when it is a string. */
  type?: string;
  typeNode?: Node;
  properties?: MapEntry;
}

export type ReferenceKind = 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'If' | 'FindInMap';

export interface NameReference {
  via: ReferenceKind;
  name: string;
  /** Range of the name itself (inside a `!GetAtt A.B` or `${A.B}`, of `A`). */
  range: Range;
  attribute?: string;
  attributeRange?: Range;
  /** Where the reference is written. */
  from: { section: DeclarationSection; id: string };
  node: YAML.Node;
}

export interface SubVariableRef {
  name: string;
  /** Range of the text between `${` and `}`. */
  range: Range;
}

export interface SubExpression {
  node: YAML.Node;
  /** The string argument (its node is `stringNode`), when it is a string. */
  text?: string;
  stringNode?: YAML.Node;
  variables: SubVariableRef[];
  /** Names defined by the second (map) argument of the list form. */
  locals: Map<string, MapEntry>;
  /** The list form's variable map node. */
  localsNode?: Node;
  from: { section: DeclarationSection; id: string };
  /** `${` without a closing `}` (offset in the string). */
  unclosedAt?: number;
}

export interface TemplateModel {
  parsed: ParsedDocument;
  root: YAML.YAMLMap | undefined;
  sections: Map<string, MapEntry>;
  parameters: Map<string, Declaration>;
  mappings: Map<string, Declaration>;
  conditions: Map<string, Declaration>;
  resources: Map<string, ResourceDeclaration>;
  outputs: Map<string, Declaration>;
  references: NameReference[];
  subs: SubExpression[];
  /** Names in the `Transform` section (`AWS::Serverless-2016-10-31`…). */
  transforms: string[];
  /** The template as plain values with long-form intrinsics (computed on first use). */
  value(): Record<string, unknown>;
  rangeOf(node: Node): Range;
  range(start: number, end: number): Range;
}

/** Deeper nesting than this is not walked for references (fuzzed or generated input). */
const MAX_DEPTH = 400;

const cache = new WeakMap<ParsedDocument, TemplateModel>();

/** The model of a parsed document, built once per parse and shared by checks and features. */
export function templateModel(parsed: ParsedDocument): TemplateModel {
  const hit = cache.get(parsed);
  if (hit) return hit;
  const model = buildModel(parsed);
  cache.set(parsed, model);
  return model;
}

function buildModel(parsed: ParsedDocument): TemplateModel {
  const { lines } = parsed;
  const root = isMap(parsed.doc.contents) ? parsed.doc.contents : undefined;
  const zero = lines.rangeOf(0, 0);
  const rangeOf = (node: Node): Range => (node?.range ? lines.rangeOf(node.range[0], node.range[1]) : zero);
  let plain: Record<string, unknown> | undefined;
  const model: TemplateModel = {
    parsed,
    root,
    sections: new Map(),
    parameters: new Map(),
    mappings: new Map(),
    conditions: new Map(),
    resources: new Map(),
    outputs: new Map(),
    references: [],
    subs: [],
    transforms: [],
    value() {
      if (!plain) {
        const value = documentValue(parsed);
        plain = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      }
      return plain;
    },
    rangeOf,
    range: (start, end) => lines.rangeOf(start, end),
  };
  for (const item of entries(root)) model.sections.set(item.key, item);

  const declare = (section: DeclarationSection, item: MapEntry): Declaration => {
    const start = item.keyNode.range?.[0] ?? 0;
    const end = item.value?.range?.[1] ?? item.keyNode.range?.[1] ?? start;
    return { section, name: item.key, keyNode: item.keyNode, keyRange: rangeOf(item.keyNode), value: item.value, range: lines.rangeOf(start, end) };
  };
  for (const section of ['Parameters', 'Mappings', 'Conditions', 'Outputs'] as const) {
    const target = model[section.toLowerCase() as 'parameters' | 'mappings' | 'conditions' | 'outputs'];
    for (const item of entries(model.sections.get(section)?.value)) target.set(item.key, declare(section, item));
  }
  for (const item of entries(model.sections.get('Resources')?.value)) {
    const declaration: ResourceDeclaration = declare('Resources', item);
    const typeEntry = entry(item.value, 'Type');
    if (typeEntry) {
      declaration.typeNode = typeEntry.value;
      declaration.type = isLiteralScalar(typeEntry.value) ? scalarString(typeEntry.value) : undefined;
    }
    declaration.properties = entry(item.value, 'Properties');
    model.resources.set(item.key, declaration);
  }
  const transform = model.sections.get('Transform')?.value;
  if (isSeq(transform)) {
    for (const item of transform.items) {
      const name = scalarString(item as Node);
      if (name) model.transforms.push(name);
    }
  } else {
    const name = scalarString(transform);
    if (name) model.transforms.push(name);
  }

  collectReferences(model);
  return model;
}

function collectReferences(model: TemplateModel): void {
  const { text } = model.parsed;
  const scalarRange = (node: YAML.Node, offsetInValue: number, length: number): Range => {
    if (isScalar(node)) {
      const start = scalarContentStart(node, text);
      if (start !== undefined && (node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
        return model.range(start + offsetInValue, start + offsetInValue + length);
      }
    }
    return model.rangeOf(node);
  };
  const nameRef = (via: ReferenceKind, node: Node, from: NameReference['from']) => {
    const name = scalarString(node);
    if (name === undefined || !node) return;
    model.references.push({ via, name, range: scalarRange(node, 0, name.length), from, node });
  };

  const walk = (node: Node, from: NameReference['from'], depth: number): void => {
    if (!node || depth > MAX_DEPTH) return;
    const call = intrinsicOf(node, { allowCondition: from.section === 'Conditions' });
    if (call) {
      handleIntrinsic(call.name, call.arg, call.short, node, from, depth);
      return;
    }
    if (isMap(node)) for (const pair of node.items) walk(pair.value as Node, from, depth + 1);
    else if (isSeq(node)) for (const item of node.items) walk(item as Node, from, depth + 1);
  };

  const walkChildren = (node: Node, from: NameReference['from'], depth: number) => {
    if (isMap(node)) for (const pair of node.items) walk(pair.value as Node, from, depth + 1);
    else if (isSeq(node)) for (const item of node.items) walk(item as Node, from, depth + 1);
  };

  const handleIntrinsic = (name: string, arg: Node, short: boolean, node: YAML.Node, from: NameReference['from'], depth: number) => {
    switch (name) {
      case 'Ref':
        if (isScalar(arg)) nameRef('Ref', arg, from);
        else walkChildren(arg, from, depth);
        return;
      case 'Condition':
        if (isScalar(arg)) nameRef('Condition', arg, from);
        return;
      case 'Fn::GetAtt': {
        if (isScalar(arg)) {
          const value = scalarString(arg) ?? '';
          const dot = value.indexOf('.');
          const resource = dot < 0 ? value : value.slice(0, dot);
          const reference: NameReference = { via: 'GetAtt', name: resource, range: scalarRange(arg, 0, resource.length), from, node: arg };
          if (dot >= 0) {
            reference.attribute = value.slice(dot + 1);
            reference.attributeRange = scalarRange(arg, dot + 1, value.length - dot - 1);
          }
          model.references.push(reference);
        } else if (isSeq(arg)) {
          const [first, second] = arg.items as Node[];
          const resource = isLiteralScalar(first) ? scalarString(first) : undefined;
          if (resource === undefined) walk(first, from, depth + 1);
          if (resource !== undefined && first) {
            const reference: NameReference = { via: 'GetAtt', name: resource, range: scalarRange(first, 0, resource.length), from, node: first };
            const attribute = isLiteralScalar(second) ? scalarString(second) : undefined;
            if (attribute !== undefined && second) {
              reference.attribute = attribute;
              reference.attributeRange = scalarRange(second, 0, attribute.length);
            } else if (second) {
              walk(second, from, depth + 1);
            }
            model.references.push(reference);
          }
        }
        return;
      }
      case 'Fn::Sub':
        handleSub(arg, node, from, depth);
        return;
      case 'Fn::If':
        if (isSeq(arg)) {
          const [condition, ...branches] = arg.items as Node[];
          if (isLiteralScalar(condition)) nameRef('If', condition, from);
          else walk(condition, from, depth + 1);
          for (const branch of branches) walk(branch, from, depth + 1);
        }
        return;
      case 'Fn::FindInMap':
        if (isSeq(arg)) {
          const [mapName, ...rest] = arg.items as Node[];
          if (isLiteralScalar(mapName)) nameRef('FindInMap', mapName, from);
          else walk(mapName, from, depth + 1);
          for (const item of rest) walk(item, from, depth + 1);
        }
        return;
      default: {
        // `!Base64` over an `Fn::Sub:` map: the map is the argument, and a call itself.
        const inner = short ? longFormOf(arg) : undefined;
        if (inner) handleIntrinsic(inner.name, inner.arg, false, inner.node, from, depth + 1);
        else if (short) walkChildren(arg, from, depth);
        else walk(arg, from, depth + 1);
      }
    }
  };

  const handleSub = (arg: Node, node: YAML.Node, from: NameReference['from'], depth: number) => {
    let stringNode: Node = arg;
    let localsNode: Node;
    if (isSeq(arg)) {
      stringNode = arg.items[0] as Node;
      localsNode = arg.items[1] as Node;
      walk(localsNode, from, depth + 1);
    }
    const locals = new Map(entries(localsNode).map((item) => [item.key, item]));
    const expression: SubExpression = { node, variables: [], locals, localsNode, from };
    model.subs.push(expression);
    const value = isScalar(stringNode) && typeof stringNode.value === 'string' ? stringNode.value : undefined;
    if (value === undefined || !stringNode) {
      if (stringNode && !isScalar(stringNode)) walk(stringNode, from, depth + 1);
      return;
    }
    expression.text = value;
    expression.stringNode = stringNode;
    const seen = new Map<string, number>();
    for (const variable of subVariables(value)) {
      const raw = value.slice(variable.start, variable.end);
      const occurrence = seen.get(raw) ?? 0;
      seen.set(raw, occurrence + 1);
      const located = locateInScalar(stringNode as YAML.Scalar, model.parsed.text, raw, occurrence);
      const range = located ? model.range(located[0] + 2, located[1] - 1) : model.rangeOf(stringNode);
      expression.variables.push({ name: variable.name, range });
      if (locals.has(variable.name)) continue;
      const dot = variable.name.indexOf('.');
      const name = dot < 0 ? variable.name : variable.name.slice(0, dot);
      const nameRange = located ? model.range(located[0] + 2, located[0] + 2 + name.length) : range;
      const reference: NameReference = { via: 'Sub', name, range: nameRange, from, node: stringNode };
      if (dot >= 0) {
        reference.attribute = variable.name.slice(dot + 1);
        reference.attributeRange = located ? model.range(located[0] + 3 + name.length, located[1] - 1) : range;
      }
      model.references.push(reference);
    }
    const lastClose = value.lastIndexOf('}');
    const lastOpen = value.lastIndexOf('${');
    if (lastOpen > lastClose) expression.unclosedAt = lastOpen;
  };

  for (const [id, resource] of model.resources) {
    const from = { section: 'Resources' as const, id };
    const condition = entry(resource.value, 'Condition');
    if (condition && isLiteralScalar(condition.value)) nameRef('Condition', condition.value, from);
    const dependsOn = entry(resource.value, 'DependsOn')?.value;
    if (isLiteralScalar(dependsOn)) nameRef('DependsOn', dependsOn, from);
    else if (isSeq(dependsOn)) for (const item of dependsOn.items) if (isLiteralScalar(item as Node)) nameRef('DependsOn', item as YAML.Node, from);
    walk(resource.properties?.value, from, 1);
    walk(entry(resource.value, 'Metadata')?.value, from, 1);
    for (const key of ['UpdatePolicy', 'CreationPolicy', 'DeletionPolicy', 'UpdateReplacePolicy']) walk(entry(resource.value, key)?.value, from, 1);
  }
  for (const [id, condition] of model.conditions) walk(condition.value, { section: 'Conditions', id }, 1);
  for (const [id, output] of model.outputs) {
    const from = { section: 'Outputs' as const, id };
    const condition = entry(output.value, 'Condition');
    if (condition && isScalar(condition.value)) nameRef('Condition', condition.value, from);
    for (const item of entries(output.value)) if (item.key !== 'Condition') walk(item.value, from, 1);
  }
}

/** The declaration a name refers to, in the sections where that kind of reference looks. */
export function declarationFor(model: TemplateModel, reference: Pick<NameReference, 'via' | 'name'>): Declaration | undefined {
  switch (reference.via) {
    case 'Ref':
    case 'Sub':
      return model.parameters.get(reference.name) ?? model.resources.get(reference.name);
    case 'GetAtt':
    case 'DependsOn':
      return model.resources.get(reference.name);
    case 'Condition':
    case 'If':
      return model.conditions.get(reference.name);
    case 'FindInMap':
      return model.mappings.get(reference.name);
  }
}
