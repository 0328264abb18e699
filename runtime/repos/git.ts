import { isGitEnvKey, vulnerabilityCheck, type VulnerabilityCategoryFlags } from '@simple-git/argv-parser';
import { simpleGit } from 'simple-git';
import { run } from '../common/process';
import { gitEnv } from '../common/git-env';
import { checkHostedConfig, neutralisedGitEnv } from '../common/git-safety';

/** A git command that exited non-zero; `stderr` holds git's own explanation. */
export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`git ${args[0]} failed: ${(stderr.trim().split('\n').pop() ?? '').replace(/^(fatal|error): /, '') || `exit ${code}`}`);
  }
}

export interface GitOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that are answers rather than failures (e.g. 1 for merge-tree conflicts). */
  okCodes?: number[];
  /**
   * The command reads a hosted repository other than by `--git-dir` (a clone or fetch from
   * it): it runs with program-running config neutralised, as `--git-dir` commands do.
   */
  hosted?: boolean;
  /** The repository was made by this very command sequence (a fresh mirror): its config is not checked yet. */
  fresh?: boolean;
  /**
   * The command prints nothing when it succeeds (update-ref, symbolic-ref, cat-file -e,
   * merge-base --is-ancestor) and is on a hot path (pull request writes, merges, pushes, API
   * calls): it runs through the hand-written spawn, with the same environment and exit-code
   * rules, because simple-git waits 50 ms after a process that printed nothing, whatever
   * its options (bench/git-wrapper.ts: cat-file -e 21.1 ms hand-written, 80.8 ms through
   * simple-git; a command that prints, 7.4 vs 8.2 ms; 20 at once, 399 vs 479 ms).
   */
  quiet?: boolean;
}

/** Identity variables for commits Slipway writes itself (bare repositories have no user config). */
export function authorEnv(user: string, time?: Date): NodeJS.ProcessEnv {
  const email = user.includes('@') ? user : `${user}@slipway.local`;
  const env: NodeJS.ProcessEnv = { GIT_AUTHOR_NAME: user, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: user, GIT_COMMITTER_EMAIL: email };
  if (time) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = time.toISOString();
  return env;
}

/** Runs git and returns its stdout; throws GitError unless the exit code is expected. */
export async function git(args: string[], options: GitOptions = {}): Promise<string> {
  const result = await gitResult(args, options);
  return result.stdout;
}

/** A variable simple-git guards (every `GIT_*`, and EDITOR, PAGER, SSH_ASKPASS… that make git run a program). */
function guarded(name: string): boolean {
  return /^git_/i.test(name) || isGitEnvKey(name.toLowerCase());
}

/**
 * simple-git's guards are for arguments built from untrusted data; the environment is
 * Slipway's to judge (git-env.ts drops a hook's variables, git-safety.ts neutralises what
 * runs programs on hosted repositories). So the guards open exactly for what that
 * environment trips (the neutralising GIT_CONFIG_* look like the attacks they disarm:
 * core.hooksPath=/dev/null, core.sshCommand=ssh, credential.helper= …) and for
 * `--git-dir`/`-C`, which name the repository; any other option they guard (`--upload-pack`,
 * `-c alias.*`, `-c diff.external`, `--exec-path`…) is still refused.
 */
function openedGuards(env: NodeJS.ProcessEnv): Partial<VulnerabilityCategoryFlags> {
  const opened: Partial<VulnerabilityCategoryFlags> = { allowUnsafeConfigPaths: true };
  const guardedOnly = Object.fromEntries(Object.entries(env).filter(([name]) => guarded(name)));
  for (const { category } of vulnerabilityCheck([], guardedOnly)) opened[category] = true;
  return opened;
}

export async function gitResult(args: string[], options: GitOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let env = gitEnv(options.env);
  // `--git-dir` commands are Slipway's on hosted repositories: nothing they do may run a
  // program or hook that the repository (maybe shipped in a workspace) names.
  const onHosted = args[0] === '--git-dir';
  if (onHosted && !options.fresh) checkHostedConfig(args[1]);
  if (onHosted || options.hosted) env = neutralisedGitEnv(env);
  if (options.quiet) {
    const result = await run('git', args, { cwd: options.cwd, env, input: options.input });
    return judged(args, options, { code: result.code ?? -1, stdout: result.stdout, stderr: result.stderr });
  }
  let exit = { code: -1, stderr: '' };
  const stdout = await simpleGit({
    baseDir: options.cwd ?? process.cwd(),
    // Done when git's streams close, as the hand-written spawn is: simple-git's default also
    // races a 50 ms timer after `exit` (a rev-parse took 26.8 ms by default, 6.5 ms with
    // this, 7.9 ms hand-written).
    completion: { onClose: true, onExit: false },
    unsafe: openedGuards(env),
    allowEnvironment: Object.keys(env).filter(guarded),
    // An empty Buffer still closes stdin (an empty string would leave `git mktree` waiting).
    input: () => (options.input === undefined ? undefined : Buffer.from(options.input)),
    // Exit codes are judged here against okCodes; simple-git's own rule (non-zero with stderr) would miss the silent ones.
    errors: (_error, result) => {
      exit = { code: result.exitCode, stderr: Buffer.concat(result.stdErr).toString('utf8') };
      return undefined;
    },
  })
    .env(env)
    .raw(args);
  return judged(args, options, { code: exit.code, stdout, stderr: exit.stderr });
}

/** The result, unless its exit code is neither 0 nor one of the command's answers. */
function judged(args: string[], options: GitOptions, result: { code: number; stdout: string; stderr: string }): { code: number; stdout: string; stderr: string } {
  if (result.code !== 0 && !(options.okCodes ?? []).includes(result.code)) throw new GitError(args, result.code, result.stdout, result.stderr);
  return result;
}

/** The id a ref points at, or undefined when it does not exist. */
export async function resolveRef(gitDir: string, ref: string): Promise<string | undefined> {
  const { code, stdout } = await gitResult(['--git-dir', gitDir, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { okCodes: [1, 128] });
  return code === 0 ? stdout.trim() : undefined;
}

export const ZERO_OID = '0000000000000000000000000000000000000000';
