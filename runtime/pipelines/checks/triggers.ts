import type { Diagnostic } from '../../common/diagnostics';
import { suggest as didYouMean } from '../../schema/suggest';
import { rangeOf } from '../../common/yaml/ranges';
import { textOf, isSeq } from '../../common/yaml/nodes';
import { field, type PipelineView } from './declaration';

/**
 * A trigger's `sourceActionName` names a CodeStarSourceConnection source action of the
 * first stage (EP111): triggers start the pipeline from that action's repository.
 */
export function checkTriggers(pipeline: PipelineView): Diagnostic[] {
  const triggers = field(pipeline.node, 'triggers')?.value;
  if (!isSeq(triggers)) return [];
  const sources = (pipeline.stages[0]?.actions ?? []).filter((a) => a.category === 'Source');
  const out: Diagnostic[] = [];
  for (const trigger of triggers.items) {
    const pair = field(field(trigger, 'gitConfiguration')?.value, 'sourceActionName');
    const name = textOf(pair?.value);
    if (!pair || name === undefined) continue;
    const action = sources.find((a) => a.name === name);
    const range = rangeOf(pair.value, pipeline.lines);
    if (!action) {
      const suggestion = didYouMean(name, sources.map((a) => a.name ?? '').filter(Boolean));
      out.push({ range, severity: 'error', code: 'EP111', message: `trigger source action "${name}" is not a source action of the first stage${suggestion ? `; did you mean "${suggestion}"?` : ''}`, ...(suggestion ? { data: { replacement: suggestion } } : {}) });
    } else if (action.provider !== undefined && action.provider !== 'CodeStarSourceConnection') {
      out.push({ range, severity: 'error', code: 'EP111', message: `triggers work with CodeStarSourceConnection source actions; "${name}" is a ${action.provider} action` });
    }
  }
  return out;
}
