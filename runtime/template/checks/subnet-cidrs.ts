import type * as YAML from 'yaml';
import { isSeq } from '../../common/yaml-kinds';
import { isIPv4, isIPv6 } from 'node:net';
import { entry, intrinsicOf, isLiteralScalar, scalarString, type Node } from '../nodes';
import type { TemplateCheck } from './context';

interface Network {
  family: 4 | 6;
  /** First and last address of the block. */
  start: bigint;
  end: bigint;
  text: string;
}

function parseIPv4(address: string): bigint {
  return address.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseIPv6(address: string): bigint {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

/** A literal CIDR block as an address range; undefined when it is not one (or not literal). */
function network(node: Node): Network | undefined {
  if (!isLiteralScalar(node)) return undefined;
  const text = scalarString(node) ?? '';
  const [address, prefixText] = text.split('/');
  const prefix = Number(prefixText);
  const width = isIPv4(address) ? 32 : isIPv6(address) && !address.includes('.') ? 128 : 0;
  if (!width || !Number.isInteger(prefix) || prefix < 0 || prefix > width) return undefined;
  const value = width === 32 ? parseIPv4(address) : parseIPv6(address);
  const size = 1n << BigInt(width - prefix);
  const start = (value / size) * size;
  return { family: width === 32 ? 4 : 6, start, end: start + size - 1n, text };
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
  network: Network;
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
