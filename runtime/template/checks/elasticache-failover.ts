import { entry, scalarString, type Node, isMap } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';
import { ifConditions, MAX_SCENARIO_CONDITIONS, resolveIn as resolve, scenarios } from '../scenarios';

function literal(node: Node): string | undefined {
  return isLiteralScalar(node) ? scalarString(node)?.toLowerCase() : undefined;
}

/**
 * E3026: a Redis replication group whose parameter group enables cluster mode needs automatic
 * failover (not false) and, without NumNodeGroups, more than one cache cluster.
 */
export const elastiCacheFailover: TemplateCheck = {
  codes: ['E3026'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::ElastiCache::ReplicationGroup' || !isMap(resource.properties?.value)) continue;
      const properties = resource.properties.value;
      const groupEntry = entry(properties, 'CacheParameterGroupName');
      if (!groupEntry) continue;
      const conditions = new Set<string>();
      ifConditions(properties, conditions);
      const problems = new Set<string>();
      const groupNames = new Set<string>();
      const all = [...conditions];
      if (all.length > MAX_SCENARIO_CONDITIONS) continue;
      for (const scenario of scenarios(all)) {
        const ref = intrinsicOf(resolve(groupEntry.value, scenario));
        const group = ref?.name === 'Ref' ? model.resources.get(scalarString(ref.arg) ?? '') : undefined;
        if (group?.type !== 'AWS::ElastiCache::ParameterGroup') continue;
        const settings = entry(group.properties?.value, 'Properties')?.value;
        // The group's own conditions are not enumerated: only a literal 'yes' counts.
        if (literal(entry(settings, 'cluster-enabled')?.value) !== 'yes') continue;
        groupNames.add(group.name);
        const failover = literal(resolve(entry(properties, 'AutomaticFailoverEnabled')?.value, scenario));
        if (failover === 'false') problems.add('AutomaticFailoverEnabled must be true or left out');
        if (resolve(entry(properties, 'NumNodeGroups')?.value, scenario)) continue;
        const clusters = Number(literal(resolve(entry(properties, 'NumCacheClusters')?.value, scenario)) ?? '1');
        if (Number.isFinite(clusters) && clusters <= 1) problems.add('NumCacheClusters must be more than 1 (or set NumNodeGroups)');
      }
      if (problems.size) {
        report('E3026', model.rangeOf(groupEntry.value), `${id} uses a cluster-mode parameter group (${[...groupNames].join(', ')}): ${[...problems].join('; ')}`);
      }
    }
  },
};
