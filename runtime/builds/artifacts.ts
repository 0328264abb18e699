import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArtifactSpec } from '../buildspec/model';
import { insideWorkspace, listFiles, matcher } from './files';
import type { ArtifactRecord } from './records';
import { zipFolder } from './zip';

/**
 * Copies the files an artifact section selects into `destRoot/<name>`: `files` globs
 * relative to `base-directory`, minus `exclude-paths`, flattened with `discard-paths`;
 * symbolic links stay links with `enable-symlinks`, else their targets are copied.
 * Like CodeBuild, a section that matches nothing fails the upload.
 */
export function collectArtifacts(workspace: string, spec: ArtifactSpec, destRoot: string, name: string, zip = false): ArtifactRecord {
  const base = insideWorkspace(workspace, spec.baseDirectory, 'base-directory');
  const include = matcher(spec.files);
  const exclude = matcher(spec.excludePaths);
  const selected = listFiles(base).filter((f) => include(f) && !exclude(f));
  const label = spec.identifier ? `secondary artifact ${spec.identifier}` : 'artifacts';
  if (selected.length === 0) throw new Error(`${label}: no matching artifact paths found for ${spec.files.join(', ')} in ${path.relative(workspace, base) || '.'}`);
  const location = path.join(destRoot, name);
  fs.rmSync(location, { recursive: true, force: true });
  fs.mkdirSync(location, { recursive: true });
  const written = new Set<string>();
  for (const rel of selected) {
    const target = spec.discardPaths ? path.basename(rel) : rel;
    if (written.has(target)) throw new Error(`${label}: discard-paths puts two files at ${target}`);
    written.add(target);
    const from = path.join(base, rel);
    const to = path.join(location, target);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const stat = fs.lstatSync(from);
    if (stat.isSymbolicLink() && spec.enableSymlinks) fs.symlinkSync(fs.readlinkSync(from), to);
    else if (fs.statSync(from, { throwIfNoEntry: false })?.isFile()) fs.copyFileSync(from, to, fs.constants.COPYFILE_FICLONE);
  }
  const record: ArtifactRecord = { identifier: spec.identifier, name, location, files: written.size };
  if (zip) {
    record.zip = `${location}.zip`;
    zipFolder(location, record.zip);
  }
  return record;
}
