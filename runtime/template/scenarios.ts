import { entries, scalarString, type Node, isMap, isSeq } from '../common/yaml/nodes';
import { intrinsicOf } from './nodes';

/**
 * Condition scenarios: which value a property takes when each condition named in its `Fn::If`
 * calls is true or false. Checks that compare several properties use them so that two values
 * guarded by opposite branches of the same condition are never seen together.
 */
export type Scenario = Map<string, boolean>;

/** More conditions than this are not enumerated (2^n scenarios); callers then skip the check. */
export const MAX_SCENARIO_CONDITIONS = 4;

/** Condition names of the Fn::If calls in a node (through maps and If branches, not other calls). */
export function ifConditions(node: Node, into: Set<string>, depth = 0): void {
  if (!node || depth > 20) return;
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Fn::If' && isSeq(call.arg)) {
    const name = scalarString(call.arg.items[0] as Node);
    if (name) into.add(name);
    for (const branch of call.arg.items.slice(1)) ifConditions(branch as Node, into, depth + 1);
    return;
  }
  if (isMap(node) && !call) for (const item of entries(node)) ifConditions(item.value, into, depth + 1);
}

/** The node a value takes under a scenario (Fn::If resolved); undefined for AWS::NoValue. */
export function resolveIn(node: Node, scenario: Scenario, depth = 0): Node {
  const call = intrinsicOf(node, { allowCondition: false });
  if (depth > 20 || call?.name !== 'Fn::If' || !isSeq(call.arg)) {
    return call?.name === 'Ref' && scalarString(call.arg) === 'AWS::NoValue' ? undefined : node;
  }
  const value = scenario.get(scalarString(call.arg.items[0] as Node) ?? '');
  if (value === undefined) return node;
  return resolveIn(call.arg.items[value ? 1 : 2] as Node, scenario, depth + 1);
}

/** Every assignment of true/false to the conditions. */
export function scenarios(conditions: string[]): Scenario[] {
  if (!conditions.length) return [new Map()];
  return scenarios(conditions.slice(1)).flatMap((rest) => [true, false].map((value) => new Map([[conditions[0], value], ...rest])));
}
