import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../common/errors';

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

export function makeWorkspaceRoot(buildFolder: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `slipway-${buildFolder.slice(0, 40)}-`));
}

/**
 * Copies a source folder into a fresh workspace. In a git checkout the copy is the
 * tracked files plus untracked files that are not ignored (`git ls-files -co
 * --exclude-standard`), the files CodeBuild would see after a push; otherwise the whole
 * folder. Files are cloned copy-on-write where the file system can (COPYFILE_FICLONE
 * falls back to a plain copy), never hard-linked, so a build cannot change the source.
 */
export function provisionFolder(source: string, dest: string, exclude: string[] = []): ProvisionedSource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new InputError('source folder not found', source);
  }
  if (!stat.isDirectory()) throw new InputError('the source is not a folder', source);
  const excluded = exclude.map((p) => path.resolve(p));
  const git = gitFiles(source);
  const relFiles = git ? git.files : walk(source);
  fs.mkdirSync(dest, { recursive: true });
  const made = new Set<string>([dest]);
  let count = 0;
  for (const rel of relFiles) {
    const from = path.join(source, rel);
    if (excluded.some((e) => from === e || from.startsWith(e + path.sep))) continue;
    const to = path.join(dest, rel);
    const parent = path.dirname(to);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    let info: fs.Stats;
    try {
      info = fs.lstatSync(from);
    } catch {
      continue; // listed by git but deleted in the work tree
    }
    if (info.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else if (info.isFile()) fs.copyFileSync(from, to, fs.constants.COPYFILE_FICLONE);
    else continue;
    count++;
  }
  return { dir: dest, files: count, resolvedSourceVersion: git?.commit, sourceVersion: git?.branch ?? git?.commit };
}

function gitFiles(dir: string): { files: string[]; commit?: string; branch?: string } | undefined {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, encoding: 'utf8' });
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') return undefined;
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (listed.status !== 0) return undefined;
  const files = listed.stdout.split('\0').filter((f) => f && !f.split('/').some((part) => ALWAYS_SKIPPED.has(part)));
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  const branch = spawnSync('git', ['symbolic-ref', '--short', '-q', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  return {
    files: [...new Set(files)],
    commit: head.status === 0 ? head.stdout.trim() : undefined,
    branch: branch.status === 0 ? branch.stdout.trim() || undefined : undefined,
  };
}

function walk(root: string): string[] {
  const result: string[] = [];
  const visit = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(child);
      else result.push(child);
    }
  };
  visit('');
  return result;
}

/** A source given as `repo:NAME@REF` (a hosted repository) or a git URL `URL[#REF]`. */
export interface GitSource {
  url: string;
  ref?: string;
  label: string;
}

export function parseGitSource(spec: string, reposDir: string): GitSource | undefined {
  const hosted = /^repo:([^@]+)(?:@(.+))?$/.exec(spec);
  if (hosted) {
    const bare = path.join(reposDir, `${hosted[1]}.git`);
    if (!fs.existsSync(bare)) throw new InputError(`no hosted repository ${hosted[1]} (looked for ${bare})`);
    return { url: bare, ref: hosted[2], label: spec };
  }
  if (/^(https?|ssh|git|file):\/\//.test(spec) || /^[\w.-]+@[\w.-]+:/.test(spec) || /\.git(#.*)?$/.test(spec)) {
    const [url, ref] = spec.split('#');
    return { url, ref: ref || undefined, label: spec };
  }
  return undefined;
}

/** Clones a git source straight into the workspace and checks out the ref. */
export function provisionGit(source: GitSource, dest: string): ProvisionedSource {
  const clone = spawnSync('git', ['clone', '--quiet', source.url, dest], { encoding: 'utf8' });
  if (clone.status !== 0) throw new InputError(`git clone of ${source.url} failed: ${firstLine(clone.stderr)}`);
  if (source.ref) {
    const checkout = spawnSync('git', ['checkout', '--quiet', source.ref], { cwd: dest, encoding: 'utf8' });
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
