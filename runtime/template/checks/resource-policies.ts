import * as YAML from 'yaml';
import { entry, scalarString, isMap, isScalar } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';

const POLICIES: Array<{ key: string; code: string; allowed: string[] }> = [
  { key: 'DeletionPolicy', code: 'E3035', allowed: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'] },
  { key: 'UpdateReplacePolicy', code: 'E3036', allowed: ['Delete', 'Retain', 'Snapshot'] },
];

/** The resource types whose DeletionPolicy/UpdateReplacePolicy may be Snapshot (AWS documentation). */
const SNAPSHOT_TYPES = new Set([
  'AWS::EC2::Volume',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::Neptune::DBCluster',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::Redshift::Cluster',
  'AWS::DocDB::DBCluster',
]);

/** E3035 DeletionPolicy and E3036 UpdateReplacePolicy values. */
export const resourcePolicies: TemplateCheck = {
  codes: ['E3035', 'E3036'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      for (const policy of POLICIES) {
        const item = entry(resource.value, policy.key);
        if (!item) continue;
        const value = item.value;
        if (isMap(value) && value.items.length === 1 && /^(Ref|Fn::If|Fn::FindInMap)$/.test(scalarString(value.items[0].key as YAML.Node) ?? '')) continue;
        if (value?.tag === '!Ref' || value?.tag === '!If' || value?.tag === '!FindInMap') continue;
        const text = isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
        if (text === undefined) {
          report(policy.code, model.rangeOf(item.keyNode), `${policy.key} of ${id} must be one of ${policy.allowed.join(', ')}`);
        } else if (!policy.allowed.includes(text)) {
          report(policy.code, model.rangeOf(value), `${policy.key} "${text}" of ${id} is not one of ${policy.allowed.join(', ')}`);
        } else if (text === 'Snapshot' && resource.type && !SNAPSHOT_TYPES.has(resource.type) && !resource.type.startsWith('Custom::')) {
          report(policy.code, model.rangeOf(value), `${resource.type} does not support the Snapshot ${policy.key}`);
        }
      }
    }
  },
};
