import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, TextEdit, type Range } from 'vscode-languageserver-types';
import { CFN_SHORT_TAGS } from '../../../runtime/common/cfn-tags';
import { INTRINSIC_FUNCTIONS, PSEUDO_PARAMETERS } from '../../../runtime/template/intrinsics';
import { templateModel, TOP_LEVEL_SECTIONS, type TemplateModel } from '../../../runtime/template/model';
import { entries, entry } from '../../../runtime/common/yaml/nodes';
import { describeType, documentationUrl, loadSpec, type CfnSpec, type PropertySpec } from '../../../runtime/template/spec';
import type { FeatureRequest } from '../../features';
import { templateCursor, type TemplateCursor } from './cursor';
import { objectName, propertiesAt, propertyAt } from './spec-path';

const RESOURCE_ATTRIBUTES = ['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy'];
const PARAMETER_ATTRIBUTES = ['Type', 'Default', 'AllowedValues', 'AllowedPattern', 'Description', 'ConstraintDescription', 'MinLength', 'MaxLength', 'MinValue', 'MaxValue', 'NoEcho'];
const PARAMETER_TYPES = ['String', 'Number', 'List<Number>', 'CommaDelimitedList', 'AWS::EC2::KeyPair::KeyName', 'AWS::EC2::VPC::Id', 'AWS::EC2::Subnet::Id', 'List<AWS::EC2::Subnet::Id>', 'AWS::EC2::SecurityGroup::Id', 'List<AWS::EC2::SecurityGroup::Id>', 'AWS::EC2::Image::Id', 'AWS::SSM::Parameter::Value<String>'];
const OUTPUT_ATTRIBUTES = ['Value', 'Description', 'Export', 'Condition'];
const POLICIES: Record<string, string[]> = {
  DeletionPolicy: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'],
  UpdateReplacePolicy: ['Delete', 'Retain', 'Snapshot'],
};

/** Completion for templates: sections, resource types, properties, values, intrinsic targets. Works on broken text. */
export function templateCompletion(request: FeatureRequest): CompletionItem[] {
  const { analysis, position } = request;
  const parsed = analysis.parsed;
  const model = templateModel(parsed);
  const spec = loadSpec();
  const context = templateCursor(parsed, position);
  const range: Range = { start: context.prefixStart, end: position };
  const items = complete(context, model, spec, parsed.format === 'json');
  return items.map((item) => (item.textEdit ? item : { ...item, textEdit: TextEdit.replace(range, item.insertText ?? item.label) }));
}

function complete(context: TemplateCursor, model: TemplateModel, spec: CfnSpec, json: boolean): CompletionItem[] {
  if (context.subVariable !== undefined) return subTargets(context, model, spec);
  if (context.tag) return intrinsicTargets(context.tag, context, model, spec);
  const [section, id, third, ...rest] = context.path;
  if (context.inKey) {
    if (context.path.length === 0) return keys(TOP_LEVEL_SECTIONS, CompletionItemKind.Module, json);
    if (section === 'Resources' && context.path.length === 2) return keys(RESOURCE_ATTRIBUTES, CompletionItemKind.Field, json, ['Type', 'Properties']);
    if (section === 'Parameters' && context.path.length === 2) return keys(PARAMETER_ATTRIBUTES, CompletionItemKind.Field, json, ['Type']);
    if (section === 'Outputs' && context.path.length === 2) return keys(OUTPUT_ATTRIBUTES, CompletionItemKind.Field, json, ['Value']);
    if (section === 'Resources' && third === 'Properties') {
      const type = model.resources.get(id)?.type;
      const props = type ? propertiesAt(spec, type, rest) : undefined;
      const items = props && type ? propertyKeys(props.properties, presentKeys(model, context.path), json, (name) => propertyDocumentation(spec, type, props.propertyType, name)) : [];
      return [...items, ...intrinsicKeys(json)];
    }
    return intrinsicKeys(json);
  }
  // Values.
  if (context.prefix.startsWith('!')) return shortTags();
  const key = context.key;
  if (section === 'Resources' && context.path.length === 2) {
    if (key === 'Type') return resourceTypes(spec, context.prefix);
    if (key === 'DependsOn') return [...model.resources.keys()].filter((name) => name !== id).map((name) => target(name, CompletionItemKind.Class, model.resources.get(name)?.type));
    if (key === 'Condition') return conditionNames(model);
    if (key && POLICIES[key]) return POLICIES[key].map((value) => ({ label: value, kind: CompletionItemKind.EnumMember }));
  }
  if (section === 'Resources' && context.path.length === 3 && context.path[2] === 'DependsOn') {
    return [...model.resources.keys()].filter((name) => name !== id).map((name) => target(name, CompletionItemKind.Class, model.resources.get(name)?.type));
  }
  if (section === 'Parameters' && key === 'Type') return PARAMETER_TYPES.map((value) => ({ label: value, kind: CompletionItemKind.TypeParameter }));
  if (key === 'Ref') return refTargets(model);
  if (key === 'Fn::GetAtt') return getAttTargets(context.prefix, model, spec);
  if (key === 'Condition' && section !== 'Resources') return conditionNames(model);
  if (section === 'Resources' && third === 'Properties' && key) {
    const type = model.resources.get(id)?.type;
    const found = type ? propertyAt(spec, type, [...rest.filter((k) => k !== key), key]) ?? propertyAt(spec, type, rest) : undefined;
    const values = found ? valueItems(found.property) : [];
    return [...values, ...shortTags()];
  }
  return shortTags();
}

