import { entries, entry, intrinsicOf, isLiteralScalar, scalarString, type Node } from '../nodes';
import type { TemplateCheck } from './context';
import { isMap, isSeq } from '../../common/yaml-kinds';

/** More conditions than this in one replication group are not enumerated (2^n scenarios). */
const MAX_CONDITIONS = 4;

type Scenario = Map<string, boolean>;

/** Condition names of the Fn::If calls in a node (not descending into other intrinsics' arguments' values). */
function ifConditions(node: Node, into: Set<string>, depth = 0): void {
  if (!node || depth > 20) return;
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Fn::If' && isSeq(call.arg)) {
    const name = scalarString(call.arg.items[0] as Node);
    if (name) into.add(name);
    for (const branch of call.arg.items.slice(1)) ifConditions(branch as Node, into, depth + 1);
    return;
  }
  if (isMap(node)) for (const item of entries(node)) ifConditions(item.value, into, depth + 1);
}

/** The node a value takes under a scenario (Fn::If resolved); undefined for AWS::NoValue. */
function resolve(node: Node, scenario: Scenario, depth = 0): Node {
  const call = intrinsicOf(node, { allowCondition: false });
  if (depth > 20 || call?.name !== 'Fn::If' || !isSeq(call.arg)) {
    return call?.name === 'Ref' && scalarString(call.arg) === 'AWS::NoValue' ? undefined : node;
  }
  const value = scenario.get(scalarString(call.arg.items[0] as Node) ?? '');
  if (value === undefined) return node;
  return resolve(call.arg.items[value ? 1 : 2] as Node, scenario, depth + 1);
}

function scenarios(conditions: string[]): Scenario[] {
  if (!conditions.length) return [new Map()];
  return scenarios(conditions.slice(1)).flatMap((rest) => [true, false].map((value) => new Map([[conditions[0], value], ...rest])));
}

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
      if (all.length > MAX_CONDITIONS) continue;
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
