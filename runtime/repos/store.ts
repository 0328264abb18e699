import * as fs from 'node:fs';
import * as path from 'node:path';
import { NotFoundError } from '../common/errors';
import type { StateStore } from '../common/state';
import type { RepoMeta } from './model';

import { checkRepoName, repoPath } from '../common/hosted-repo';

export { checkRepoName, repoPath };

/** The state home a bare repository belongs to (hooks find their account this way). */
export function homeOfRepo(gitDir: string): string {
  return path.dirname(path.dirname(path.resolve(gitDir)));
}

export function repoNameOf(gitDir: string): string {
  return path.basename(path.resolve(gitDir)).replace(/\.git$/, '');
}

export function repoExists(store: StateStore, name: string): boolean {
  return fs.existsSync(path.join(repoPath(store, name), 'HEAD'));
}

export function listRepoNames(store: StateStore): string[] {
  return store
    .list('repos')
    .filter((entry) => entry.endsWith('.git') && fs.existsSync(store.path('repos', entry, 'HEAD')))
    .map((entry) => entry.slice(0, -4));
}

export function readMeta(store: StateStore, name: string): RepoMeta {
  if (!repoExists(store, name)) throw new NotFoundError(`no repository named "${name}" (see: slipway repo list)`, 'RepositoryDoesNotExistException');
  const meta = store.read<RepoMeta>('repos', `${checkRepoName(name)}.git`, 'slipway.json');
  return { name, description: '', createdAt: '', createdBy: '', rules: [], triggers: [], grants: {}, ...meta };
}

/** Read-modify-write of a repository's settings under its lock, so two writers never lose each other's change. */
export function updateMeta(store: StateStore, name: string, change: (meta: RepoMeta) => void): RepoMeta {
  return store.withLockSync(`repo-${name}`, () => {
    const meta = readMeta(store, name);
    change(meta);
    store.write(meta, 'repos', `${checkRepoName(name)}.git`, 'slipway.json');
    return meta;
  });
}

export function writeMeta(store: StateStore, meta: RepoMeta): void {
  store.write(meta, 'repos', `${checkRepoName(meta.name)}.git`, 'slipway.json');
}