function keys(names: readonly string[], kind: CompletionItemKind, json: boolean, first: string[] = []): CompletionItem[] {
  return names.map((name) => ({
    label: name,
    kind,
    sortText: `${first.includes(name) ? '0' : '1'}${name}`,
    insertText: json ? name : `${name}: `,
  }));
}

function presentKeys(model: TemplateModel, path: string[]): Set<string> {
  let node = model.root as Parameters<typeof entry>[0];
  for (const key of path) node = entry(node, key)?.value;
  return new Set(entries(node).map((e) => e.key));
}

const UPDATE_TEXT: Record<PropertySpec['update'], string> = {
  Mutable: 'Update requires: No interruption',
  Immutable: 'Update requires: Replacement',
  Conditional: 'Update requires: Some interruptions or replacement',
};

/** The documentation line of a property, with a link to its AWS page (Markdown). */
function propertyDocumentation(spec: CfnSpec, resourceType: string, propertyType: string | undefined, name: string): string {
  const line = spec.documentation(resourceType, { property: name, propertyType });
  const url = documentationUrl(resourceType, { property: name, propertyType });
  return `${line ? `${line}\n\n` : ''}[AWS documentation](${url})`;
}

/**
 * Property names, required first; structured values get a snippet that opens the nested block.
 * The detail says type, required and update behaviour; the documentation, what the property is.
 */
function propertyKeys(properties: Record<string, PropertySpec>, present: Set<string>, json: boolean, documentation: (name: string) => string): CompletionItem[] {
  return Object.values(properties)
    .filter((p) => !present.has(p.name))
    .map((p) => {
      const shape = p.type.kind === 'list' ? 'list' : objectName(p.type) || p.type.kind === 'map' ? 'map' : 'scalar';
      const insertText = json ? p.name : shape === 'list' ? `${p.name}:\n  - $0` : shape === 'map' ? `${p.name}:\n  $0` : `${p.name}: $0`;
      return {
        label: p.name,
        kind: CompletionItemKind.Property,
        // A structure is often named like its property (Code: Code): then say what kind it is instead.
        detail: `${describeType(p.type) === p.name ? 'Object' : describeType(p.type)} · ${p.required ? 'Required' : 'Optional'} · ${UPDATE_TEXT[p.update]}`,
        documentation: { kind: MarkupKind.Markdown, value: documentation(p.name) },
        sortText: `${p.required ? '0' : '1'}${p.name}`,
        insertText,
        insertTextFormat: json ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
        deprecated: p.deprecated || undefined,
      };
    });
}

function valueItems(property: PropertySpec): CompletionItem[] {
  if (property.allowedValues) return property.allowedValues.map((value) => ({ label: String(value), kind: CompletionItemKind.EnumMember }));
  if (property.type.kind === 'primitive' && property.type.name === 'Boolean') return ['true', 'false'].map((label) => ({ label, kind: CompletionItemKind.Value }));
  return [];
}

