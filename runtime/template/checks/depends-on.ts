import { didYouMean } from '../../common/text';
import type { TemplateCheck } from './context';

/** E3005: `DependsOn` names other resources of the template. */
export const dependsOnCheck: TemplateCheck = {
  codes: ['E3005'],
  run({ model, report, transformed }) {
    for (const ref of model.references) {
      if (ref.via !== 'DependsOn') continue;
      if (ref.name === ref.from.id) {
        report('E3005', ref.range, `${ref.name} cannot depend on itself`);
      } else if (!model.resources.has(ref.name) && !transformed) {
        const guess = didYouMean(ref.name, model.resources.keys());
        report('E3005', ref.range, `DependsOn "${ref.name}", which is not a resource${guess ? `; did you mean ${guess}?` : ''}`, {
          data: guess ? { replacement: guess } : undefined,
        });
      }
    }
  },
};
