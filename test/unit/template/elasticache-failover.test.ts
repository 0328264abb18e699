import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const group = (name: string, clusterEnabled: string) =>
  `  ${name}:\n    Type: AWS::ElastiCache::ParameterGroup\n    Properties:\n      Description: d\n      CacheParameterGroupFamily: redis7\n      Properties:\n        cluster-enabled: "${clusterEnabled}"\n`;
const replication = (lines: string) =>
  template(
    `Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n${group('Cluster', 'yes')}${group('Single', 'no')}  R:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: r\n      CacheNodeType: cache.t3.micro\n      Engine: redis\n${lines}`,
  );

test('E3026: cluster mode needs automatic failover and more than one cache cluster, per condition scenario', () => {
  assert.deepEqual(findingsOf(replication('      CacheParameterGroupName: !Ref Cluster\n      NumCacheClusters: 1\n'), /^E3026$/), ['E3026@25']);
  const conditional = '      CacheParameterGroupName: !If [C, !Ref Cluster, !Ref Single]\n      AutomaticFailoverEnabled: !If [C, false, true]\n      NumCacheClusters: 2\n';
  assert.deepEqual(findingsOf(replication(conditional), /^E3026$/), ['E3026@25']);
});

test('E3026 accepts cluster mode with failover and node groups, and non-cluster groups', () => {
  assert.deepEqual(findingsOf(replication('      CacheParameterGroupName: !Ref Cluster\n      NumNodeGroups: 2\n'), /^E3026$/), []);
  assert.deepEqual(findingsOf(replication('      CacheParameterGroupName: !If [C, !Ref Single, !Ref Cluster]\n      AutomaticFailoverEnabled: !If [C, false, true]\n      NumCacheClusters: 2\n'), /^E3026$/), []);
  assert.deepEqual(findingsOf(replication('      CacheParameterGroupName: !Ref Single\n      NumCacheClusters: 1\n'), /^E3026$/), []);
});
