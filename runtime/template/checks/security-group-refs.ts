import { entry, scalarString, type Node, isScalar, isSeq } from '../../common/yaml/nodes';
import { forEachKeyed, intrinsicOf } from '../nodes';
import type { TemplateCheck } from './context';

/** Properties (of any resource) that take security group ids. */
const GROUP_ID_PROPERTIES = new Set(['SourceSecurityGroupId', 'DestinationSecurityGroupId', 'SecurityGroupIds', 'VpcSecurityGroupIds']);
/** Resource types whose `GroupId` is the id of the group they add a rule to. */
const RULE_TYPES = new Set(['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']);
const MAX_DEPTH = 60;

/**
 * E1041: `Ref` to an AWS::EC2::SecurityGroup declared without VpcId gives the group's name,
 * not its id (AWS documents this for groups in the default VPC), so a property that takes
 * a group id gets a name. `!GetAtt Group.GroupId` gives the id either way.
 */
export const securityGroupRefs: TemplateCheck = {
  codes: ['E1041'],
  run({ model, report }) {
    const namedGroups = new Set<string>();
    for (const [id, resource] of model.resources) {
      if (resource.type === 'AWS::EC2::SecurityGroup' && !entry(resource.properties?.value, 'VpcId')) namedGroups.add(id);
    }
    if (!namedGroups.size) return;
    const checkValue = (node: Node, property: string, depth: number): void => {
      if (!node || depth > MAX_DEPTH) return;
      const call = intrinsicOf(node, { allowCondition: false });
      if (call?.name === 'Ref') {
        const name = isScalar(call.arg) ? scalarString(call.arg) : undefined;
        if (name && namedGroups.has(name)) {
          report('E1041', model.rangeOf(node), `Ref ${name} gives the security group's name because it has no VpcId, but ${property} takes group ids; use !GetAtt ${name}.GroupId`);
        }
      } else if (call?.name === 'Fn::If' && isSeq(call.arg)) {
        for (const branch of call.arg.items.slice(1)) checkValue(branch as Node, property, depth + 1);
      } else if (!call && isSeq(node)) {
        for (const item of node.items) checkValue(item as Node, property, depth + 1);
      }
    };
    for (const resource of model.resources.values()) {
      const properties = resource.properties?.value;
      if (resource.type && RULE_TYPES.has(resource.type)) checkValue(entry(properties, 'GroupId')?.value, 'GroupId', 0);
      forEachKeyed(properties, (key) => (GROUP_ID_PROPERTIES.has(key) ? key : undefined), (value, key, _picked, depth) => checkValue(value, key, depth));
    }
  },
};
