import { serviceLifecycle } from '../lifecycle';
import type { TemplateCheck } from './context';

/**
 * E3710: a resource type of a service that is shut down (the stack cannot create it);
 * W3696: of a service whose end is announced; W3697: of a feature in maintenance mode.
 */
export const serviceLifecycleCheck: TemplateCheck = {
  codes: ['E3710', 'W3696', 'W3697'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      const entry = resource.type ? serviceLifecycle(resource.type) : undefined;
      if (!entry || !resource.type) continue;
      // Shown on Properties, where cfn-lint shows it (ignore lists and line-based tooling carry over); else on Type.
      const range = model.rangeOf(resource.properties?.keyNode ?? resource.typeNode);
      const where = `resource type ${resource.type} of ${id}`;
      if (entry.status === 'shut-down') report('E3710', range, `${where} is from a service that was shut down on ${entry.date} (${entry.source})`);
      else if (entry.status === 'ending') report('W3696', range, `${where} is from a service that ${entry.date ? `will be shut down on ${entry.date}` : 'is being retired'}; plan a migration (${entry.source})`);
      else report('W3697', range, `${where} is in maintenance mode${entry.date ? ` since ${entry.date}` : ''}; consider the alternative (${entry.source})`);
    }
  },
};
