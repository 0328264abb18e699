import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../common/errors';
import { checkHostedConfig, neutralisedGitEnv } from '../common/git-safety';
import { repoPath } from '../common/hosted-repo';
import type { StateStore } from '../common/state';
import { run } from '../common/process';

export interface ProvisionedSource {
  /** The build's own copy: CODEBUILD_SRC_DIR. */
  dir: string;
  files: number;
  /** The commit, when the source is a git checkout. */
  resolvedSourceVersion?: string;
  sourceVersion?: string;
}

/** Folders a build never sees: VCS metadata and Slipway's own state. */
const ALWAYS_SKIPPED = new Set(['.git', '.slipway']);

/** A memory-backed folder is used for workspaces only when it has this much room. */
const TMPFS_MIN_FREE = 2 * 1024 ** 3;

/**
 * Where workspaces go: $SLIPWAY_WORKSPACE_DIR, else /dev/shm when it is a tmpfs with
 * room (copying and deleting thousands of files there costs a fraction of a disk's
 * time), else the system temp folder.
 */
export function workspaceBase(): string {
  if (process.env.SLIPWAY_WORKSPACE_DIR) return process.env.SLIPWAY_WORKSPACE_DIR;
  try {
    const stats = fs.statfsSync('/dev/shm');
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    if (stats.bavail * stats.bsize >= TMPFS_MIN_FREE) return '/dev/shm';
  } catch {
    // no tmpfs here
  }
  return os.tmpdir();
}

export function makeWorkspaceRoot(buildFolder: string): string {
  const base = workspaceBase();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `slipway-${buildFolder.slice(0, 40)}-`));
}

/** Copies at once: the file system's latency, not the CPU, is what a copy waits on. */
const COPY_CONCURRENCY = 16;

/**
 * Copies a source folder into a fresh workspace. In a git checkout the copy is the
 * tracked files plus untracked files that are not ignored (`git ls-files -co
 * --exclude-standard`), the files CodeBuild would see after a push; otherwise the whole
 * folder. Files are cloned copy-on-write where the file system can (COPYFILE_FICLONE
 * falls back to a plain copy), never hard-linked, so a build cannot change the source.
 */
export async function provisionFolder(source: string, dest: string, exclude: string[] = []): Promise<ProvisionedSource> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new InputError('source folder not found', source);
  }
  if (!stat.isDirectory()) throw new InputError('the source is not a folder', source);
  const excluded = exclude.map((p) => path.resolve(p));
  const git = await gitFiles(source);
  const walked = git ? undefined : walk(source);
  const relFiles = git ? git.files : walked!.files;
  fs.mkdirSync(dest, { recursive: true });
  const made = new Set<string>([dest]);
  for (const dir of walked?.emptyDirs ?? []) {
    const from = path.join(source, dir);
    if (!excluded.some((e) => from === e || from.startsWith(e + path.sep) || e.startsWith(from + path.sep))) fs.mkdirSync(path.join(dest, dir), { recursive: true });
  }
  let count = 0;
  let next = 0;
  const copyOne = async (rel: string) => {
    const from = path.join(source, rel);
    if (excluded.some((e) => from === e || from.startsWith(e + path.sep))) return;
    const to = path.join(dest, rel);
    const parent = path.dirname(to);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    let info: fs.Stats;
    try {
      info = await fs.promises.lstat(from);
    } catch {
      return; // listed by git but deleted in the work tree
    }
    if (info.isSymbolicLink()) await fs.promises.symlink(await fs.promises.readlink(from), to);
    else if (info.isFile()) await fs.promises.copyFile(from, to, fs.constants.COPYFILE_FICLONE);
    else return;
    count++;
  };
  const worker = async () => {
    while (next < relFiles.length) await copyOne(relFiles[next++]);
  };
  await Promise.all(Array.from({ length: COPY_CONCURRENCY }, worker));
  return { dir: dest, files: count, resolvedSourceVersion: git?.commit, sourceVersion: git?.branch ?? git?.commit };
}

/** True when the folder is inside a git work tree (looked up without starting git). */
function inGitWorkTree(dir: string): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