/** Resource types, matched fuzzily: "s3buck" finds AWS::S3::Bucket. */
export function resourceTypes(spec: CfnSpec, prefix: string): CompletionItem[] {
  const query = prefix.toLowerCase().replace(/[^a-z0-9]/g, '');
  const scored: Array<[number, string]> = [];
  for (const type of spec.resourceTypes()) {
    const score = fuzzyScore(type.toLowerCase().replace(/[^a-z0-9]/g, ''), query);
    if (score !== undefined) scored.push([score, type]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  // The client filters again by filterText; giving it the typed text keeps the fuzzy order.
  return scored.slice(0, 200).map(([, type], index) => ({
    label: type,
    kind: CompletionItemKind.Class,
    sortText: String(index).padStart(4, '0'),
    filterText: prefix || type,
  }));
}

/** Lower is better; undefined when the query's letters do not appear in order. */
function fuzzyScore(candidate: string, query: string): number | undefined {
  if (!query) return 0;
  let position = -1;
  let gaps = 0;
  for (const char of query) {
    const next = candidate.indexOf(char, position + 1);
    if (next < 0) return undefined;
    if (position >= 0) gaps += next - position - 1;
    position = next;
  }
  const start = candidate.indexOf(query[0]);
  return gaps * 2 + start * 0.1 + candidate.length * 0.01;
}

function target(name: string, kind: CompletionItemKind, detail?: string): CompletionItem {
  return { label: name, kind, detail };
}

function refTargets(model: TemplateModel): CompletionItem[] {
  return [
    ...[...model.parameters.keys()].map((name) => ({ ...target(name, CompletionItemKind.Variable, 'parameter'), sortText: `0${name}` })),
    ...[...model.resources].map(([name, r]) => ({ ...target(name, CompletionItemKind.Class, r.type), sortText: `1${name}` })),
    ...PSEUDO_PARAMETERS.map((name) => ({ ...target(name, CompletionItemKind.Constant, 'pseudo parameter'), sortText: `2${name}` })),
  ];
}

function conditionNames(model: TemplateModel): CompletionItem[] {
  return [...model.conditions.keys()].map((name) => target(name, CompletionItemKind.Enum, 'condition'));
}

function getAttTargets(prefix: string, model: TemplateModel, spec: CfnSpec): CompletionItem[] {
  const dot = prefix.indexOf('.');
  if (dot < 0) return [...model.resources].map(([name, r]) => ({ ...target(name, CompletionItemKind.Class, r.type), insertText: name }));
  const resource = model.resources.get(prefix.slice(0, dot));
  const attributes = resource?.type ? spec.resource(resource.type)?.attributes ?? {} : {};
  return Object.entries(attributes).map(([name, type]) => ({ label: `${prefix.slice(0, dot)}.${name}`, kind: CompletionItemKind.Field, detail: describeType(type), filterText: `${prefix.slice(0, dot)}.${name}` }));
}

function intrinsicTargets(tag: string, context: TemplateCursor, model: TemplateModel, spec: CfnSpec): CompletionItem[] {
  switch (tag) {
    case '!Ref':
      return refTargets(model);
    case '!GetAtt':
      return getAttTargets(context.prefix, model, spec);
    case '!Condition':
      return conditionNames(model);
    case '!If':
      return /!If\s*\[\s*[\w]*$/.test(context.before) ? conditionNames(model) : [];
    case '!FindInMap':
      return /!FindInMap\s*\[\s*[\w]*$/.test(context.before) ? [...model.mappings.keys()].map((name) => target(name, CompletionItemKind.Struct, 'mapping')) : mappingKeys(context, model);
    default:
      return [];
  }
}

/** The top-level keys of the mapping named first in `!FindInMap [Map, |`. */
function mappingKeys(context: TemplateCursor, model: TemplateModel): CompletionItem[] {
  const match = /!FindInMap\s*\[\s*([\w]+)\s*,\s*[\w-]*$/.exec(context.before);
  const mapping = match ? model.mappings.get(match[1]) : undefined;
  return entries(mapping?.value).map((e) => target(e.key, CompletionItemKind.Value, `key of ${match![1]}`));
}

/** `${` inside Fn::Sub: parameters, resources (and Resource.Attribute), pseudo parameters. */
function subTargets(context: TemplateCursor, model: TemplateModel, spec: CfnSpec): CompletionItem[] {
  const typed = context.subVariable ?? '';
  const start = { line: context.prefixStart.line, character: context.prefixStart.character + context.prefix.length - typed.length };
  const range: Range = { start, end: { line: start.line, character: start.character + typed.length } };
  const edit = (label: string): CompletionItem['textEdit'] => TextEdit.replace(range, `${label}}`);
  const dot = typed.indexOf('.');
  if (dot > 0) {
    const resource = model.resources.get(typed.slice(0, dot));
    const attributes = resource?.type ? spec.resource(resource.type)?.attributes ?? {} : {};
    return Object.keys(attributes).map((name) => ({ label: `${typed.slice(0, dot)}.${name}`, kind: CompletionItemKind.Field, textEdit: edit(`${typed.slice(0, dot)}.${name}`) }));
  }
  return refTargets(model).map((item) => ({ ...item, textEdit: edit(item.label) }));
}

/** Short-form tags with a snippet for their arguments. */
function shortTags(): CompletionItem[] {
  return Object.keys(CFN_SHORT_TAGS).map((tag) => ({ label: tag, kind: CompletionItemKind.Function, detail: CFN_SHORT_TAGS[tag], insertText: `${tag} ` }));
}

/** Long-form intrinsic function keys (`Fn::Sub:`), for both JSON and YAML. */
function intrinsicKeys(json: boolean): CompletionItem[] {
  return INTRINSIC_FUNCTIONS.filter((name) => name !== 'Condition').map((name) => ({
    label: name,
    kind: CompletionItemKind.Function,
    sortText: `9${name}`,
    insertText: json ? name : `${name}: `,
  }));
}
