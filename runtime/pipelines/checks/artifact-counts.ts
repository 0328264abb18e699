import type { Diagnostic } from '../../common/diagnostics';
import { isScalar, isSeq } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';
import { actionType } from './action-catalog';
import { actionsOf, field, type PipelineView } from './declaration';

/** The artifacts a list declares; unknown (undefined) when an intrinsic function builds it. */
function countOf(list: unknown): number | undefined {
  if (list === undefined || list === null || (isScalar(list) && list.value === null && !list.tag)) return 0;
  return isSeq(list) ? list.items.length : undefined;
}

/**
 * An action has as many input and output artifacts as its type takes (EP113), as
 * https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-action-artifacts.html
 * lists them: a CodeDeploy action deploys exactly one, a source action reads none.
 */
export function checkArtifactCounts(pipeline: PipelineView): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const action of actionsOf(pipeline)) {
    const rules = actionType(action.category, action.provider)?.artifacts;
    if (!rules) continue;
    for (const [side, key, [min, max]] of [
      ['input', 'inputArtifacts', rules.inputs],
      ['output', 'outputArtifacts', rules.outputs],
    ] as const) {
      const count = countOf(field(action.node, key)?.value);
      if (count === undefined || (count >= min && count <= max)) continue;
      const allowed = min === max ? `${min}` : `${min} to ${max}`;
      out.push({
        range: rangeOf(field(action.node, key)?.key ?? action.providerNode, pipeline.lines),
        severity: 'error',
        code: 'EP113',
        message: `${action.provider} ${action.category!.toLowerCase()} actions take ${allowed} ${side} artifact${max === 1 ? '' : 's'}; "${action.name ?? 'this action'}" has ${count}`,
      });
    }
  }
  return out;
}
