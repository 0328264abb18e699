import type * as YAML from 'yaml';
import { isScalar, entries, entry, scalarString, type Node } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/** CloudWatch Logs quota: at most two subscription filters per log group. */
const MAX_FILTERS = 2;

/** A log group named the same way twice: a literal name, or Ref to the same resource/parameter. */
function logGroupKey(node: Node): string | undefined {
  if (isLiteralScalar(node)) return `=${scalarString(node)}`;
  const call = intrinsicOf(node, { allowCondition: false });
  if (call?.name === 'Ref' && isScalar(call.arg)) return `@${scalarString(call.arg)}`;
  return undefined;
}

/**
 * E2529: more than two subscription filters on one log group, counting
 * AWS::Logs::SubscriptionFilter resources and SAM functions' CloudWatchLogs events.
 */
export const logSubscriptionFilters: TemplateCheck = {
  codes: ['E2529'],
  run({ model, report }) {
    const filters = new Map<string, Array<{ at: YAML.Node; owner: string }>>();
    const add = (name: Node, at: YAML.Node, owner: string) => {
      const key = logGroupKey(name);
      if (!key) return;
      let list = filters.get(key);
      if (!list) filters.set(key, (list = []));
      list.push({ at, owner });
    };
    for (const [id, resource] of model.resources) {
      // Conditional filters may never coexist; only unconditional ones are counted.
      if (entry(resource.value, 'Condition')) continue;
      const properties = resource.properties?.value;
      if (resource.type === 'AWS::Logs::SubscriptionFilter') {
        const name = entry(properties, 'LogGroupName');
        if (name) add(name.value, name.keyNode, id);
      } else if (resource.type === 'AWS::Serverless::Function') {
        for (const event of entries(entry(properties, 'Events')?.value)) {
          if (scalarString(entry(event.value, 'Type')?.value) !== 'CloudWatchLogs') continue;
          const name = entry(entry(event.value, 'Properties')?.value, 'LogGroupName');
          if (name) add(name.value, event.keyNode, `${id} (event ${event.key})`);
        }
      }
    }
    for (const list of filters.values()) {
      for (const extra of list.slice(MAX_FILTERS)) {
        report('E2529', model.rangeOf(extra.at), `${extra.owner} adds a subscription filter to a log group that already has ${MAX_FILTERS} (${list.slice(0, MAX_FILTERS).map((f) => f.owner).join(', ')}); CloudWatch Logs allows ${MAX_FILTERS}`);
      }
    }
  },
};
