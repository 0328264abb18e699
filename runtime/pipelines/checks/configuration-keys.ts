import type { Diagnostic } from '../../common/diagnostics';
import { suggest as didYouMean } from '../../schema/suggest';
import { entries, textOf, isMap, isNode } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';
import { actionType, requiredKeys } from './action-catalog';
import { configurationKeys } from '../actions/provider';
import { actionsOf, field, type PipelineView } from './declaration';

/**
 * A known action type's configuration has its required keys (EP107), no key the type
 * does not take (WP108, with did-you-mean), and values the type knows where it lists
 * them, such as CloudFormation's ActionMode (EP107).
 */
export function checkConfigurationKeys(pipeline: PipelineView): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const action of actionsOf(pipeline)) {
    const info = actionType(action.category, action.provider);
    if (!info) continue;
    const configuration = action.configuration;
    // A configuration built by an intrinsic function (`!If`, `Fn::If`…) is only known at deploy time.
    if (isIntrinsic(field(action.node, 'configuration')?.value)) continue;
    const values: Record<string, string | undefined> = {};
    for (const e of entries(configuration)) values[e.key] = textOf(e.value) ?? (e.value === null ? undefined : '?');
    const anchor = rangeOf(action.configuration ? action.configurationNode : action.providerNode, pipeline.lines);
    const required = requiredKeys(info, values);
    const missing = required.filter((key) => !(key in values));
    if (missing.length) {
      out.push({ range: anchor, severity: 'error', code: 'EP107', message: `${info.provider} ${info.category.toLowerCase()} action "${action.name ?? ''}" needs configuration ${missing.map((k) => `"${k}"`).join(', ')}` });
    }
    const known = configurationKeys(info);
    for (const e of entries(configuration)) {
      if (known.includes(e.key)) continue;
      const suggestion = didYouMean(e.key, known.filter((k) => !(k in values)));
      out.push({
        range: rangeOf(e.keyNode, pipeline.lines),
        severity: 'warning',
        code: 'WP108',
        message: `${info.provider} actions take no configuration "${e.key}"${suggestion ? `; did you mean "${suggestion}"?` : known.length ? `; they take ${known.join(', ')}` : ''}`,
        ...(suggestion ? { data: { replacement: suggestion } } : {}),
      });
    }
    for (const [key, allowed] of Object.entries(info.values ?? {})) {
      const value = values[key];
      if (!value || value === '?' || allowed.includes(value)) continue;
      const node = entries(configuration).find((e) => e.key === key)!.value;
      const suggestion = didYouMean(value, allowed);
      out.push({
        range: rangeOf(node, pipeline.lines),
        severity: 'error',
        code: 'EP107',
        message: `"${value}" is not a ${info.provider} ${key}${suggestion ? `; did you mean "${suggestion}"?` : `; use one of ${allowed.join(', ')}`}`,
        ...(suggestion ? { data: { replacement: suggestion } } : {}),
      });
    }
  }
  return out;
}

/** A value computed by a CloudFormation intrinsic function (`!If …` or `{ "Fn::If": … }`). */
export function isIntrinsic(value: unknown): boolean {
  if (isNode(value) && value.tag?.startsWith('!')) return true;
  return isMap(value) && entries(value).some((e) => e.key === 'Ref' || e.key.startsWith('Fn::'));
}
