import * as YAML from 'yaml';
import { intrinsicOf, entry, isLiteralScalar, scalarString, type Node } from '../nodes';
import { isPseudoParameter } from '../intrinsics';
import type { TemplateCheck } from './context';

/** A primary identifier value known before deployment: a literal, or Ref to a pseudo parameter. */
function staticValue(node: Node): string | undefined {
  if (isLiteralScalar(node)) return `=${scalarString(node) ?? ''}`;
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref' && YAML.isScalar(call.arg)) {
    const name = scalarString(call.arg) ?? '';
    return isPseudoParameter(name) ? `@${name}` : undefined;
  }
  return undefined;
}

/**
 * E3019: two resources of one type with the same literal primary identifier (BucketName,
 * RoleName…) cannot both be created. Resources whose conditions exclude each other
 * (X and Not X) may share one.
 */
export const uniqueIdentifiers: TemplateCheck = {
  codes: ['E3019'],
  run({ model, spec, report }) {
    const groups = new Map<string, Array<{ id: string; keyNode: YAML.Node; condition?: string }>>();
    for (const [id, resource] of model.resources) {
      if (!resource.type || !YAML.isMap(resource.properties?.value)) continue;
      const identifier = spec.resource(resource.type)?.primaryIdentifier;
      if (!identifier?.length) continue;
      const values: string[] = [];
      let first: YAML.Node | undefined;
      for (const name of identifier) {
        const item = entry(resource.properties!.value, name);
        const value = item ? staticValue(item.value) : undefined;
        if (!item || value === undefined) break;
        first ??= item.keyNode;
        values.push(value);
      }
      if (values.length !== identifier.length || !first) continue;
      const key = `${resource.type}\u0000${values.join('\u0000')}`;
      const condition = scalarString(entry(resource.value, 'Condition')?.value);
      groups.set(key, [...(groups.get(key) ?? []), { id, keyNode: first, condition }]);
    }
    const negationOf = (name: string | undefined): string | undefined => {
      const call = name ? intrinsicOf(model.conditions.get(name)?.value) : undefined;
      if (call?.name !== 'Fn::Not' || !YAML.isSeq(call.arg)) return undefined;
      const inner = intrinsicOf(call.arg.items[0] as Node);
      return inner?.name === 'Condition' ? scalarString(inner.arg) : undefined;
    };
    const exclusive = (a?: string, b?: string) => !!a && !!b && (negationOf(a) === b || negationOf(b) === a);
    for (const [key, members] of groups) {
      if (members.length < 2) continue;
      const shown = key.split('\u0000').slice(1).map((v) => v.slice(1)).join(', ');
      for (const member of members) {
        const clashes = members.filter((other) => other !== member && !exclusive(member.condition, other.condition));
        if (!clashes.length) continue;
        report('E3019', model.rangeOf(member.keyNode), `primary identifier "${shown}" of ${member.id} is also used by ${clashes.map((c) => c.id).join(', ')}; both cannot exist`);
      }
    }
  },
};
