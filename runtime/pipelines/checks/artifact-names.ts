import type { Diagnostic } from '../../common/diagnostics';
import { rangeOf } from '../../common/yaml/ranges';
import { actionsOf, type PipelineView } from './declaration';

/** Output artifact names are unique across the pipeline (EP104): inputs refer to them by name. */
export function checkArtifactNames(pipeline: PipelineView): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const action of actionsOf(pipeline)) {
    for (const output of action.outputs) {
      const first = seen.get(output.name);
      if (first === undefined) {
        seen.set(output.name, action.name ?? '(unnamed)');
        continue;
      }
      out.push({ range: rangeOf(output.node, pipeline.lines), severity: 'error', code: 'EP104', message: `output artifact "${output.name}" is already produced by "${first}"; artifact names must be unique in the pipeline` });
    }
  }
  return out;
}
