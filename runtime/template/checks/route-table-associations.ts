import { entry, scalarString, type Node, isScalar, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/**
 * The ways a SubnetId names a subnet: a literal id, Ref to a resource or parameter, GetAtt of
 * an attribute, or each branch of Fn::If (either branch may be deployed).
 */
function subnetKeys(node: Node, depth = 0): string[] {
  if (depth > 20) return [];
  if (isLiteralScalar(node)) return [`=${scalarString(node)}`];
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref') return isScalar(call.arg) ? [`@${scalarString(call.arg)}`] : [];
  if (call?.name === 'Fn::GetAtt') {
    const target = isSeq(call.arg) ? call.arg.items.map((item) => scalarString(item as Node)).join('.') : scalarString(call.arg);
    return target ? [`.${target}`] : [];
  }
  if (call?.name === 'Fn::If' && isSeq(call.arg)) return call.arg.items.slice(1).flatMap((branch) => subnetKeys(branch as Node, depth + 1));
  return [];
}

/** E3022: a subnet can be associated with only one route table. */
export const routeTableAssociations: TemplateCheck = {
  codes: ['E3022'],
  run({ model, report }) {
    const bySubnet = new Map<string, Array<{ id: string; at: Node; condition?: string }>>();
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::EC2::SubnetRouteTableAssociation') continue;
      const subnet = entry(resource.properties?.value, 'SubnetId');
      if (!subnet) continue;
      const condition = scalarString(entry(resource.value, 'Condition')?.value);
      for (const key of new Set(subnetKeys(subnet.value))) {
        let members = bySubnet.get(key);
        if (!members) bySubnet.set(key, (members = []));
        members.push({ id, at: subnet.keyNode, condition });
      }
    }
    // One finding per association, naming every other association of any subnet it may have.
    const clashes = new Map<string, { at: Node; others: Set<string> }>();
    for (const members of bySubnet.values()) {
      if (members.length < 2) continue;
      for (const member of members) {
        // Two different conditions may exclude each other; only unconditional or same-condition pairs clash.
        const others = members.filter((m) => m.id !== member.id && (!m.condition || !member.condition || m.condition === member.condition));
        if (!others.length) continue;
        let clash = clashes.get(member.id);
        if (!clash) clashes.set(member.id, (clash = { at: member.at, others: new Set() }));
        for (const other of others) clash.others.add(other.id);
      }
    }
    for (const [id, clash] of clashes) {
      report('E3022', model.rangeOf(clash.at), `the SubnetId of ${id} is also associated by ${[...clash.others].join(', ')}; a subnet has one route table`);
    }
  },
};
