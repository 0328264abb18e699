import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { templateModel, type TemplateModel } from '../../../runtime/template/model';
import { entry, scalarString } from '../../../runtime/common/yaml/nodes';
import { describeType, documentationUrl, loadSpec, type Bounds, type CfnSpec, type PropertySpec, type ValueLimits } from '../../../runtime/template/spec';
import { isPseudoParameter } from '../../../runtime/template/intrinsics';
import { CFN_SHORT_TAGS } from '../../../runtime/common/cfn-tags';
import type { FeatureRequest } from '../../features';
import { intrinsicDoc } from './intrinsic-docs';
import { targetAt } from './locate';
import { propertyAt } from './spec-path';

const UPDATE_TEXT = { Mutable: 'No interruption (or some interruption)', Immutable: 'Replacement', Conditional: 'Replacement, depending on the change' };

/** Hover: resource types, properties, logical ids and intrinsic targets, with links to the AWS pages. */
export function templateHover(request: FeatureRequest): Hover | null {
  const model = templateModel(request.analysis.parsed);
  const spec = loadSpec();
  const fn = intrinsicAt(request.analysis.parsed.lines.lineText(request.position.line), request.position.character);
  if (fn) return { contents: { kind: MarkupKind.Markdown, value: `**${fn.name}** — ${fn.doc.description}\n\n[AWS documentation](${fn.doc.url})` } };
  const target = targetAt(model, request.position);
  if (!target) return null;
  let markdown: string | undefined;
  let range = undefined;
  if (target.kind === 'type') {
    markdown = typeHover(spec, target.type);
    range = target.range;
  } else if (target.kind === 'reference') {
    range = target.onAttribute ? target.reference.attributeRange : target.reference.range;
    markdown = target.onAttribute ? attributeHover(model, spec, target.reference.name, target.reference.attribute!) : nameHover(model, spec, target.reference.name, target.reference.via);
  } else if (target.kind === 'declaration') {
    range = target.declaration.keyRange;
    markdown = nameHover(model, spec, target.declaration.name, target.declaration.section === 'Resources' ? 'Ref' : target.declaration.section);
  } else if (target.kind === 'key') {
    range = target.range;
    const [section, id, properties, ...rest] = target.path;
    const type = section === 'Resources' ? model.resources.get(id)?.type : undefined;
    if (type && properties === 'Properties' && rest.length) {
      const found = propertyAt(spec, type, rest);
      if (found) markdown = propertyHover(spec, type, found.property, found.parent.propertyType);
    }
  }
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown }, range } : null;
}

