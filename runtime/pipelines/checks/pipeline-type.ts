import type { Diagnostic } from '../../common/diagnostics';
import { rangeOf } from '../../common/yaml/ranges';
import { textOf } from '../../common/yaml/nodes';
import { field, type PipelineView } from './declaration';

/** Pipeline-level variables, triggers and the PARALLEL execution mode need a V2 pipeline (EP112). */
export function checkPipelineType(pipeline: PipelineView): Diagnostic[] {
  const type = field(pipeline.node, 'pipelineType');
  if (textOf(type?.value) !== 'V1') return [];
  const out: Diagnostic[] = [];
  for (const key of ['variables', 'triggers']) {
    const pair = field(pipeline.node, key);
    if (pair) out.push({ range: rangeOf(pair.key, pipeline.lines), severity: 'error', code: 'EP112', message: `"${String((pair.key as { value: unknown }).value)}" needs pipelineType V2; this pipeline is V1` });
  }
  const mode = field(pipeline.node, 'executionMode');
  if (textOf(mode?.value) === 'PARALLEL') out.push({ range: rangeOf(mode!.value, pipeline.lines), severity: 'error', code: 'EP112', message: 'the PARALLEL execution mode needs pipelineType V2; this pipeline is V1' });
  return out;
}
