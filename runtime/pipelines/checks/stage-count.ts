import type { Diagnostic } from '../../common/diagnostics';
import type { PipelineView } from './declaration';

/** A pipeline has at least two stages: a source stage and one that does something with it (EP101). */
export function checkStageCount(pipeline: PipelineView): Diagnostic[] {
  if (pipeline.stages.length >= 2) return [];
  return [{ range: pipeline.anchor, severity: 'error', code: 'EP101', message: `a pipeline needs at least 2 stages (a source stage and another); this one has ${pipeline.stages.length}` }];
}
