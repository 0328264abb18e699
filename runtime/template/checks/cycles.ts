import { buildDependencyGraph, findCycles } from '../graph';
import type { TemplateCheck } from './context';

/** E3004: circular dependencies between resources, each cycle named on every member. */
export const cycles: TemplateCheck = {
  codes: ['E3004'],
  run({ model, report }) {
    const graph = buildDependencyGraph(model.value());
    for (const cycle of findCycles(graph)) {
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
