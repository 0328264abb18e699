import { entry, intrinsicOf, isLiteralScalar, scalarString, type Node } from '../nodes';
import type { TemplateCheck } from './context';

/** A subnet named the same way twice: a literal id, or Ref to the same resource/parameter. */
function subnetKey(node: Node): string | undefined {
  if (isLiteralScalar(node)) return `=${scalarString(node)}`;
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref') return `@${scalarString(call.arg)}`;
  return undefined;
}

/** E3022: a subnet can be associated with only one route table. */
export const routeTableAssociations: TemplateCheck = {
  codes: ['E3022'],
  run({ model, report }) {
    const bySubnet = new Map<string, Array<{ id: string; at: Node; condition?: string }>>();
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::EC2::SubnetRouteTableAssociation') continue;
      const subnet = entry(resource.properties?.value, 'SubnetId');
      const key = subnet ? subnetKey(subnet.value) : undefined;
      if (!key || !subnet) continue;
      const condition = scalarString(entry(resource.value, 'Condition')?.value);
      bySubnet.set(key, [...(bySubnet.get(key) ?? []), { id, at: subnet.keyNode, condition }]);
    }
    for (const members of bySubnet.values()) {
      if (members.length < 2) continue;
      for (const member of members) {
        // Two different conditions may exclude each other; only unconditional or same-condition pairs clash.
        const others = members.filter((m) => m !== member && (!m.condition || !member.condition || m.condition === member.condition)).map((m) => m.id);
        if (!others.length) continue;
        report('E3022', model.rangeOf(member.at), `the SubnetId of ${member.id} is also associated by ${others.join(', ')}; a subnet has one route table`);
      }
    }
  },
};
