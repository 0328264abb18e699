import { execFile, execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../runtime/cli/main';
import { testCli } from '../cli-bundle';

/** A temporary state home (SLIPWAY_HOME) and work folder for one test file's repositories. */
export function tempAccount(): { root: string; home: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-repo-'));
  const home = path.join(root, 'home');
  process.env.SLIPWAY_HOME = home;
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(root, 'kms.key');
  process.env.SLIPWAY_TRIGGER_BACKOFF_MS = '20';
  // Hooks start the CLI on every push: a bundle starts far faster than TypeScript through tsx.
  testCli();
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.GIT_CONFIG_GLOBAL = path.join(root, 'gitconfig');
  fs.writeFileSync(process.env.GIT_CONFIG_GLOBAL, '[user]\n\tname = Local Dev\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n');
  return { root, home };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of whatever JSON the CLI printed
type Json = any;

/** Runs the CLI in this process as `user`; returns exit code, stdout, stderr and parsed JSON when --json. */
export async function slipway(user: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; json: Json }> {
  let stdout = '';
  let stderr = '';
  const previous = process.env.SLIPWAY_USER;
  process.env.SLIPWAY_USER = user;
  try {
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    let json: Json;
    if (argv.includes('--json') && stdout.trim()) json = JSON.parse(stdout);
    return { code, stdout, stderr, json };
  } finally {
    if (previous === undefined) delete process.env.SLIPWAY_USER;
    else process.env.SLIPWAY_USER = previous;
  }
}

/** Plain git, as a user would run it (throws on failure with git's stderr). */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Plain git without blocking this process (needed when this process also serves HTTP the push talks to). */
export function gitAsync(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/** Plain git that may fail: exit status and both outputs. */
export function gitTry(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes files and commits them in a working clone. */
export function commit(cwd: string, files: Record<string, string>, message: string): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    fs.writeFileSync(path.join(cwd, name), text);
  }
  git(cwd, ['add', '-A']);
  git(cwd, ['commit', '-q', '-m', message]);
  return git(cwd, ['rev-parse', 'HEAD']).trim();
}

/** A hosted repository with `main` holding one commit, and a working clone of it. */
export async function seededRepo(root: string, name: string): Promise<{ url: string; work: string }> {
  const created = await slipway('dev@example.com', 'repo', 'create', name, '--json');
  if (created.code !== 0) throw new Error(created.stderr);
  const url = created.json.repositoryMetadata.cloneUrlHttp as string;
  const work = path.join(root, `${name}-work`);
  git(root, ['clone', '-q', url, work]);
  commit(work, { 'README.md': '# demo\n', 'src/app.js': 'line 1\nline 2\nline 3\n' }, 'initial');
  git(work, ['push', '-q', 'origin', 'main']);
  return { url, work };
}
