import { didYouMean } from '../../common/text';
import type { TemplateCheck } from './context';

/** E3015 resource Condition, E1028 Fn::If, E8002 Condition in conditions/outputs: the condition is defined. */
export const conditionRefs: TemplateCheck = {
  codes: ['E3015', 'E1028', 'E8002'],
  run({ model, report }) {
    for (const ref of model.references) {
      if (ref.via !== 'Condition' && ref.via !== 'If') continue;
      if (model.conditions.has(ref.name)) continue;
      const code = ref.via === 'If' ? 'E1028' : ref.from.section === 'Resources' ? 'E3015' : 'E8002';
      const guess = didYouMean(ref.name, model.conditions.keys());
      report(code, ref.range, `condition "${ref.name}" is not defined in Conditions${guess ? `; did you mean ${guess}?` : ''}`, {
        data: guess ? { replacement: guess } : undefined,
      });
    }
  },
};
