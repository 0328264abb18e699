import * as YAML from 'yaml';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import { entry, scalarString, type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import { isPseudoParameter } from '../intrinsics';
import type { TemplateModel } from '../model';
import type { TemplateCheck } from './context';

/** Condition values a scenario assumes (condition name → true/false). */
type Assumptions = Map<string, boolean>;

interface Option {
  value: string;
  assume: Assumptions;
}

/**
 * The values an identifier can take before deployment, each with the conditions it needs:
 * a literal, Ref to a pseudo parameter, or the branches of Fn::If (AWS::NoValue: no value).
 */
function options(node: Node, assume: Assumptions, depth = 0): Option[] | undefined {
  if (depth > 20) return undefined;
  if (isLiteralScalar(node)) return [{ value: `=${scalarString(node) ?? ''}`, assume }];
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref' && isScalar(call.arg)) {
    const name = scalarString(call.arg) ?? '';
    if (name === 'AWS::NoValue') return [];
    return isPseudoParameter(name) ? [{ value: `@${name}`, assume }] : undefined;
  }
  if (call?.name === 'Fn::If' && isSeq(call.arg) && call.arg.items.length === 3) {
    const condition = scalarString(call.arg.items[0] as Node);
    if (!condition) return undefined;
    const whenTrue = options(call.arg.items[1] as Node, withAssumption(assume, condition, true), depth + 1);
    const whenFalse = options(call.arg.items[2] as Node, withAssumption(assume, condition, false), depth + 1);
    return whenTrue && whenFalse ? [...whenTrue, ...whenFalse] : undefined;
  }
  return undefined;
}

function withAssumption(assume: Assumptions, condition: string, value: boolean): Assumptions {
  const next = new Map(assume);
  next.set(condition, value);
  return next;
}

/** Rewrites `X: !Not [!Condition Y]` assumptions in terms of Y, so X and Not-X are seen as exclusive. */
function normalise(model: TemplateModel, assume: Assumptions): Assumptions | undefined {
  const result: Assumptions = new Map();
  for (const [name, value] of assume) {
    let target = name;
    let wanted = value;
    const call = intrinsicOf(model.conditions.get(name)?.value);
    if (call?.name === 'Fn::Not' && isSeq(call.arg)) {
      const inner = intrinsicOf(call.arg.items[0] as Node);
      const base = inner?.name === 'Condition' ? scalarString(inner.arg) : undefined;
      if (base) {
        target = base;
        wanted = !value;
      }
    }
    if (result.has(target) && result.get(target) !== wanted) return undefined;
    result.set(target, wanted);
  }
  return result;
}

function compatible(a: Assumptions, b: Assumptions): boolean {
  for (const [name, value] of a) if (b.has(name) && b.get(name) !== value) return false;
  return true;
}

/**
 * Types whose registry primary identifier is generated (CodeBuild's project Id) while the
 * name the template sets must still be unique in the account and Region.
 */
const NAME_IDENTIFIERS: Record<string, string[]> = { 'AWS::CodeBuild::Project': ['Name'] };

/** The Properties objects a resource can deploy with: Properties itself, or each branch of a Properties-level Fn::If. */
function propertyVariants(node: Node, assume: Assumptions, depth = 0): Array<{ properties: YAML.YAMLMap; assume: Assumptions; viaIf: boolean }> {
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call) return isMap(node) ? [{ properties: node, assume, viaIf: depth > 0 }] : [];
  if (depth > 20 || call.name !== 'Fn::If' || !isSeq(call.arg) || call.arg.items.length !== 3) return [];
  const condition = scalarString(call.arg.items[0] as Node);
  if (!condition) return [];
  return [
    ...propertyVariants(call.arg.items[1] as Node, withAssumption(assume, condition, true), depth + 1),
    ...propertyVariants(call.arg.items[2] as Node, withAssumption(assume, condition, false), depth + 1),
  ];
}

/**
 * E3019: two resources of one type with the same literal primary identifier (BucketName,
 * RoleName…) cannot both be created, unless their conditions exclude each other.
 */
export const uniqueIdentifiers: TemplateCheck = {
  codes: ['E3019'],
  run({ model, spec, report }) {
    const groups = new Map<string, Array<{ id: string; keyNode: YAML.Node; assume: Assumptions }>>();
    for (const [id, resource] of model.resources) {
      if (!resource.type || !resource.properties) continue;
      const identifier = Object.hasOwn(NAME_IDENTIFIERS, resource.type) ? NAME_IDENTIFIERS[resource.type] : spec.resource(resource.type)?.primaryIdentifier;
      if (identifier?.length !== 1) continue;
      const condition = scalarString(entry(resource.value, 'Condition')?.value);
      const base: Assumptions = condition ? new Map([[condition, true]]) : new Map();
      for (const variant of propertyVariants(resource.properties.value, base)) {
        const item = entry(variant.properties, identifier[0]);
        if (!item) continue;
        // An identifier chosen by a Properties-level Fn::If is reported at Properties.
        const at = variant.viaIf ? resource.properties.keyNode : item.keyNode;
        for (const option of options(item.value, variant.assume) ?? []) {
          const assume = normalise(model, option.assume);
          if (!assume) continue;
          const key = `${resource.type}\u0000${option.value}`;
          let members = groups.get(key);
          if (!members) groups.set(key, (members = []));
          members.push({ id, keyNode: at, assume });
        }
      }
    }
    const reported = new Set<string>();
    for (const [key, members] of groups) {
      const shown = key.split('\u0000')[1].slice(1);
      for (const member of members) {
        const clashes = members.filter((other) => other.id !== member.id && compatible(member.assume, other.assume));
        if (!clashes.length || reported.has(member.id)) continue;
        reported.add(member.id);
        report('E3019', model.rangeOf(member.keyNode), `primary identifier "${shown}" of ${member.id} is also used by ${[...new Set(clashes.map((c) => c.id))].join(', ')}; both cannot exist`);
      }
    }
  },
};
