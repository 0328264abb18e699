import { entry, scalarString, type Node, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import { ifConditions, MAX_SCENARIO_CONDITIONS, resolveIn, scenarios } from '../scenarios';
import type { TemplateCheck } from './context';

/**
 * Lists whose registry schema says `uniqueItems: true`: IAM attaches a policy to an identity,
 * or an identity to a policy, once (AWS::IAM::Role, User, Group, Policy, ManagedPolicy).
 */
const UNIQUE_LISTS: Record<string, string[]> = {
  'AWS::IAM::Role': ['ManagedPolicyArns'],
  'AWS::IAM::User': ['ManagedPolicyArns', 'Groups'],
  'AWS::IAM::Group': ['ManagedPolicyArns'],
  'AWS::IAM::Policy': ['Roles', 'Users', 'Groups'],
  'AWS::IAM::ManagedPolicy': ['Roles', 'Users', 'Groups'],
};

/** A comparable form of an item whose value is known or named (a literal, Ref or GetAtt); undefined otherwise. */
function itemKey(node: Node): string | undefined {
  if (isLiteralScalar(node)) return `=${scalarString(node) ?? ''}`;
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref') return `Ref ${scalarString(call.arg) ?? ''}`;
  if (call?.name === 'Fn::GetAtt') {
    const parts = isSeq(call.arg) ? call.arg.items.map((i) => scalarString(i as Node) ?? '?') : [scalarString(call.arg) ?? '?'];
    return `GetAtt ${parts.join('.')}`;
  }
  return undefined;
}

/** E3037: a list that the schema declares unique holds the same item twice (in some condition scenario). */
export const uniqueItems: TemplateCheck = {
  codes: ['E3037'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      const names = resource.type && Object.hasOwn(UNIQUE_LISTS, resource.type) ? UNIQUE_LISTS[resource.type] : [];
      for (const name of names) {
        const item = entry(resource.properties?.value, name);
        if (!item) continue;
        const conditions = new Set<string>();
        ifConditions(item.value, conditions);
        if (isSeq(item.value)) for (const element of item.value.items) ifConditions(element as Node, conditions);
        if (conditions.size > MAX_SCENARIO_CONDITIONS) continue;
        const duplicates = new Set<string>();
        for (const scenario of scenarios([...conditions])) {
          const list = resolveIn(item.value, scenario);
          if (!isSeq(list) || intrinsicOf(list, { allowCondition: false })) continue;
          const seen = new Set<string>();
          for (const element of list.items) {
            const resolved = resolveIn(element as Node, scenario);
            if (resolved === undefined) continue;
            const key = itemKey(resolved);
            if (key === undefined) continue;
            if (seen.has(key)) duplicates.add(key.replace(/^=/, ''));
            seen.add(key);
          }
        }
        if (duplicates.size) report('E3037', model.rangeOf(item.keyNode), `${name} of ${id} lists ${[...duplicates].join(', ')} more than once; its items must be unique`);
      }
    }
  },
};
