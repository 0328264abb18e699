import { authorEnv, git, gitResult } from './git';
import type { MergeStrategy } from './pull-model';

/**
 * The exceptions CodeCommit's MergePullRequestBy* operations answer a refused merge with
 * (API Reference, MergePullRequestByFastForward / BySquash / ByThreeWay, "Errors").
 */
export type MergeRefusalCode =
  | 'ManualMergeRequiredException'
  | 'PullRequestApprovalRulesNotSatisfiedException'
  | 'PullRequestAlreadyClosedException'
  | 'ReferenceDoesNotExistException'
  | 'ConcurrentReferenceUpdateException';

/** A merge Slipway will not do: CodeCommit's exception name, the reason, and the conflicting files when that is the reason. */
export class MergeRefusedError extends Error {
  constructor(
    readonly code: MergeRefusalCode,
    message: string,
    readonly conflicts: string[] = [],
  ) {
    super(message);
  }
}

export interface MergeInput {
  strategy: MergeStrategy;
  source: string;
  destination: string;
  sourceCommit: string;
  destinationCommit: string;
  message: string;
  user: string;
}

/** Files both sides changed incompatibly, from `git merge-tree --write-tree` (no worktree, no index). */
export async function mergeTree(gitDir: string, ours: string, theirs: string): Promise<{ tree: string; conflicts: string[] }> {
  const { code, stdout } = await gitResult(['--git-dir', gitDir, 'merge-tree', '--write-tree', '--name-only', '--no-messages', ours, theirs], { okCodes: [1] });
  const [tree, ...rest] = stdout.split('\n');
  return { tree: tree.trim(), conflicts: code === 1 ? rest.map((l) => l.trim()).filter(Boolean) : [] };
}

async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const { code } = await gitResult(['--git-dir', gitDir, 'merge-base', '--is-ancestor', ancestor, descendant], { okCodes: [1], quiet: true });
  return code === 0;
}

/**
 * The commit the destination branch should move to, computed entirely inside the
 * bare repository (merge-tree + commit-tree), so nothing is checked out and a
 * refused merge leaves no trace.
 */
export async function computeMerge(gitDir: string, input: MergeInput): Promise<string> {
  const { strategy, source, destination, sourceCommit, destinationCommit } = input;
  if (await isAncestor(gitDir, sourceCommit, destinationCommit)) {
    throw new MergeRefusedError('ManualMergeRequiredException', `${destination} already contains every commit of ${source}: nothing to merge`);
  }
  if (strategy === 'fast-forward') {
    if (await isAncestor(gitDir, destinationCommit, sourceCommit)) return sourceCommit;
    const ahead = (await git(['--git-dir', gitDir, 'rev-list', '--count', `${sourceCommit}..${destinationCommit}`])).trim();
    throw new MergeRefusedError('ManualMergeRequiredException', `fast-forward is impossible: ${destination} has ${ahead} commit${ahead === '1' ? '' : 's'} that ${source} lacks; merge with --strategy squash or three-way, or rebase ${source} onto ${destination}`);
  }
  const { tree, conflicts } = await mergeTree(gitDir, destinationCommit, sourceCommit);
  if (conflicts.length > 0) {
    throw new MergeRefusedError('ManualMergeRequiredException', `${source} conflicts with ${destination} in ${conflicts.join(', ')}; merge ${destination} into ${source}, resolve, push and try again`, conflicts);
  }
  const parents = strategy === 'squash' ? ['-p', destinationCommit] : ['-p', destinationCommit, '-p', sourceCommit];
  return (await git(['--git-dir', gitDir, 'commit-tree', tree, ...parents], { input: input.message, env: authorEnv(input.user) })).trim();
}

/** Moves a branch with compare-and-swap; false when it moved meanwhile. */
export async function moveBranch(gitDir: string, branch: string, next: string, expected: string, reason: string): Promise<boolean> {
  const { code } = await gitResult(['--git-dir', gitDir, 'update-ref', '-m', reason, `refs/heads/${branch}`, next, expected], { okCodes: [1, 128], quiet: true });
  return code === 0;
}