async function gitFiles(dir: string): Promise<{ files: string[]; commit?: string; branch?: string } | undefined> {
  if (!inGitWorkTree(dir)) return undefined;
  // Two git processes at once: starting processes is the slow part on a busy machine.
  const [listed, head] = await Promise.all([
    run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: dir }),
    run('git', ['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD'], { cwd: dir }),
  ]);
  if (listed.code !== 0) return undefined;
  const files = listed.stdout.split('\0').filter((f) => f && !f.split('/').some((part) => ALWAYS_SKIPPED.has(part)));
  const [commit, branch] = head.code === 0 ? head.stdout.trim().split('\n') : [];
  return { files: [...new Set(files)], commit: commit || undefined, branch: branch && branch !== 'HEAD' ? branch : undefined };
}

/** The files under `root`, and its empty folders (which a folder source keeps, as CodeBuild keeps them from an uploaded source). */
function walk(root: string): { files: string[]; emptyDirs: string[] } {
  const files: string[] = [];
  const emptyDirs: string[] = [];
  const visit = (rel: string) => {
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).filter((entry) => !ALWAYS_SKIPPED.has(entry.name));
    if (entries.length === 0 && rel) emptyDirs.push(rel);
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(child);
      else files.push(child);
    }
  };
  visit('');
  return { files, emptyDirs };
}

/** A source given as `repo:NAME@REF` (a hosted repository) or a git URL `URL[#REF]`. */
export interface GitSource {
  url: string;
  ref?: string;
  label: string;
  /** A hosted repository (state home): cloned with its configured programs neutralised. */
  hosted?: boolean;
  /** The hosted repository's name. */
  repository?: string;
}

/** A URL or ref that git would read as an option (`--upload-pack=…`) is refused, never passed. */
function refuseOptionLike(spec: string, what: string, value: string | undefined): void {
  if (value?.startsWith('-')) throw new InputError(`${spec}: the ${what} "${value}" starts with "-", which git would read as an option`);
}

export function parseGitSource(spec: string, store: StateStore): GitSource | undefined {
  const hosted = /^repo:([^@]+)(?:@(.+))?$/.exec(spec);
  if (hosted) {
    const bare = repoPath(store, hosted[1]);
    refuseOptionLike(spec, 'ref', hosted[2]);
    if (!fs.existsSync(bare)) throw new InputError(`no hosted repository ${hosted[1]} (looked for ${bare})`);
    return { url: bare, ref: hosted[2], label: spec, hosted: true, repository: hosted[1] };
  }
  if (/^(https?|ssh|git|file):\/\//.test(spec) || /^[\w.-]+@[\w.-]+:/.test(spec) || /\.git(#.*)?$/.test(spec)) {
    const [url, ref] = spec.split('#');
    refuseOptionLike(spec, 'URL', url);
    refuseOptionLike(spec, 'ref', ref);
    return { url, ref: ref || undefined, label: spec };
  }
  return undefined;
}

/** Clones a git source straight into the workspace and checks out the ref. */
export function provisionGit(source: GitSource, dest: string): ProvisionedSource {
  if (source.hosted) checkHostedConfig(source.url);
  const env = source.hosted ? neutralisedGitEnv(process.env) : process.env;
  const clone = spawnSync('git', ['clone', '--quiet', '--', source.url, dest], { encoding: 'utf8', env });
  if (clone.status !== 0) throw new InputError(`git clone of ${source.url} failed: ${firstLine(clone.stderr)}`);
  if (source.ref) {
    refuseOptionLike(source.label, 'ref', source.ref);
    const checkout = spawnSync('git', ['checkout', '--quiet', source.ref, '--'], { cwd: dest, encoding: 'utf8', env });
    if (checkout.status !== 0) throw new InputError(`${source.label}: no branch, tag or commit ${source.ref} (${firstLine(checkout.stderr)})`);
  }
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dest, encoding: 'utf8' });
  const files = spawnSync('git', ['ls-files', '-z'], { cwd: dest, encoding: 'utf8', maxBuffer: 1 << 30 });
  return {
    dir: dest,
    files: files.stdout.split('\0').filter(Boolean).length,
    resolvedSourceVersion: head.status === 0 ? head.stdout.trim() : undefined,
    sourceVersion: source.ref ?? (head.status === 0 ? head.stdout.trim() : undefined),
  };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'no reason given';
}
