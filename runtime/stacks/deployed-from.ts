import * as path from 'node:path';
import type { TemplateBody } from '../template/eval';
import type { StackStore } from './stack-store';

/**
 * The root stacks a template file is deployed as, best match first: those deployed from this
 * very file, then those deployed from a copy of it (a pipeline deploys the copy in its
 * artifact) — same file name and the same resources. The editor proposes these names, so
 * "Preview Changes" never invents a second stack for a template that is already deployed.
 */
export function stacksDeployedFrom(stacks: StackStore, file: string, template: TemplateBody): string[] {
  const resources = new Set(Object.keys(template.Resources ?? {}));
  const exact: string[] = [];
  const copies: string[] = [];
  for (const name of stacks.names()) {
    const record = stacks.read(name);
    if (!record || record.parentId || record.status === 'DELETE_COMPLETE') continue;
    if (record.templatePath && path.resolve(record.templatePath) === path.resolve(file)) {
      exact.push(name);
      continue;
    }
    const theirs = Object.keys(record.template?.Resources ?? {});
    const sameName = record.templatePath !== undefined && path.basename(record.templatePath) === path.basename(file);
    if (sameName && theirs.length > 0 && theirs.length === resources.size && theirs.every((id) => resources.has(id))) copies.push(name);
  }
  return [...exact, ...copies];
}
