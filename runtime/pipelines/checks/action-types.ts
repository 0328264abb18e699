import type { Diagnostic } from '../../common/diagnostics';
import { suggest as didYouMean } from '../../schema/suggest';
import { rangeOf } from '../../common/yaml/ranges';
import { CATEGORIES, providersOf } from './action-catalog';
import { actionsOf, type PipelineView } from './declaration';

/**
 * An action's category is one CodePipeline knows, and for AWS-owned actions the
 * provider is one of that category's (EP106). Custom and partner action types are
 * defined outside the pipeline and are not checked.
 */
export function checkActionTypes(pipeline: PipelineView): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const action of actionsOf(pipeline)) {
    if (action.category !== undefined && !CATEGORIES.includes(action.category)) {
      const suggestion = didYouMean(action.category, CATEGORIES);
      out.push({
        range: rangeOf(action.categoryNode, pipeline.lines),
        severity: 'error',
        code: 'EP106',
        message: `"${action.category}" is not an action category${suggestion ? `; did you mean "${suggestion}"?` : `; use one of ${CATEGORIES.join(', ')}`}`,
        ...(suggestion ? { data: { replacement: suggestion } } : {}),
      });
      continue;
    }
    if (action.owner !== 'AWS' || action.provider === undefined || action.category === undefined) continue;
    const providers = providersOf(action.category).filter((t) => t.owner === 'AWS').map((t) => t.provider);
    if (providers.includes(action.provider)) continue;
    const suggestion = didYouMean(action.provider, providers);
    out.push({
      range: rangeOf(action.providerNode, pipeline.lines),
      severity: 'error',
      code: 'EP106',
      message: `"${action.provider}" is not an AWS ${action.category} provider${suggestion ? `; did you mean "${suggestion}"?` : `; ${action.category} providers are ${providers.join(', ')}`}`,
      ...(suggestion ? { data: { replacement: suggestion } } : {}),
    });
  }
  return out;
}
