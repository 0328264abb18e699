import type { Diagnostic } from '../../common/diagnostics';
import { rangeOf } from '../../common/yaml/ranges';
import { actionsOf, type PipelineView } from './declaration';

/** runOrder is a whole number from 1 to 999 (EP105). */
export function checkRunOrder(pipeline: PipelineView): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const action of actionsOf(pipeline)) {
    const value = action.runOrder;
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 999) continue;
    out.push({ range: rangeOf(action.runOrderNode, pipeline.lines), severity: 'error', code: 'EP105', message: `runOrder of "${action.name ?? 'this action'}" must be a whole number from 1 to 999, not ${JSON.stringify(value)}` });
  }
  return out;
}
