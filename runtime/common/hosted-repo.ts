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

/**
 * CodeCommit's GitPull event in the activity log, for every read of a hosted repository
 * that Slipway itself serves or performs (smart HTTP, SSH, a build's `repo:NAME` source, a
 * pipeline's CodeCommit source). A plain `git clone <path>` runs no Slipway code: see the README.
 */
export function logGitPull(store: StateStore, entry: { repository: string; user: string; via: 'http' | 'ssh' | 'build' | 'pipeline'; result?: 'allowed' | 'refused'; reason?: string; [detail: string]: unknown }): void {
  store.activity({ service: 'repo', action: 'GitPull', result: 'allowed', ...entry });
}
