import { entries, entry, isMap, isSeq, scalarString, type Node } from '../../common/yaml/nodes';
import { getAttTarget } from '../intrinsics';
import type { ResourceDeclaration, TemplateModel } from '../model';
import { intrinsicOf, isLiteralScalar } from '../nodes';

/*
 * What the checks that compare two resources need: the resource a `Ref` or `Fn::GetAtt`
 * names, and property values known as written. Anything else (a parameter, an import, a
 * condition's branch) is unknown and never compared.
 */

/** The resource of this template that `node` names with `Ref` or `Fn::GetAtt` (of `attribute` when given). */
export function linkedResource(model: TemplateModel, node: Node, attribute?: string): ResourceDeclaration | undefined {
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call) return undefined;
  if (call.name === 'Ref') {
    if (attribute !== undefined) return undefined;
    const name = scalarString(call.arg);
    return name === undefined ? undefined : model.resources.get(name);
  }
  if (call.name !== 'Fn::GetAtt') return undefined;
  const arg = isSeq(call.arg) ? call.arg.items.map((item) => scalarString(item as Node)) : scalarString(call.arg);
  const target = getAttTarget(arg);
  if (!target || (attribute !== undefined && target.attribute !== attribute)) return undefined;
  return model.resources.get(target.resource);
}

/** A property of a resource as written (a string, number or boolean as text), or undefined when it is not a literal. */
export function literalProperty(resource: ResourceDeclaration, name: string): string | undefined {
  const value = entry(resource.properties?.value, name)?.value;
  return isLiteralScalar(value) ? scalarString(value) : undefined;
}

/**
 * Whether a resource's property is absent for certain, so that its documented default
 * applies: not written, and no `Fn::If` among the properties or around them that may add it.
 */
export function propertyAbsent(resource: ResourceDeclaration, name: string): boolean {
  const properties = resource.properties?.value;
  if (!properties) return true;
  if (!isMap(properties) || intrinsicOf(properties, { allowCondition: false })) return false;
  return !entry(properties, name) && !entries(properties).some((item) => item.key.startsWith('Fn::'));
}
