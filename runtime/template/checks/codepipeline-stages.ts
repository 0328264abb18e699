import { isSeq, entry, scalarString, type Node } from '../../common/yaml/nodes';
import { isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/**
 * E3700: a pipeline's first stage holds only source actions, and source actions appear only
 * in the first stage (CodePipeline pipeline structure reference).
 */
export const codePipelineStages: TemplateCheck = {
  codes: ['E3700'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::CodePipeline::Pipeline') continue;
      const stages = entry(resource.properties?.value, 'Stages')?.value;
      if (!isSeq(stages)) continue;
      stages.items.forEach((stage, index) => {
        const stageName = scalarString(entry(stage as Node, 'Name')?.value) ?? `#${index + 1}`;
        const actions = entry(stage as Node, 'Actions')?.value;
        if (!isSeq(actions)) return;
        for (const action of actions.items) {
          const category = entry(entry(action as Node, 'ActionTypeId')?.value, 'Category')?.value;
          if (!isLiteralScalar(category)) continue;
          const isSource = scalarString(category) === 'Source';
          if (index === 0 && !isSource) {
            report('E3700', model.rangeOf(category), `the first stage (${stageName}) of ${id} holds only Source actions, not ${scalarString(category)}`);
          } else if (index > 0 && isSource) {
            report('E3700', model.rangeOf(category), `Source actions belong in the first stage of ${id}, not in ${stageName}`);
          }
        }
      });
    }
  },
};
