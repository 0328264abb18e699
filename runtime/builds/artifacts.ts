import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArtifactSpec } from '../buildspec/model';
import { ContainedRoot, giveTo, isInside, resolveReal, type FileOwner } from '../common/contained';
import { checkName } from '../common/names';
import { insideWorkspace, listFiles, matcher } from './files';
import type { ArtifactRecord } from './records';
import { zipFolder } from './zip';

/**
 * Copies the files an artifact section selects into `destRoot/<name>`: `files` globs
 * relative to `base-directory`, minus `exclude-paths`, flattened with `discard-paths`;
 * symbolic links stay links with `enable-symlinks`, else their targets are copied.
 * Like CodeBuild, a section that matches nothing fails the upload. Nothing is written or
 * deleted outside `artifactsRoot` (the build's artifact folder), and no link is followed
 * or kept that leads outside the source. What is written is given to `owner` (the state
 * home's, copiesOwner), never left to the user the build ran as.
 */
export function collectArtifacts(workspace: string, spec: ArtifactSpec, artifactsRoot: string, destRoot: string, name: string, zip = false, owner?: FileOwner): ArtifactRecord {
  checkName('artifact', name);
  if (spec.identifier !== undefined) checkName('artifact identifier', spec.identifier);
  const base = insideWorkspace(workspace, spec.baseDirectory, 'base-directory');
  const include = matcher(spec.files);
  const exclude = matcher(spec.excludePaths);
  const selected = listFiles(base).filter((f) => include(f) && !exclude(f));
  const label = spec.identifier ? `secondary artifact ${spec.identifier}` : 'artifacts';
  if (selected.length === 0) throw new Error(`${label}: no matching artifact paths found for ${spec.files.join(', ')} in ${path.relative(workspace, base) || '.'}`);
  const artifacts = new ContainedRoot(artifactsRoot, 'artifact folder', owner);
  const location = artifacts.check(path.join(destRoot, name), 'write the artifact');
  if (!isInside(destRoot, location) || location === path.resolve(destRoot)) throw new Error(`${label}: the artifact name "${name}" leaves its folder`);
  artifacts.remove(location);
  artifacts.mkdir(location);
  const written = new Set<string>();
  const realWorkspace = resolveReal(workspace);
  for (const rel of selected) {
    const target = spec.discardPaths ? path.basename(rel) : rel;
    if (written.has(target)) throw new Error(`${label}: discard-paths puts two files at ${target}`);
    written.add(target);
    const from = path.join(base, rel);
    const to = path.join(location, target);
    const stat = fs.lstatSync(from);
    if (stat.isSymbolicLink()) {
      // A link is kept (enable-symlinks) or its file copied, only when it leads inside the source.
      const real = resolveReal(from);
      if (!isInside(realWorkspace, real)) throw new Error(`${label}: ${rel} is a symbolic link to ${real}, outside the source folder`);
      if (spec.enableSymlinks) {
        artifacts.mkdir(path.dirname(to));
        fs.symlinkSync(fs.readlinkSync(from), artifacts.check(to, 'create the link'));
        giveTo(to, owner);
      } else if (fs.statSync(real, { throwIfNoEntry: false })?.isFile()) artifacts.copyFile(real, to);
    } else if (stat.isFile()) artifacts.copyFile(from, to);
  }
  const record: ArtifactRecord = { identifier: spec.identifier, name, location, files: written.size };
  if (zip) {
    record.zip = `${location}.zip`;
    zipFolder(location, record.zip);
    giveTo(record.zip, owner);
  }
  return record;
}
