import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContainedRoot, giveTo, settleTree } from '../common/contained';
import type { StateStore } from '../common/state';
import type { CacheSpec } from '../buildspec/model';
import { insideWorkspace, listFiles, matcher } from './files';

interface CacheMeta {
  key: string;
  saved: string;
  paths: string[];
}

/**
 * `cache.key` with `$VAR`/`${VAR}` from the build's variables and
 * `$(codebuild-hash-files GLOB…)` as CodeBuild computes it: a hash of the matching files.
 */
export function evaluateCacheKey(key: string, workspace: string, variables: Record<string, string>): string {
  return key
    .replace(/\$\(codebuild-hash-files ([^)]*)\)/g, (_, globs: string) => hashFiles(workspace, globs.trim().split(/\s+/)))
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a?: string, b?: string) => variables[(a ?? b)!] ?? process.env[(a ?? b)!] ?? '');
}

function hashFiles(workspace: string, globs: string[]): string {
  const match = matcher(globs);
  const hash = createHash('sha256');
  for (const file of listFiles(workspace).filter(match)) {
    hash.update(file + '\0');
    hash.update(fs.readFileSync(path.join(workspace, file)));
  }
  return hash.digest('hex');
}

/** The folder a cache path stands for: `node_modules/**\/*` caches `node_modules`. */
export function cacheFolder(pattern: string): string {
  const parts = pattern.split('/');
  const firstGlob = parts.findIndex((p) => /[*?[{]/.test(p));
  return (firstGlob < 0 ? parts : parts.slice(0, firstGlob)).join('/') || '.';
}

function keyFolder(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * Restores the project's cache into the workspace: the entry saved under `key`, else
 * the newest entry whose key starts with one of `fallback-keys`. Paths outside the
 * workspace are the machine's own folders and stay where they are between builds.
 */
export function restoreCache(store: StateStore, project: string, spec: CacheSpec, workspace: string, variables: Record<string, string>): string[] {
  if (spec.action === 'save') return [];
  const root = store.path('builds', 'cache', project);
  const key = evaluateCacheKey(spec.key ?? 'default', workspace, variables);
  const entries = store
    .list('builds', 'cache', project)
    .map((dir) => ({ dir, meta: store.read<CacheMeta>('builds', 'cache', project, dir, 'meta.json') }))
    .filter((e): e is { dir: string; meta: CacheMeta } => !!e.meta);
  let hit = entries.find((e) => e.meta.key === key);
  if (!hit) {
    for (const fallback of spec.fallbackKeys.map((k) => evaluateCacheKey(k, workspace, variables))) {
      hit = entries.filter((e) => e.meta.key.startsWith(fallback)).sort((a, b) => b.meta.saved.localeCompare(a.meta.saved))[0];
      if (hit) break;
    }
  }
  if (!hit) return [`Cache: no entry for key ${key}${spec.fallbackKeys.length ? ' or its fallback keys' : ''}`];
  const from = path.join(root, hit.dir, 'paths');
  const entry = new ContainedRoot(from, 'cache entry');
  const target = new ContainedRoot(workspace, 'source folder');
  let restored = 0;
  for (const folder of hit.meta.paths) {
    // The entry's record is read from the state home: its paths are checked like any input.
    const source = entry.checkNoLink(path.join(from, folder), 'restore the cache from');
    const into = target.check(path.join(workspace, folder), 'restore the cache into');
    if (!fs.existsSync(source)) continue;
    target.mkdir(path.dirname(into));
    fs.cpSync(source, into, { recursive: true, verbatimSymlinks: true, force: true });
    restored++;
  }
  return [`Cache: restored ${restored} path${restored === 1 ? '' : 's'} from key ${hit.meta.key}`];
}

export function saveCache(store: StateStore, project: string, spec: CacheSpec, workspace: string, variables: Record<string, string>): string[] {
  const key = evaluateCacheKey(spec.key ?? 'default', workspace, variables);
  const lines: string[] = [];
  const folders: string[] = [];
  for (const pattern of spec.paths) {
    const folder = cacheFolder(pattern);
    if (path.isAbsolute(folder)) {
      lines.push(`Cache: ${folder} is a folder of this machine; it stays in place between builds`);
      continue;
    }
    // Only what is inside the source folder, also through links (a link to / is not cached).
    const inside = insideWorkspace(workspace, folder, 'cache path');
    if (fs.existsSync(inside)) folders.push(path.relative(workspace, inside) || '.');
  }
  const dir = keyFolder(key);
  store.ensure('builds', 'cache', project);
  const staging = store.path('builds', 'cache', project, `${dir}.${process.pid}.tmp`);
  fs.rmSync(staging, { recursive: true, force: true });
  for (const folder of folders) {
    fs.cpSync(path.join(workspace, folder), path.join(staging, 'paths', folder), { recursive: true, verbatimSymlinks: true });
  }
  fs.mkdirSync(staging, { recursive: true });
  // A cache never hands setuid/setgid files to a later build, nor keeps the build's user as their owner.
  settleTree(staging, store.owner);
  const meta: CacheMeta = { key, saved: new Date().toISOString(), paths: folders };
  fs.writeFileSync(path.join(staging, 'meta.json'), JSON.stringify(meta, null, 2));
  giveTo(path.join(staging, 'meta.json'), store.owner);
  // Swap the whole entry in so a concurrent restore never sees half a cache.
  store.withLockSync(`build-cache-${project}`, () => {
    const final = store.path('builds', 'cache', project, dir);
    fs.rmSync(final, { recursive: true, force: true });
    fs.renameSync(staging, final);
  });
  lines.push(`Cache: saved ${folders.length} path${folders.length === 1 ? '' : 's'} under key ${key}`);
  return lines;
}
