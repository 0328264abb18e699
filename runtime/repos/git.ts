import { gitEnv } from '../common/git-env';
import { checkHostedConfig, neutralisedGitEnv } from '../common/git-safety';
import { run } from '../common/process';

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

export async function gitResult(args: string[], options: GitOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let env = gitEnv(options.env);
  // `--git-dir` commands are Slipway's on hosted repositories: nothing they do may run a
  // program or hook that the repository (maybe shipped in a workspace) names.
  const onHosted = args[0] === '--git-dir';
  if (onHosted && !options.fresh) checkHostedConfig(args[1]);
  if (onHosted || options.hosted) env = neutralisedGitEnv(env);
  const result = await run('git', args, { cwd: options.cwd, env, input: options.input });
  const code = result.code ?? -1;
  if (code !== 0 && !(options.okCodes ?? []).includes(code)) throw new GitError(args, code, result.stdout, result.stderr);
  return { code, stdout: result.stdout, stderr: result.stderr };
}

/** The id a ref points at, or undefined when it does not exist. */
export async function resolveRef(gitDir: string, ref: string): Promise<string | undefined> {
  const { code, stdout } = await gitResult(['--git-dir', gitDir, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { okCodes: [1, 128] });
  return code === 0 ? stdout.trim() : undefined;
}

export const ZERO_OID = '0000000000000000000000000000000000000000';

