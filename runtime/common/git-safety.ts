import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from './errors';

/**
 * Configuration that makes git run a program, set for every git command Slipway runs on a
 * hosted repository (a state home, and so its repositories, may come from a checked-out
 * workspace). Given through GIT_CONFIG_COUNT, which git reads like `-c` (command-line scope,
 * above the repository's own config) and which reaches the git processes git starts itself.
 */
const NEUTRAL: Array<[string, string]> = [
  ['core.fsmonitor', 'false'],
  ['core.sshCommand', 'ssh'],
  ['credential.helper', ''],
  ['log.showSignature', 'false'],
  ['merge.verifySignatures', 'false'],
  ['gpg.program', 'gpg'],
  ['gpg.openpgp.program', 'gpg'],
  ['gpg.x509.program', 'gpgsm'],
  ['gpg.ssh.program', 'ssh-keygen'],
  ['protocol.ext.allow', 'never'],
];

/** A hooks folder that never holds a hook: read commands and Slipway's own writes run none. */
export const NO_HOOKS = process.platform === 'win32' ? 'NUL' : '/dev/null';

/**
 * The environment for a git command on a hosted repository: the program-running settings
 * neutralised, and hooks taken only from `hooksDir` (a write that must run Slipway's own
 * hooks, checked by content first) or from nowhere.
 */
export function neutralisedGitEnv(env: NodeJS.ProcessEnv, hooksDir: string = NO_HOOKS): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env };
  for (const name of Object.keys(result)) if (/^GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+|PARAMETERS)$/.test(name) || name === 'GIT_EXTERNAL_DIFF') delete result[name];
  const pairs: Array<[string, string]> = [...NEUTRAL, ['core.hooksPath', hooksDir]];
  pairs.forEach(([key, value], i) => {
    result[`GIT_CONFIG_KEY_${i}`] = key;
    result[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  result.GIT_CONFIG_COUNT = String(pairs.length);
  result.GIT_TERMINAL_PROMPT = '0';
  return result;
}

/** The only settings a hosted repository's own config may hold: what `git init --bare` and Slipway write. */
const ALLOWED_KEYS = new Set([
  'core.repositoryformatversion',
  'core.filemode',
  'core.bare',
  'core.ignorecase',
  'core.precomposeunicode',
  'core.symlinks',
  'core.logallrefupdates',
  'extensions.objectformat',
]);

/**
 * Settings that name where a repository came from and run nothing: what `git clone --bare`
 * writes, so a bare clone copied into the state home is served as it is. (A remote's
 * `uploadpack`/`receivepack`/`proxy` would run or reach something, and stay foreign.)
 */
const ALLOWED_PATTERNS = [/^remote\.[^.]+(\.[^.]+)*\.(url|fetch|mirror)$/, /^branch\.[^.]+(\.[^.]+)*\.(remote|merge)$/];

function allowed(key: string): boolean {
  const lower = key.toLowerCase();
  return ALLOWED_KEYS.has(lower) || ALLOWED_PATTERNS.some((pattern) => pattern.test(lower));
}

/** `commondir` (a linked worktree's: config, refs and hooks come from there), `objects/info/alternates` (objects from elsewhere). */
const REDIRECTS = ['commondir', path.join('objects', 'info', 'alternates'), path.join('objects', 'info', 'http-alternates')];

const checked = new Map<string, string>();

/**
 * Refuses a hosted repository whose config holds anything Slipway did not write (a filter,
 * diff or merge driver, an include, core.hooksPath…): drivers are named by the repository
 * itself, so no list of `-c` overrides could cover them. Reading the file runs nothing.
 */
export function checkHostedConfig(gitDir: string): void {
  // Files that make git read another folder's config, refs, hooks or objects: nothing checked here would cover them.
  for (const elsewhere of REDIRECTS) {
    if (fs.lstatSync(path.join(gitDir, elsewhere), { throwIfNoEntry: false })) {
      throw new InputError(`hosted repository ${gitDir} has ${elsewhere}, which points git at another repository's files; refusing to run git on it`);
    }
  }
  const file = path.join(gitDir, 'config');
  let stamp: string;
  try {
    const stats = fs.lstatSync(file);
    if (!stats.isFile()) throw new InputError(`hosted repository ${gitDir}: its config is not a regular file; refusing to run git on it`);
    stamp = `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  } catch (error) {
    if (error instanceof InputError) throw error;
    return; // no config (yet): git init writes it
  }
  if (checked.get(file) === stamp) return;
  const listing = spawnSync('git', ['config', '--file', file, '--no-includes', '--name-only', '--list'], { encoding: 'utf8', env: neutralisedGitEnv(process.env) });
  if (listing.status !== 0) throw new InputError(`hosted repository ${gitDir}: its config cannot be read (${(listing.stderr || '').trim().split('\n')[0]})`);
  const foreign = listing.stdout.split('\n').filter((key) => key && !allowed(key));
  if (foreign.length > 0) {
    throw new InputError(`hosted repository ${gitDir} has configuration Slipway did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); refusing to run git on it`);
  }
  checked.set(file, stamp);
}
