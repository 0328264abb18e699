import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../common/errors';
import { checkHostedConfig } from '../common/git-safety';
import { uuid } from '../common/ids';
import type { StateStore } from '../common/state';
import { git, gitResult } from './git';
import { installHooks } from './hooks';
import type { RepoInfo, RepoMeta, RepoSummary } from './model';
import { listPullRequests } from './pulls';
import { isProtected } from './rules';
import { checkRepoName, listRepoNames, readMeta, repoExists, repoPath, writeMeta } from './store';

function newMeta(name: string, description: string, user: string): RepoMeta {
  return { name, id: uuid(), description, createdAt: new Date().toISOString(), createdBy: user, rules: [], triggers: [], grants: {} };
}

/** Settings every hosted repository gets: hooks, and reflogs so a bad push can be inspected. */
async function prepare(gitDir: string): Promise<void> {
  await git(['--git-dir', gitDir, 'config', 'core.logAllRefUpdates', 'always']);
  installHooks(gitDir);
}

function refuseExisting(store: StateStore, name: string): void {
  checkRepoName(name);
  if (repoExists(store, name) || fs.existsSync(repoPath(store, name))) throw new InputError(`a repository named "${name}" already exists (${repoPath(store, name)})`);
}

export async function createRepo(store: StateStore, name: string, options: { description?: string; user: string }): Promise<RepoInfo> {
  refuseExisting(store, name);
  const gitDir = repoPath(store, name);
  store.ensure('repos');
  await git(['init', '--quiet', '--bare', '--initial-branch=main', gitDir]);
  writeMeta(store, newMeta(name, options.description ?? '', options.user));
  await prepare(gitDir);
  store.activity({ service: 'repo', action: 'CreateRepository', repository: name, user: options.user, result: 'allowed' });
  return describeRepo(store, name);
}

/** A mirror of an existing repository (all refs), as the CodeCommit migration guide does with `git clone --mirror`. */
export async function importRepo(store: StateStore, name: string, from: string, options: { description?: string; user: string }): Promise<RepoInfo> {
  refuseExisting(store, name);
  await mirrorInto(store, name, from);
  writeMeta(store, newMeta(name, options.description ?? `imported from ${from}`, options.user));
  store.activity({ service: 'repo', action: 'ImportRepository', repository: name, user: options.user, source: from, result: 'allowed' });
  return describeRepo(store, name);
}

