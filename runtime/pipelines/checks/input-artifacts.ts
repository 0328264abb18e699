import type { Diagnostic } from '../../common/diagnostics';
import { suggest as didYouMean } from '../../schema/suggest';
import { rangeOf } from '../../common/yaml/ranges';
import { actionsOf, runsBefore, type ActionView, type PipelineView } from './declaration';

/** The action that produces an artifact of this name, if any. */
export function producerOf(pipeline: PipelineView, artifact: string): ActionView | undefined {
  return actionsOf(pipeline).find((a) => a.outputs.some((o) => o.name === artifact));
}

/** Every input artifact is an output of an action that finishes earlier (EP103). */
export function checkInputArtifacts(pipeline: PipelineView): Diagnostic[] {
  const actions = actionsOf(pipeline);
  const out: Diagnostic[] = [];
  for (const action of actions) {
    for (const input of action.inputs) {
      const producer = producerOf(pipeline, input.name);
      const range = rangeOf(input.node, pipeline.lines);
      if (!producer) {
        const names = actions.flatMap((a) => (runsBefore(a, action) ? a.outputs.map((o) => o.name) : []));
        const suggestion = didYouMean(input.name, names);
        out.push({
          range,
          severity: 'error',
          code: 'EP103',
          message: `input artifact "${input.name}" of "${action.name ?? 'this action'}" is not produced by any action${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          ...(suggestion ? { data: { replacement: suggestion } } : {}),
        });
      } else if (!runsBefore(producer, action)) {
        out.push({ range, severity: 'error', code: 'EP103', message: `input artifact "${input.name}" is produced by "${producer.name ?? 'an action'}", which does not finish before "${action.name ?? 'this action'}" starts (same stage needs a lower runOrder)` });
      }
    }
  }
  return out;
}
