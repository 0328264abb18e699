import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../common/errors';
import type { StateStore } from '../common/state';
import { extractArchive } from './archive';
import { copyTree } from './copy';
import { resolveReal } from '../common/contained';
import { EscapeError, isInside } from './paths';
import type { RevisionInfo } from './records';

/** Folders never copied from a folder revision (version control and Slipway's own state). */
const SKIPPED = new Set(['.git', '.slipway']);

/**
 * Copies a revision (folder, .zip/.tar/.tar.gz, or build:ID) into the state home's
 * `deployments/bundles/<deploymentId>/`: the copy the deployment runs from and a
 * later rollback redeploys. Anything that would escape the copy is refused first.
 */
export function prepareRevision(store: StateStore, source: string, deploymentId: string, cwd: string): RevisionInfo {
  const bundleDir = store.path('deployments', 'bundles', deploymentId);
  if (source.startsWith('build:')) {
    const folder = buildArtifactFolder(store, source.slice(6));
    copyFolder(folder, bundleDir);
    return { source, type: 'build', bundleDir };
  }
  const resolved = path.resolve(cwd, source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new InputError(`revision ${source} does not exist`);
  }
  if (stat.isDirectory()) {
    copyFolder(resolved, bundleDir);
    return { source: resolved, type: 'folder', bundleDir };
  }
  if (!/\.(zip|tar|tar\.gz|tgz)$/i.test(resolved)) throw new InputError(`revision ${source} is neither a folder nor a .zip, .tar or .tar.gz archive`);
  try {
    extractArchive(resolved, bundleDir);
  } catch (error) {
    fs.rmSync(bundleDir, { recursive: true, force: true });
    if (error instanceof EscapeError) throw new InputError(error.message);
    throw new InputError(`${source}: cannot read the archive (${(error as Error).message})`);
  }
  return { source: resolved, type: 'archive', bundleDir };
}

/** A build's primary artifact folder: the location its record names, else builds/ID/artifacts. */
function buildArtifactFolder(store: StateStore, id: string): string {
  if (!/^[A-Za-z0-9_.:-]+$/.test(id)) throw new InputError(`build id "${id}" is not a build id`);
  for (const record of [store.read<BuildRecord>('builds', id, 'build.json'), store.read<BuildRecord>('builds', `${id}.json`)]) {
    const location = record?.artifacts?.location;
    if (location && fs.existsSync(location)) return location;
  }
  const folder = store.path('builds', id, 'artifacts');
  if (fs.existsSync(folder)) return folder;
  throw new InputError(`build ${id} has no artifact folder under ${store.path('builds')}`);
}

interface BuildRecord {
  artifacts?: { location?: string };
}

/** Copies a folder, refusing symbolic links that lead outside it (checked before copying). */
function copyFolder(from: string, to: string): void {
  const realFrom = resolveReal(from);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name) && dir === from) continue;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = fs.readlinkSync(full);
        // An absolute link, even one into the revision, would point at the source folder, not the copy.
        if (path.isAbsolute(target)) throw new InputError(`${full}: symbolic link leads outside the revision (the absolute target ${target}; links must be relative and stay inside it)`);
        let real: string;
        try {
          real = fs.realpathSync.native(full); // the kernel's answer: `l1/..` after `l1 -> .` is the parent
        } catch {
          throw new InputError(`${full}: broken symbolic link in the revision`);
        }
        if (!isInside(realFrom, real)) throw new InputError(`${full}: symbolic link leads outside the revision (${real})`);
      } else if (entry.isDirectory()) walk(full);
    }
  };
  walk(from);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  copyTree(from, to, (name, dir) => dir === from && SKIPPED.has(name));
}