/** Clones a full mirror into a temporary folder, then moves it into place (a failed clone leaves nothing behind). */
async function mirrorInto(store: StateStore, name: string, from: string): Promise<void> {
  const gitDir = repoPath(store, name);
  const temp = `${gitDir}.importing-${process.pid}`;
  store.ensure('repos');
  fs.rmSync(temp, { recursive: true, force: true });
  const source = fs.existsSync(from) ? path.resolve(from) : from;
  try {
    await git(['clone', '--quiet', '--mirror', '--', source, temp], { hosted: true });
    await git(['--git-dir', temp, 'remote', 'remove', 'origin'], { fresh: true });
    fs.rmSync(path.join(temp, 'hooks'), { recursive: true, force: true });
    fs.renameSync(temp, gitDir);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  await prepare(gitDir);
}

export async function describeRepo(store: StateStore, name: string): Promise<RepoInfo> {
  const meta = readMeta(store, name);
  const gitDir = repoPath(store, name);
  installHooks(gitDir);
  const [refs, head, pulls] = await Promise.all([
    git(['--git-dir', gitDir, 'for-each-ref', '--format=%(refname)%09%(objectname)', 'refs/heads', 'refs/tags']),
    gitResult(['--git-dir', gitDir, 'symbolic-ref', '--short', 'HEAD'], { okCodes: [1, 128] }),
    listPullRequests(gitDir),
  ]);
  const branches: RepoInfo['branches'] = [];
  const tags: string[] = [];
  for (const line of refs.split('\n').filter(Boolean)) {
    const [ref, commit] = line.split('\t');
    if (ref.startsWith('refs/heads/')) {
      const branch = ref.slice('refs/heads/'.length);
      branches.push({ name: branch, commit, protected: isProtected(meta.rules, branch) });
    } else tags.push(ref.slice('refs/tags/'.length));
  }
  return {
    name,
    id: meta.id,
    description: meta.description,
    cloneUrl: gitDir,
    path: gitDir,
    createdAt: meta.createdAt,
    defaultBranch: head.stdout.trim() || 'main',
    branches,
    tags,
    rules: meta.rules,
    triggers: meta.triggers.map(({ name: trigger, url, events, branches: patterns }) => ({ name: trigger, url, events, branches: patterns })),
    grants: meta.grants,
    pullRequests: { open: pulls.filter((p) => p.status === 'OPEN').length, total: pulls.length },
  };
}

/**
 * A repository's metadata without running git (describeRepo runs four git processes, ~100 ms
 * of a GetRepository on 2 cores; this is ~0.1 ms, bench/api.ts): the branch HEAD names and
 * whether any branch exists, read where git keeps them (gitrepository-layout: `HEAD`,
 * `packed-refs`, loose refs under `refs/heads/`). Whatever git would have to decide itself (the
 * reftable format, a HEAD that is not a branch's symbolic ref, a short name that other refs
 * make ambiguous) is answered by describeRepo.
 */
export async function repoSummary(store: StateStore, name: string): Promise<RepoSummary> {
  const meta = readMeta(store, name);
  const gitDir = repoPath(store, name);
  const refs = headAndBranches(store, path.basename(gitDir));
  if (refs) return { name, id: meta.id, description: meta.description, path: gitDir, createdAt: meta.createdAt, defaultBranch: refs.head || 'main', hasBranches: refs.hasBranches };
  const info = await describeRepo(store, name);
  return { name, id: info.id, description: info.description, path: gitDir, createdAt: info.createdAt, defaultBranch: info.defaultBranch, hasBranches: info.branches.length > 0 };
}

/** HEAD's branch ('' when detached) and whether a branch exists, from the files backend; undefined when only git can tell. */
function headAndBranches(store: StateStore, folder: string): { head: string; hasBranches: boolean } | undefined {
  if (fs.existsSync(store.contained('repos', folder, 'reftable'))) return undefined;
  const head = store.readText('repos', folder, 'HEAD');
  const packed = (store.readText('repos', folder, 'packed-refs') ?? '').split('\n');
  const packedRef = (ref: string) => packed.some((line) => /^[0-9a-f]{40,64} /.test(line) && line.slice(line.indexOf(' ') + 1) === ref);
  const looseRef = (ref: string) => fs.lstatSync(store.contained('repos', folder, ...ref.split('/')), { throwIfNoEntry: false })?.isFile() === true;
  const hasBranches = packed.some((line) => /^[0-9a-f]{40,64} refs\/heads\//.test(line)) || hasLooseRef(store.contained('repos', folder, 'refs', 'heads'));
  if (head === undefined) return undefined;
  if (/^[0-9a-f]{40,64}\n?$/.test(head)) return { head: '', hasBranches };
  const branch = /^ref: refs\/heads\/([^\n]+)\n?$/.exec(head)?.[1];
  if (!branch || branch.split('/').some((part) => !part || part === '.' || part === '..')) return undefined;
  // `symbolic-ref --short` names the branch in full when a shorter name would also mean another ref.
  const ambiguous = [`refs/${branch}`, `refs/tags/${branch}`, `refs/remotes/${branch}`, `refs/remotes/${branch}/HEAD`].some((ref) => looseRef(ref) || packedRef(ref));
  return ambiguous ? undefined : { head: branch, hasBranches };
}

/** Whether a folder of loose refs holds one (a ref being written is `NAME.lock` until renamed). */
function hasLooseRef(dir: string): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((entry) => (entry.isFile() && !entry.name.endsWith('.lock')) || (entry.isDirectory() && hasLooseRef(path.join(dir, entry.name))));
}

export async function listRepos(store: StateStore): Promise<RepoInfo[]> {
  return Promise.all(listRepoNames(store).map((name) => describeRepo(store, name)));
}

/** Deletes a repository; refused while any branch rule protects it (remove the rules first). */
export function deleteRepo(store: StateStore, name: string, user: string): void {
  const meta = readMeta(store, name);
  const guarded = meta.rules.filter((rule) => rule.requirePullRequest || rule.allowPush.length > 0);
  if (guarded.length > 0) {
    throw new InputError(`${name} has protected branches (${guarded.map((r) => r.branch).join(', ')}); remove those rules first (slipway repo rule remove ${name} --branch PATTERN)`);
  }
  store.withLockSync(`repo-${name}`, () => fs.rmSync(repoPath(store, name), { recursive: true, force: true }));
  store.activity({ service: 'repo', action: 'DeleteRepository', repository: name, user, result: 'allowed' });
}

/** A full mirror (every ref, pull requests and reviews included) at `<DIR>/<NAME>.git`, plus the settings. */
export async function backupRepo(store: StateStore, name: string, dir: string, user: string): Promise<{ path: string; refs: number }> {
  const meta = readMeta(store, name);
  const target = path.resolve(dir, `${name}.git`);
  if (fs.existsSync(path.join(target, 'HEAD'))) {
    checkHostedConfig(repoPath(store, name));
    await git(['--git-dir', target, 'fetch', '--quiet', '--prune', repoPath(store, name), '+refs/*:refs/*']);
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await git(['clone', '--quiet', '--mirror', '--', repoPath(store, name), target], { hosted: true });
    await git(['--git-dir', target, 'remote', 'remove', 'origin'], { fresh: true });
  }
  fs.writeFileSync(path.join(target, 'slipway.json'), JSON.stringify(meta, null, 2) + '\n');
  const refs = (await git(['--git-dir', target, 'for-each-ref', '--format=%(refname)'])).split('\n').filter(Boolean).length;
  store.activity({ service: 'repo', action: 'BackupRepository', repository: name, user, target, result: 'allowed' });
  return { path: target, refs };
}

/** Restores a backup (or any repository) as a hosted repository, settings included when the backup has them. */
export async function restoreRepo(store: StateStore, name: string, from: string, user: string): Promise<RepoInfo> {
  refuseExisting(store, name);
  const saved = path.join(path.resolve(from), 'slipway.json');
  const meta = fs.existsSync(saved) ? (JSON.parse(fs.readFileSync(saved, 'utf8')) as RepoMeta) : newMeta(name, `restored from ${from}`, user);
  await mirrorInto(store, name, from);
  writeMeta(store, { ...meta, name });
  store.activity({ service: 'repo', action: 'RestoreRepository', repository: name, user, source: from, result: 'allowed' });
  return describeRepo(store, name);
}
