import type { Diagnostic } from '../../common/diagnostics';
import { rangeOf } from '../../common/yaml/ranges';
import type { PipelineView } from './declaration';

/** Source actions are all in the first stage, and the first stage holds nothing else (EP102). */
export function checkSourcePlacement(pipeline: PipelineView): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const stage of pipeline.stages) {
    for (const action of stage.actions) {
      if (action.category === undefined) continue;
      const isSource = action.category === 'Source';
      if (stage.index === 0 && !isSource) {
        out.push({ range: rangeOf(action.categoryNode, pipeline.lines), severity: 'error', code: 'EP102', message: `the first stage holds only source actions; "${action.name ?? 'this action'}" is a ${action.category} action` });
      } else if (stage.index > 0 && isSource) {
        out.push({ range: rangeOf(action.categoryNode, pipeline.lines), severity: 'error', code: 'EP102', message: `source actions belong in the first stage only; "${action.name ?? 'this action'}" is in stage "${stage.name ?? stage.index + 1}"` });
      }
    }
  }
  return out;
}
