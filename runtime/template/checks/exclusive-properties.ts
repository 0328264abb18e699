import * as YAML from 'yaml';
import { entries, entry, type Node } from '../nodes';
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
};

function objectsAt(node: Node, path: string[]): YAML.YAMLMap[] {
  if (!node) return [];
  if (!path.length) return YAML.isMap(node) ? [node] : [];
  const [head, ...rest] = path;
  if (head === '[]') return YAML.isSeq(node) ? node.items.flatMap((item) => objectsAt(item as Node, rest)) : [];
  return objectsAt(entry(node, head)?.value, rest);
}

/** E3014: properties that exclude each other, where exactly one is needed. */
export const exclusiveProperties: TemplateCheck = {
  codes: ['E3014'],
  run({ model, report }) {
    for (const resource of model.resources.values()) {
      const groups = resource.type ? EXACTLY_ONE[resource.type] : undefined;
      if (!groups) continue;
      for (const group of groups) {
        for (const object of objectsAt(resource.properties?.value, group.path)) {
          const present = entries(object).filter((e) => group.oneOf.includes(e.key));
          if (present.length > 1) {
            for (const item of present) report('E3014', model.rangeOf(item.keyNode), `only one of ${group.oneOf.join(', ')} may be set; found ${present.map((p) => p.key).join(' and ')}`);
          }
        }
      }
    }
  },
};
