import type * as YAML from 'yaml';
import { isSeq, entry, scalarString, type Node } from '../../common/yaml/nodes';
import { parseCidrBlock, type CidrBlock } from '../cidr-blocks';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/** A literal CIDR block as an address range; undefined when it is not one (or not literal). */
function network(node: Node): CidrBlock | undefined {
  return isLiteralScalar(node) ? parseCidrBlock(scalarString(node) ?? '') : undefined;
}

/** The VPC a subnet names: a literal id, Ref or GetAtt of a resource or parameter. */
function vpcKey(node: Node): string | undefined {
  if (isLiteralScalar(node)) return `=${scalarString(node)}`;
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref') return `@${scalarString(call.arg)}`;
  if (call?.name === 'Fn::GetAtt') return `@${(isSeq(call.arg) ? scalarString(call.arg.items[0] as Node) : scalarString(call.arg)?.split('.')[0]) ?? ''}`;
  return undefined;
}

interface Subnet {
  id: string;
  key: string;
  network: CidrBlock;
  at: YAML.Node;
  condition?: string;
}

/**
 * E3060: subnets of one VPC whose CIDR blocks overlap (unconditional subnets, or under one
 * condition). Blocks are swept in address order, so large templates stay O(n log n).
 */
export const subnetCidrs: TemplateCheck = {
  codes: ['E3060'],
  run({ model, report }) {
    const groups = new Map<string, Subnet[]>();
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::EC2::Subnet') continue;
      const properties = resource.properties?.value;
      const vpc = vpcKey(entry(properties, 'VpcId')?.value);
      if (!vpc) continue;
      const condition = scalarString(entry(resource.value, 'Condition')?.value);
      for (const key of ['CidrBlock', 'Ipv6CidrBlock']) {
        const block = entry(properties, key);
        const parsed = block?.value ? network(block.value) : undefined;
        if (!parsed || !block?.value) continue;
        const group = `${vpc}\u0000${parsed.family}`;
        let subnets = groups.get(group);
        if (!subnets) groups.set(group, (subnets = []));
        subnets.push({ id, key, network: parsed, at: block.value, condition });
      }
    }
    for (const subnets of groups.values()) {
      subnets.sort((a, b) => (a.network.start < b.network.start ? -1 : a.network.start > b.network.start ? 1 : 0));
      let widest: Subnet | undefined;
      for (const subnet of subnets) {
        // Different conditions may exclude each other.
        const exclusive = widest?.condition && subnet.condition && widest.condition !== subnet.condition;
        if (widest && subnet.network.start <= widest.network.end && !exclusive) {
          report('E3060', model.rangeOf(subnet.at), `${subnet.key} ${subnet.network.text} of ${subnet.id} overlaps ${widest.network.text} of ${widest.id} in the same VPC`);
        }
        if (!widest || subnet.network.end > widest.network.end) widest = subnet;
      }
    }
  },
};
