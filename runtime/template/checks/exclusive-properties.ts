import * as YAML from 'yaml';
import { entries, entry, scalarString, type MapEntry, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf } from '../nodes';
import { ifConditions, MAX_SCENARIO_CONDITIONS, resolveIn, scenarios } from '../scenarios';
import type { TemplateCheck } from './context';

interface Group {
  /** Property path below Properties, "[]" walks list items. */
  path: string[];
  oneOf: string[];
}

/** Objects that take exactly one of a set of properties (AWS documentation of each type). */
const EXACTLY_ONE: Record<string, Group[]> = {
  'AWS::EC2::SecurityGroup': [{ path: ['SecurityGroupIngress', '[]'], oneOf: ['CidrIp', 'CidrIpv6', 'SourcePrefixListId', 'SourceSecurityGroupId', 'SourceSecurityGroupName'] }],
  'AWS::EC2::SecurityGroupIngress': [{ path: [], oneOf: ['CidrIp', 'CidrIpv6', 'SourcePrefixListId', 'SourceSecurityGroupId', 'SourceSecurityGroupName'] }],
  'AWS::EC2::Instance': [{ path: ['BlockDeviceMappings', '[]'], oneOf: ['VirtualName', 'Ebs', 'NoDevice'] }],
  'AWS::CloudWatch::Alarm': [{ path: [], oneOf: ['Metrics', 'MetricName'] }],
  // "You must also specify exactly one of the resources as the target" (AWS::EC2::Route).
  'AWS::EC2::Route': [
    {
      path: [],
      oneOf: ['CarrierGatewayId', 'CoreNetworkArn', 'EgressOnlyInternetGatewayId', 'GatewayId', 'InstanceId', 'LocalGatewayId', 'NatGatewayId', 'NetworkInterfaceId', 'TransitGatewayId', 'VpcEndpointId', 'VpcPeeringConnectionId'],
    },
  ],
  // "The ID or the name of the launch template, but not both" (AutoScalingGroup LaunchTemplateSpecification).
  'AWS::AutoScaling::AutoScalingGroup': [
    { path: ['LaunchTemplate'], oneOf: ['LaunchTemplateId', 'LaunchTemplateName'] },
    { path: ['MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification'], oneOf: ['LaunchTemplateId', 'LaunchTemplateName'] },
  ],
};

/** Properties that exclude each other, none of them needed (AWS documentation of each type). */
const AT_MOST_ONE: Record<string, Group[]> = {
  // CreateLoadBalancer: "You must specify either subnets or subnet mappings, but not both."
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [{ path: [], oneOf: ['Subnets', 'SubnetMappings'] }],
  // AWS::EC2::Instance SubnetId/SecurityGroupIds: with a network interface they are given "as part of the network interface instead".
  'AWS::EC2::Instance': [
    { path: [], oneOf: ['NetworkInterfaces', 'SubnetId'] },
    { path: [], oneOf: ['NetworkInterfaces', 'SecurityGroupIds'] },
    { path: [], oneOf: ['NetworkInterfaces', 'SecurityGroups'] },
  ],
};

/** Objects that need at least one of a set (AWS documentation: a policy attaches to some identity). */
const AT_LEAST_ONE: Record<string, Group[]> = {
  'AWS::IAM::Policy': [{ path: [], oneOf: ['Groups', 'Roles', 'Users'] }],
};

const MAX_DEPTH = 30;

/**
 * The objects at a path, through both branches of any Fn::If on the way (either may be
 * deployed); `Ref: AWS::NoValue` and other intrinsics yield nothing to check.
 */
