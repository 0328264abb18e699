import { didYouMean } from '../../common/text';
import { isPseudoParameter, PSEUDO_PARAMETERS } from '../intrinsics';
import type { TemplateCheck } from './context';
import { entry } from '../../common/yaml/nodes';

/** E1020: `Ref` names a parameter, a resource or a pseudo parameter. */
export const refTarget: TemplateCheck = {
  codes: ['E1020'],
  run({ model, report, transformed }) {
    for (const ref of model.references) {
      if (ref.via !== 'Ref') continue;
      const name = ref.name;
      const parameter = model.parameters.get(name);
      if (parameter && !entry(parameter.value, 'Type')) {
        // CloudFormation rejects a parameter without a Type (E2001), so nothing can Ref it.
        report('E1020', ref.range, `Ref to "${name}", a parameter without a Type, which CloudFormation does not accept`);
        continue;
      }
      if (parameter || isPseudoParameter(name)) continue;
      if (model.resources.has(name)) {
        if (ref.from.section === 'Conditions') report('E1020', ref.range, `conditions can only Ref parameters, not the resource ${name}`);
        continue;
      }
      if (transformed) continue;
      if (ref.from.section === 'Resources' && name === '') {
        report('E1020', ref.range, 'Ref needs the name of a parameter or resource');
        continue;
      }
      const guess = didYouMean(name, [...model.parameters.keys(), ...model.resources.keys(), ...PSEUDO_PARAMETERS]);
      report('E1020', ref.range, `Ref to "${name}", which is not a parameter, resource or pseudo parameter${guess ? `; did you mean ${guess}?` : ''}`, {
        data: guess ? { replacement: guess } : undefined,
      });
    }
  },
};
