import * as YAML from 'yaml';
import { entries, entry, scalarString, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import { isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/** Protocols whose rules cover every port, so FromPort/ToPort may be left out. */
const ALL_PORTS = new Set(['-1', 'all']);
/** Protocols that have ports (or ICMP types/codes): tcp, udp, icmp, icmpv6 by name or number. */
const PORTED = new Set(['tcp', 'udp', 'icmp', 'icmpv6', '6', '17', '1', '58']);

/** E3687: security group rules for tcp/udp/icmp need FromPort and ToPort. */
export const securityGroupPorts: TemplateCheck = {
  codes: ['E3687'],
  run({ model, report }) {
    // Reported where the ports are missing: the rule object (a list item, or a rule resource's Properties).
    const checkRule = (rule: Node, at: YAML.Node) => {
      if (!isMap(rule)) return;
      const protocol = entry(rule, 'IpProtocol');
      if (!protocol || !isLiteralScalar(protocol.value)) return;
      const value = (scalarString(protocol.value) ?? '').toLowerCase();
      if (ALL_PORTS.has(value) || !PORTED.has(value)) return;
      const missing = ['FromPort', 'ToPort'].filter((name) => !entry(rule, name));
      if (missing.length) report('E3687', model.rangeOf(at), `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required when IpProtocol is ${value}`);
    };
    for (const resource of model.resources.values()) {
      const properties = resource.properties?.value;
      if (resource.type === 'AWS::EC2::SecurityGroupIngress' || resource.type === 'AWS::EC2::SecurityGroupEgress') {
        if (resource.properties) checkRule(properties, resource.properties.keyNode);
      }
      if (resource.type !== 'AWS::EC2::SecurityGroup') continue;
      for (const item of entries(properties)) {
        if ((item.key === 'SecurityGroupIngress' || item.key === 'SecurityGroupEgress') && isSeq(item.value)) {
          for (const rule of item.value.items) if (rule) checkRule(rule as Node, rule as YAML.Node);
        }
      }
    }
  },
};