function objectsAt(node: Node, path: string[], depth = 0): YAML.YAMLMap[] {
  if (!node || depth > MAX_DEPTH) return [];
  const call = intrinsicOf(node, { allowCondition: false });
  if (call) {
    if (call.name !== 'Fn::If' || !isSeq(call.arg)) return [];
    return call.arg.items.slice(1, 3).flatMap((branch) => objectsAt(branch as Node, path, depth + 1));
  }
  if (!path.length) return isMap(node) ? [node] : [];
  const [head, ...rest] = path;
  if (head === '[]') return isSeq(node) ? node.items.flatMap((item) => objectsAt(item as Node, rest, depth + 1)) : [];
  return objectsAt(entry(node, head)?.value, rest, depth + 1);
}

/** `Ref: AWS::NoValue` removes the property. */
function isNoValue(node: Node): boolean {
  const call = intrinsicOf(node);
  return call?.name === 'Ref' && scalarString(call.arg) === 'AWS::NoValue';
}

/**
 * The properties of `present` that some condition scenario sets at the same time: two
 * values on opposite branches of one condition (`!If [C, X, !Ref AWS::NoValue]` beside
 * `!If [C, !Ref AWS::NoValue, Y]`) are never deployed together.
 */
function setTogether(present: MapEntry[]): MapEntry[] {
  if (present.length < 2) return present;
  const conditions = new Set<string>();
  for (const item of present) ifConditions(item.value, conditions);
  if (!conditions.size) return present;
  if (conditions.size > MAX_SCENARIO_CONDITIONS) return [];
  const together = new Set<MapEntry>();
  for (const scenario of scenarios([...conditions])) {
    const set = present.filter((item) => resolveIn(item.value, scenario) !== undefined);
    if (set.length > 1) for (const item of set) together.add(item);
  }
  return present.filter((item) => together.has(item));
}

/**
 * E3014: properties that exclude each other, where exactly one is needed: each of several is
 * reported, and an object with none where it starts (Properties for the resource's own).
 * E3020: properties that exclude each other, none of them needed.
 * E3017: an object that needs at least one of a set and has none.
 */
export const exclusiveProperties: TemplateCheck = {
  codes: ['E3014', 'E3017', 'E3020'],
  run({ model, report }) {
    for (const resource of model.resources.values()) {
      if (!resource.type || !resource.properties) continue;
      const properties = resource.properties;
      const objects = (group: Group) =>
        objectsAt(properties.value, group.path).map((object) => ({
          object,
          present: entries(object).filter((e) => group.oneOf.includes(e.key) && !isNoValue(e.value)),
          // Computed keys (a nested Fn::If among the properties) may supply any of them.
          computed: entries(object).some((e) => e.key.startsWith('Fn::')),
          at: object === properties.value ? properties.keyNode : object,
        }));
      for (const group of Object.hasOwn(EXACTLY_ONE, resource.type) ? EXACTLY_ONE[resource.type] : []) {
        for (const { present, computed, at } of objects(group)) {
          const together = setTogether(present);
          if (together.length > 1) {
            for (const item of together) report('E3014', model.rangeOf(item.keyNode), `only one of ${group.oneOf.join(', ')} may be set; found ${together.map((p) => p.key).join(' and ')}`);
          } else if (!present.length && !computed) {
            report('E3014', model.rangeOf(at), `one of ${group.oneOf.join(', ')} is required`);
          }
        }
      }
      for (const group of Object.hasOwn(AT_MOST_ONE, resource.type) ? AT_MOST_ONE[resource.type] : []) {
        for (const { present } of objects(group)) {
          const together = setTogether(present);
          if (together.length > 1) for (const item of together) report('E3020', model.rangeOf(item.keyNode), `${together.map((p) => p.key).join(' and ')} exclude each other; set only one`);
        }
      }
      for (const group of Object.hasOwn(AT_LEAST_ONE, resource.type) ? AT_LEAST_ONE[resource.type] : []) {
        for (const { present, computed, at } of objects(group)) {
          if (!present.length && !computed) report('E3017', model.rangeOf(at), `at least one of ${group.oneOf.join(', ')} is required`);
        }
      }
    }
  },
};
