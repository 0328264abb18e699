import type { Diagnostic } from '../../common/diagnostics';
import { rangeOf } from '../../common/yaml/ranges';
import { actionsOf, type PipelineView } from './declaration';

/** Stage names are unique in the pipeline, action names in their stage, namespaces in the pipeline (EP110). */
export function checkUniqueNames(pipeline: PipelineView): Diagnostic[] {
  const out: Diagnostic[] = [];
  const duplicate = (node: unknown, message: string) => out.push({ range: rangeOf(node, pipeline.lines), severity: 'error', code: 'EP110', message });
  const stages = new Set<string>();
  for (const stage of pipeline.stages) {
    if (stage.name !== undefined) {
      if (stages.has(stage.name)) duplicate(stage.nameNode, `stage name "${stage.name}" is used twice; stage names must be unique`);
      stages.add(stage.name);
    }
    const actions = new Set<string>();
    for (const action of stage.actions) {
      if (action.name === undefined) continue;
      if (actions.has(action.name)) duplicate(action.nameNode, `action name "${action.name}" is used twice in stage "${stage.name ?? stage.index + 1}"`);
      actions.add(action.name);
    }
  }
  const namespaces = new Set<string>();
  for (const action of actionsOf(pipeline)) {
    if (action.namespace === undefined) continue;
    if (namespaces.has(action.namespace)) duplicate(action.namespaceNode, `namespace "${action.namespace}" is used by two actions; namespaces must be unique in the pipeline`);
    namespaces.add(action.namespace);
  }
  return out;
}
