import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContainedRoot, EscapeError, giveTo, type FileOwner } from '../../common/contained';
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
 * files into the store (rename, no copy). Handing an artifact to the next action copies
 * each blob (a reflink where the file system can), never a hard link: an action that
 * writes to its input must not change the stored artifact that earlier executions,
 * later ones and rollbacks read, as in AWS where artifacts are zip files in S3. Each
 * blob's digest is verified before it is handed out. Blobs and manifests belong to the
 * state home's owner (copiesOwner), never to the user an action's files were made by.
 */
export class ArtifactStore {
  private readonly blobs: string;
  private readonly manifests: string;
  private readonly owner: FileOwner | undefined;

  constructor(store: StateStore) {
    this.blobs = store.ensure('artifacts', 'blobs');
    this.manifests = store.ensure('artifacts', 'manifests');
    this.owner = store.owner;
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
      giveTo(tmp, this.owner);
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
      if (!fs.existsSync(path.dirname(target))) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        giveTo(path.dirname(target), this.owner);
      }
      this.moveIn(abs, target, stat, executable ? 0o555 : 0o444);
    }
    return { path: rel, blob, size: stat.size };
  }

  /**
   * An output file becomes a blob: renamed in when it is the file's only name, else copied
   * (a hard link's other names are not the action's, so neither its mode nor its owner is
   * changed). The blob is given to the store's owner, with read (and execute) bits only.
   */
  private moveIn(abs: string, target: string, stat: fs.Stats, mode: number): void {
    const tmp = `${target}.${process.pid}.tmp`;
    let moved = false;
    if (stat.nlink === 1) {
      try {
        fs.renameSync(abs, tmp);
        moved = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      }
    }
    if (!moved) fs.copyFileSync(abs, tmp, fs.constants.COPYFILE_FICLONE);
    giveTo(tmp, this.owner);
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, target);
    fs.rmSync(abs, { force: true });
  }

  manifest(id: string): ArtifactManifest {
    if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(`not an artifact id: ${id}`);
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.manifests, `${id}.json`), 'utf8');
    } catch {
      throw new Error(`artifact ${id} is missing from the artifact store`);
    }
    // The id is the manifest's digest: a manifest edited in place is refused, not trusted.
    if (createHash('sha256').update(text).digest('hex') !== id) throw new Error(`artifact ${id}: its manifest was changed in the artifact store; the artifact is refused`);
    return JSON.parse(text) as ArtifactManifest;
  }

  size(id: string): number {
    return this.manifest(id).files.reduce((sum, f) => sum + f.size, 0);
  }

  /** The stored blob of a file, after checking that its content still has its digest. */
  private verifiedBlob(file: ArtifactFile): string {
    const match = /^([0-9a-f]{64})(-x)?$/.exec(file.blob);
    if (!match) throw new Error(`artifact store: "${file.blob}" is not a blob name (file ${file.path})`);
    const blob = path.join(this.blobs, file.blob.slice(0, 2), file.blob);
    if (!this.verified.has(blob)) {
      const digest = hashFile(blob);
      if (digest !== match[1]) throw new Error(`artifact store: the blob of ${file.path} was changed (its digest is ${digest}, not ${match[1]}); the artifact is refused`);
      this.verified.add(blob);
    }
    return blob;
  }

  private readonly verified = new Set<string>();

  /** Lays the artifact out in `dir` (created if needed) with copies of its verified blobs; nothing lands outside `dir`. */
  materialize(id: string, dir: string): void {
    const manifest = this.manifest(id);
    fs.mkdirSync(dir, { recursive: true });
    const root = new ContainedRoot(dir, 'artifact folder');
    try {
      for (const d of manifest.directories) root.mkdir(path.join(dir, d));
      for (const file of manifest.files) {
        const target = path.join(dir, file.path);
        root.copyFile(this.verifiedBlob(file), target);
        // Copies are the action's own: writable by it, executable when the blob is.
        fs.chmodSync(target, file.blob.endsWith('-x') ? 0o755 : 0o644);
      }
      for (const link of manifest.symlinks) root.symlink(link.target, path.join(dir, link.path));
    } catch (error) {
      if (error instanceof EscapeError) throw new Error(`artifact ${id}: ${error.message}`);
      throw error;
    }
  }

  /** Reads one file of an artifact (for `Artifact::path` references such as TemplatePath). */
  readFile(id: string, file: string): Buffer | undefined {
    const entry = this.manifest(id).files.find((f) => f.path === file.replace(/^\.?\//, ''));
    if (!entry) return undefined;
    return fs.readFileSync(this.verifiedBlob(entry));
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
