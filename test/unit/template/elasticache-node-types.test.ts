import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const cluster = (type: string, nodeType: string) =>
  template(`Parameters:\n  NodeType:\n    Type: String\nConditions:\n  Big: !Equals [!Ref NodeType, big]\nResources:\n  C:\n    Type: ${type}\n    Properties:\n      CacheNodeType: ${nodeType}\n      Engine: redis\n`);

// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html: previous
// generation types keep existing clusters, "creation of new clusters is not supported".
test('E3647: a previous-generation cache node type is reported, in clusters, replication groups and If branches', () => {
  assert.deepEqual(findingsOf(cluster('AWS::ElastiCache::CacheCluster', 'cache.r3.large'), /^E3647$/), ['E3647@11']);
  assert.deepEqual(findingsOf(cluster('AWS::ElastiCache::ReplicationGroup', 'cache.m1.small'), /^E3647$/), ['E3647@11']);
  assert.deepEqual(findingsOf(cluster('AWS::ElastiCache::CacheCluster', '!If [Big, cache.r6g.large, cache.t1.micro]'), /^E3647$/), ['E3647@11']);
});

test('E3647: current-generation types, unknown families and values from parameters are not reported', () => {
  for (const nodeType of ['cache.r6g.large', 'cache.t4g.micro', 'cache.m7g.xlarge', 'cache.r3x.large', '!Ref NodeType', '"{{resolve:ssm:/cache/type}}"']) {
    assert.deepEqual(findingsOf(cluster('AWS::ElastiCache::CacheCluster', nodeType), /^E3647$/), [], nodeType);
  }
  // Another resource's CacheNodeType-like property is not a node it creates.
  assert.deepEqual(findingsOf(cluster('AWS::ElastiCache::ParameterGroup', 'cache.r3.large'), /^E3647$/), []);
});
