import { parseCidrBlock } from '../cidr-blocks';
import { deployedValues, forEachKeyed, intrinsicOf, isLiteralScalar } from '../nodes';
import { entry, scalarString, type Node, isSeq } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';

/** Properties that hold a network (a CIDR block), by name, in every resource type. */
const NETWORK_PROPERTIES = new Set(['Cidr', 'CidrBlock', 'CidrIp', 'CidrIpv6', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'Ipv6CidrBlock']);

/** Why a CIDR block is not a network: its address has bits set after the prefix. */
function hostBitsProblem(text: string): string | undefined {
  const block = parseCidrBlock(text);
  if (!block || block.address === block.start) return undefined;
  return `"${text}" is not a network address: bits after the /${block.prefix} prefix are set (the network is ${block.family === 4 ? formatV4(block.start) : 'its first address'}/${block.prefix})`;
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

/**
 * E3002: a CIDR block written with host bits set (`10.0.0.1/24`): the services take networks
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html); W1030: the same
 * in the Default of a parameter a network property Refs.
 */
export const cidrNetworks: TemplateCheck = {
  codes: ['E3002', 'W1030'],
  run({ model, report }) {
    const check = (node: Node, name: string) => {
      for (const value of deployedValues(node, { keepCalls: true }).flatMap((v) => (isSeq(v) && !intrinsicOf(v) ? (v.items as Node[]) : [v]))) {
        if (isLiteralScalar(value)) {
          const problem = hostBitsProblem(scalarString(value) ?? '');
          if (problem) report('E3002', model.rangeOf(value), `${name}: ${problem}`);
          continue;
        }
        const call = intrinsicOf(value, { allowCondition: false });
        const parameter = call?.name === 'Ref' ? model.parameters.get(scalarString(call.arg) ?? '') : undefined;
        const fallback = entry(parameter?.value, 'Default')?.value;
        if (!parameter || !isLiteralScalar(fallback)) continue;
        const problem = hostBitsProblem(scalarString(fallback) ?? '');
        if (problem) report('W1030', model.rangeOf(value), `${name} takes the Default of ${parameter.name}: ${problem}`);
      }
    };
    for (const resource of model.resources.values()) {
      if (resource.type?.startsWith('Custom::') || resource.type === 'AWS::CloudFormation::CustomResource') continue;
      forEachKeyed(resource.properties?.value, (key) => (NETWORK_PROPERTIES.has(key) ? key : undefined), (value, key) => check(value, key));
    }
  },
};