/** A short tag (`!Sub`) or long-form function key (`Fn::Sub:`, `Ref:`) under the cursor. */
function intrinsicAt(line: string, character: number): { name: string; doc: NonNullable<ReturnType<typeof intrinsicDoc>> } | undefined {
  const pattern = /!([A-Za-z]+)|(Fn::[A-Za-z]+|Ref|Condition)(?=["']?\s*:)/g;
  for (const match of line.matchAll(pattern)) {
    if (character < match.index! || character > match.index! + match[0].length) continue;
    const name = match[1] ? CFN_SHORT_TAGS[`!${match[1]}`] : match[2];
    const doc = name ? intrinsicDoc(name) : undefined;
    if (doc) return { name, doc };
  }
  return undefined;
}

function firstParagraph(text: string | undefined): string {
  if (!text) return '';
  const paragraph = text.split('\n\n')[0];
  return paragraph.length > 600 ? `${paragraph.slice(0, 600)}…` : paragraph;
}

/** How many GetAtt attributes a resource-type hover names. */
const HOVER_ATTRIBUTES = 5;

function typeHover(spec: CfnSpec, type: string): string | undefined {
  const resource = spec.resource(type);
  if (!resource) return undefined;
  const attributes = Object.keys(resource.attributes);
  // What it is and where to read more first; the attribute list stays short (completion lists them all).
  const shown = attributes.slice(0, HOVER_ATTRIBUTES);
  const more = attributes.length - shown.length;
  return [
    `**${type}**`,
    firstParagraph(spec.documentation(type)),
    `[AWS documentation](${documentationUrl(type)})`,
    resource.primaryIdentifier ? `Identifier: ${resource.primaryIdentifier.join(', ')}` : '',
    shown.length ? `GetAtt attributes: ${shown.map((a) => `\`${a}\``).join(', ')}${more > 0 ? ` and ${more} more` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function propertyHover(spec: CfnSpec, resourceType: string, property: PropertySpec, propertyType?: string): string {
  const doc = spec.documentation(resourceType, { property: property.name, propertyType });
  const lines = [
    `**${property.name}** — \`${describeType(property.type)}\`${property.required ? ' · **required**' : ''}`,
    `Update requires: ${UPDATE_TEXT[property.update]}`,
    property.allowedValues ? `Allowed values: ${property.allowedValues.map((v) => `\`${v}\``).join(', ')}` : '',
    limitsText(property.limits),
    firstParagraph(doc),
    `[AWS documentation](${documentationUrl(resourceType, { property: property.name, propertyType })})`,
  ];
  return lines.filter(Boolean).join('\n\n');
}

/** "Length 1–64 · Pattern `^[\w+=,.@-]+$`": the registry schema's limits, as the checks apply them. */
function limitsText(limits: ValueLimits | undefined): string {
  if (!limits) return '';
  const bounds = (label: string, b: Bounds | undefined) => {
    if (!b) return '';
    const [min, max] = b;
    if (min !== null && max !== null) return min === max ? `${label} ${min}` : `${label} ${min}–${max}`;
    return min !== null ? `${label} at least ${min}` : max !== null ? `${label} at most ${max}` : '';
  };
  const parts = [bounds('Length', limits.length), bounds('Items', limits.items), bounds('Each item’s length', limits.itemLength), bounds('Range', limits.range), limits.pattern ? `Pattern \`${limits.pattern}\`` : ''];
  return parts.filter(Boolean).join(' · ');
}

function nameHover(model: TemplateModel, spec: CfnSpec, name: string, via: string): string | undefined {
  if (isPseudoParameter(name)) return `**${name}** — pseudo parameter`;
  const parameter = model.parameters.get(name);
  if (parameter && (via === 'Ref' || via === 'Sub' || via === 'Parameters')) {
    const type = scalarString(entry(parameter.value, 'Type')?.value) ?? '?';
    const description = scalarString(entry(parameter.value, 'Description')?.value);
    const fallback = scalarString(entry(parameter.value, 'Default')?.value);
    return [`**${name}** — parameter of type \`${type}\``, fallback !== undefined ? `Default: \`${fallback}\`` : '', description ?? ''].filter(Boolean).join('\n\n');
  }
  const resource = model.resources.get(name);
  if (resource && (via === 'Ref' || via === 'Sub' || via === 'GetAtt' || via === 'DependsOn')) {
    const spec_ = resource.type ? spec.resource(resource.type) : undefined;
    const refText = spec_?.refIdentifier ?? spec_?.primaryIdentifier;
    return [`**${name}** — \`${resource.type ?? 'no Type'}\``, refText ? `Ref returns: ${refText.join('|')}` : ''].filter(Boolean).join('\n\n');
  }
  if (model.conditions.has(name)) return `**${name}** — condition`;
  if (model.mappings.has(name)) return `**${name}** — mapping`;
  if (model.outputs.has(name)) return `**${name}** — output`;
  return undefined;
}

function attributeHover(model: TemplateModel, spec: CfnSpec, resourceId: string, attribute: string): string | undefined {
  const type = model.resources.get(resourceId)?.type;
  const resource = type ? spec.resource(type) : undefined;
  const attributeType = resource?.attributes[attribute];
  if (!type || !attributeType) return undefined;
  return [`**${resourceId}.${attribute}** — \`${describeType(attributeType)}\``, firstParagraph(spec.documentation(type, { attribute })), `[AWS documentation](${documentationUrl(type)}#aws-resource-${type.split('::').slice(1).join('-').toLowerCase()}-return-values)`]
    .filter(Boolean)
    .join('\n\n');
}
