import { findCycles, type DependencyGraph } from '../graph';
import type { TemplateModel } from '../model';
import type { TemplateCheck } from './context';

/** The resource dependency graph from the model's positioned references (no second walk of the template). */
function graphOf(model: TemplateModel): DependencyGraph {
  const resources = [...model.resources.keys()];
  const dependsOn = new Map(resources.map((id) => [id, new Set<string>()]));
  const dependents = new Map(resources.map((id) => [id, new Set<string>()]));
  for (const reference of model.references) {
    if (reference.from.section !== 'Resources') continue;
    if (reference.via !== 'Ref' && reference.via !== 'GetAtt' && reference.via !== 'Sub' && reference.via !== 'DependsOn') continue;
    if (!model.resources.has(reference.name) || model.parameters.has(reference.name)) continue;
    dependsOn.get(reference.from.id)!.add(reference.name);
    dependents.get(reference.name)!.add(reference.from.id);
  }
  return { resources, dependsOn, dependents, parameters: new Map(), conditions: new Map(), outputs: new Map(), references: [] };
}

/** E3004: circular dependencies between resources, each cycle named on every member. */
export const cycles: TemplateCheck = {
  codes: ['E3004'],
  run({ model, report }) {
    for (const cycle of findCycles(graphOf(model))) {
      const names = cycle.join(' → ');
      for (const id of cycle) {
        const resource = model.resources.get(id);
        if (!resource) continue;
        const message = cycle.length === 1 ? `${id} depends on itself` : `circular dependency: ${id} is in the cycle ${names} → ${cycle[0]}`;
        report('E3004', resource.keyRange, message);
      }
    }
  },
};
