import { entry, scalarString } from '../../common/yaml/nodes';
import { deployedValues, isLiteralScalar } from '../nodes';
import { ELASTICACHE_PREVIOUS_GENERATION } from '../lifecycle';
import type { TemplateCheck } from './context';

/** Resource types whose CacheNodeType creates ElastiCache nodes. */
const NODE_TYPE_OWNERS = new Set(['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup']);
const NODE_TYPE = /^cache\.([a-z0-9]+)\.[a-z0-9]+$/;

/** E3647: a cache node type of a previous generation, for which ElastiCache creates no new cluster. */
export const elastiCacheNodeTypes: TemplateCheck = {
  codes: ['E3647'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (!resource.type || !NODE_TYPE_OWNERS.has(resource.type)) continue;
      for (const node of deployedValues(entry(resource.properties?.value, 'CacheNodeType')?.value)) {
        if (!isLiteralScalar(node)) continue;
        const nodeType = scalarString(node) ?? '';
        const family = NODE_TYPE.exec(nodeType.toLowerCase())?.[1];
        if (!family || !ELASTICACHE_PREVIOUS_GENERATION.has(family)) continue;
        report('E3647', model.rangeOf(node), `${nodeType} of ${id} is a previous-generation node type, with which ElastiCache creates no new cluster; use a current-generation type`);
      }
    }
  },
};
