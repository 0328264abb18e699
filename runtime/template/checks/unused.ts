import type { TemplateCheck } from './context';

/** W2001 unused parameters, W8001 unused conditions (skipped under transforms, which may use them). */
export const unusedDeclarations: TemplateCheck = {
  codes: ['W2001', 'W8001'],
  run({ model, report, transformed }) {
    if (transformed) return;
    const referenced = new Set<string>();
    const conditionsUsed = new Set<string>();
    for (const ref of model.references) {
      if (ref.via === 'Ref' || ref.via === 'Sub') referenced.add(ref.name);
      if (ref.via === 'Condition' || ref.via === 'If') conditionsUsed.add(ref.name);
    }
    for (const [name, parameter] of model.parameters) {
      if (!referenced.has(name)) report('W2001', parameter.keyRange, `parameter ${name} is not used`);
    }
    for (const [name, condition] of model.conditions) {
      if (!conditionsUsed.has(name)) report('W8001', condition.keyRange, `condition ${name} is not used`);
    }
  },
};
