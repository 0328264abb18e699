import { checkName } from './names';
import type { StateStore } from './state';

/** CodeCommit's naming rule: letters, digits, '.', '_', '-', at most 100 characters, not ending in ".git". */
export function checkRepoName(name: string | undefined): string {
  return checkName('repository', name);
}

/**
 * Where a hosted repository lives: the bare repository `<state home>/repos/<NAME>.git`.
 * The one place that says so (repos, builds from `repo:NAME`, the CodeCommit pipeline source).
 */
export function repoPath(store: StateStore, name: string): string {
  return store.path('repos', `${checkRepoName(name)}.git`);
}
