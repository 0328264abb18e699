import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitEnv } from '../../common/git-env';
import { neutralisedGitEnv } from '../../common/git-safety';
import { run } from '../../common/process';
import type { ActionJob, ActionOutcome } from './provider';

/** Runs git and returns stdout, or throws with git's own first line of complaint. */
export async function git(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  // Source actions only read: no hook or configured program of the repository runs.
  const result = await run('git', args, { cwd: options.cwd, env: neutralisedGitEnv(gitEnv(options.env)) });
  if (result.code !== 0) {
    const reason = result.stderr.trim().split('\n').find((l) => l.trim()) ?? `exit code ${result.code}`;
    throw new Error(`git ${args[0] === '-C' ? args[2] : args[0]}: ${reason.replace(/^fatal: /, '')}`);
  }
  return result.stdout;
}

export interface CommitInfo {
  commitId: string;
  message: string;
  authorDate: string;
  committerDate: string;
  authorName: string;
}

export async function commitInfo(repository: string, commit: string): Promise<CommitInfo> {
  const out = await git(['-C', repository, 'log', '-1', '--format=%H%x00%aI%x00%cI%x00%an%x00%B', '--end-of-options', commit]);
  const [commitId, authorDate, committerDate, authorName, ...message] = out.split('\0');
  return { commitId, authorDate, committerDate, authorName, message: message.join('\0').trim() };
}

/** The commit a branch (or a fixed revision) points at. */
export async function resolveCommit(repository: string, branch: string, revision?: string): Promise<string> {
  const target = revision ?? `refs/heads/${branch}`;
  try {
    return (await git(['-C', repository, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${target}^{commit}`])).trim();
  } catch {
    throw new Error(revision ? `commit ${revision} is not in ${repository}` : `branch "${branch}" does not exist in ${repository}`);
  }
}

/** Writes the commit's tree (not the .git folder) into `dir`, through a private index so the repository is untouched. */
export async function exportTree(repository: string, commit: string, dir: string, scratch: string): Promise<void> {
  const index = path.join(scratch, 'export.index');
  const env = { GIT_INDEX_FILE: index };
  await git(['-C', repository, 'read-tree', '--end-of-options', commit], { env });
  await git(['-C', repository, `--work-tree=${dir}`, 'checkout-index', '--all', '--force'], { env });
  fs.rmSync(index, { force: true });
}

/** The variables a git-backed source action publishes (CodeCommit's, as runGitSource sets them). */
export const GIT_SOURCE_VARIABLES = ['CommitId', 'CommitMessage', 'RepositoryName', 'BranchName', 'AuthorDate', 'CommitterDate'];

/**
 * The common part of git-backed source actions: resolve the revision (the one the
 * trigger fixed, else the branch head), export its tree as the output artifact and
 * publish the CodeCommit action's variables.
 */
export async function runGitSource(job: ActionJob, repository: string, branch: string, repositoryName: string): Promise<ActionOutcome> {
  if (!fs.existsSync(repository)) return { status: 'Failed', errorMessage: `repository ${repositoryName} does not exist (${repository})` };
  const commit = await resolveCommit(repository, branch, job.sourceRevision);
  const info = await commitInfo(repository, commit);
  job.log(`${repositoryName}@${branch}: ${commit.slice(0, 12)} ${info.message.split('\n')[0]}`);
  for (const output of job.outputs) await exportTree(repository, commit, output.dir, job.workDir);
  return {
    status: 'Succeeded',
    summary: info.message.split('\n')[0],
    revision: { revisionId: commit, revisionSummary: info.message.split('\n')[0] },
    outputVariables: {
      CommitId: commit,
      BranchName: branch,
      RepositoryName: repositoryName,
      CommitMessage: info.message,
      AuthorDate: info.authorDate,
      CommitterDate: info.committerDate,
    },
  };
}
