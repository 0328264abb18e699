import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StateStore } from '../../common/state';

export interface ArtifactFile {
  path: string;
  blob: string;
  size: number;
}

export interface ArtifactManifest {
  files: ArtifactFile[];
  symlinks: { path: string; target: string }[];
  directories: string[];
}

/**
 * Content-addressed artifact store under `<state home>/artifacts/`: each file is a
 * blob named by its SHA-256 (plus `-x` when executable), an artifact is the manifest
 * of its files, named by the manifest's own hash. Ingesting moves an action's output
 * files into the store (rename, no copy) and handing an artifact to the next action
 * hard-links the blobs into its folder, so neither copies file content. Blobs are
 * read-only: an action must treat its input artifacts as immutable, as in AWS where
 * they are zip files in S3.
 */
export class ArtifactStore {
  private readonly blobs: string;
  private readonly manifests: string;

  constructor(store: StateStore) {
    this.blobs = store.ensure('artifacts', 'blobs');
    this.manifests = store.ensure('artifacts', 'manifests');
  }

  /** Moves every file of `dir` into the store and returns the artifact's id; `dir` is left empty of files. */
  ingest(dir: string): string {
    const manifest: ArtifactManifest = { files: [], symlinks: [], directories: [] };
    const walk = (relative: string): void => {
      const full = path.join(dir, relative);
      const entries = fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (entries.length === 0 && relative) manifest.directories.push(relative);
      for (const entry of entries) {
        const rel = relative ? `${relative}/${entry.name}` : entry.name;
        const abs = path.join(dir, rel);
        if (entry.isDirectory()) walk(rel);
        else if (entry.isSymbolicLink()) manifest.symlinks.push({ path: rel, target: fs.readlinkSync(abs) });
        else if (entry.isFile()) manifest.files.push(this.storeFile(abs, rel));
      }
    };
    walk('');
    const text = JSON.stringify(manifest);
    const id = createHash('sha256').update(text).digest('hex');
    const file = path.join(this.manifests, `${id}.json`);
    if (!fs.existsSync(file)) {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
    }
    return id;
  }

  private storeFile(abs: string, rel: string): ArtifactFile {
    const stat = fs.statSync(abs);
    const executable = (stat.mode & 0o111) !== 0;
    const blob = `${hashFile(abs)}${executable ? '-x' : ''}`;
    const target = path.join(this.blobs, blob.slice(0, 2), blob);
    if (fs.existsSync(target)) {
      fs.rmSync(abs, { force: true });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.chmodSync(abs, executable ? 0o555 : 0o444);
      try {
        fs.renameSync(abs, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        fs.copyFileSync(abs, target, fs.constants.COPYFILE_FICLONE);
        fs.rmSync(abs, { force: true });
      }
    }
    return { path: rel, blob, size: stat.size };
  }

  manifest(id: string): ArtifactManifest {
    if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(`not an artifact id: ${id}`);
    try {
      return JSON.parse(fs.readFileSync(path.join(this.manifests, `${id}.json`), 'utf8')) as ArtifactManifest;
    } catch {
      throw new Error(`artifact ${id} is missing from the artifact store`);
    }
  }

  size(id: string): number {
    return this.manifest(id).files.reduce((sum, f) => sum + f.size, 0);
  }

  /** Lays the artifact out in `dir` (created if needed) by hard-linking its blobs. */
  materialize(id: string, dir: string): void {
    const manifest = this.manifest(id);
    fs.mkdirSync(dir, { recursive: true });
    const made = new Set<string>([dir]);
    const ensureDir = (d: string): void => {
      if (made.has(d)) return;
      fs.mkdirSync(d, { recursive: true });
      made.add(d);
    };
    for (const d of manifest.directories) ensureDir(path.join(dir, d));
    for (const file of manifest.files) {
      const target = path.join(dir, file.path);
      ensureDir(path.dirname(target));
      const blob = path.join(this.blobs, file.blob.slice(0, 2), file.blob);
      try {
        fs.linkSync(blob, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK') throw error;
        fs.copyFileSync(blob, target, fs.constants.COPYFILE_FICLONE);
      }
    }
    for (const link of manifest.symlinks) {
      const target = path.join(dir, link.path);
      ensureDir(path.dirname(target));
      fs.symlinkSync(link.target, target);
    }
  }

  /** Reads one file of an artifact (for `Artifact::path` references such as TemplatePath). */
  readFile(id: string, file: string): Buffer | undefined {
    const entry = this.manifest(id).files.find((f) => f.path === file.replace(/^\.?\//, ''));
    if (!entry) return undefined;
    return fs.readFileSync(path.join(this.blobs, entry.blob.slice(0, 2), entry.blob));
  }
}

function hashFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
