import { randomBytes } from 'node:crypto';
import { AwsExceptionError, InputError } from '../common/errors';
import type { StateStore } from '../common/state';
import { approvalState, describeUnmet, listTemplates, templateRulesFor, type ApprovalRequirement } from './approvals';
import { git, resolveRef } from './git';
import { computeMerge, MergeRefusedError, mergeTree, moveBranch, type MergeRefusalCode } from './merge';
import type { MergeStrategy, PullEventInput, PullRequest } from './pull-model';
import { appendEvent, createPullRequestRecord, getPullRequest, listPullRequests } from './pulls';
import { afterRefsChanged } from './receive';
import { readMeta, repoPath } from './store';
import { fireTriggers } from './triggers';
import type { TriggerEvent } from './model';

/** A pull request with what a reviewer needs: approval requirements and the changed files. */
export interface PullRequestDetail extends PullRequest {
  mergeBase?: string;
  approvalRules: ApprovalRequirement[];
  /** Every approval rule is met. */
  approved: boolean;
  /** Files that conflict between the branches as they are now (GetMergeConflicts, FILE_LEVEL); empty once closed. */
  conflicts: string[];
  /** Open, approved and free of conflicts: a merge would be done. */
  mergeable: boolean;
  files?: { status: string; path: string; oldPath?: string }[];
}

async function detail(store: StateStore, pr: PullRequest, withFiles: boolean): Promise<PullRequestDetail> {
  const { requirements, satisfied } = approvalState(pr, readMeta(store, pr.repository).rules, listTemplates(store));
  const gitDir = repoPath(store, pr.repository);
  // Reported before anyone tries the merge, as the CodeCommit console does on the pull request's page.
  const conflicts = pr.status === 'OPEN' ? (await mergeTree(gitDir, pr.destinationCommit, pr.sourceCommit)).conflicts : [];
  const result: PullRequestDetail = { ...pr, approvalRules: requirements, approved: satisfied, conflicts, mergeable: pr.status === 'OPEN' && satisfied && conflicts.length === 0 };
  return withFiles ? withChangedFiles(store, result) : result;
}

/**
 * The pull request with its merge base and changed files (what a review shows); a detail that
 * has them is returned as it is, so an answer after a change reads only what the change did not.
 */
export async function withChangedFiles(store: StateStore, pr: PullRequestDetail): Promise<PullRequestDetail> {
  if (pr.files !== undefined) return pr;
  const gitDir = repoPath(store, pr.repository);
  const result: PullRequestDetail = { ...pr };
  // Merged: the destination as it was before the merge, so the review keeps showing the change.
  result.mergeBase = (await git(['--git-dir', gitDir, 'merge-base', '--end-of-options', pr.destinationCommit, pr.sourceCommit]).catch(() => '')).trim() || undefined;
  if (result.mergeBase) {
    // Read with -z, not simple-git's diffSummary: its --name-status parser keeps git's
    // C-quoting, so a file named `we"ird<TAB>name` came back as "\"we\\\"ird\\tname\"".
    const out = await git(['--git-dir', gitDir, 'diff', '--name-status', '-z', '-M', '--end-of-options', result.mergeBase, pr.sourceCommit]);
    const parts = out.split('\0').filter((p) => p !== '');
    result.files = [];
    for (let i = 0; i < parts.length; ) {
      const status = parts[i++];
      if (/^[RC]/.test(status)) {
        result.files.push({ status: status[0], oldPath: parts[i], path: parts[i + 1] });
        i += 2;
      } else result.files.push({ status, path: parts[i++] });
    }
  }
  return result;
}

export async function describePullRequest(store: StateStore, repo: string, id: string): Promise<PullRequestDetail> {
  return detail(store, await getPullRequest(repoPath(store, repo), id), true);
}

export async function listPulls(store: StateStore, repo: string, status?: string): Promise<PullRequestDetail[]> {
  readMeta(store, repo);
  if (status !== undefined && !['OPEN', 'CLOSED'].includes(status.toUpperCase())) throw new AwsExceptionError('InvalidPullRequestStatusException', `--status must be OPEN or CLOSED (a merged pull request is CLOSED), not "${status}"`);
  const all = await listPullRequests(repoPath(store, repo));
  return Promise.all(all.filter((pr) => !status || pr.status === status.toUpperCase()).map((pr) => detail(store, pr, false)));
}

async function record(store: StateStore, repo: string, user: string, action: string, pr: PullRequest, trigger: TriggerEvent | undefined, extra: Record<string, unknown> = {}): Promise<void> {
  store.activity({ service: 'repo', action, repository: repo, user, pullRequest: pr.id, result: 'allowed', ...extra });
  if (trigger) {
    await fireTriggers(store, readMeta(store, repo), trigger, pr.destination, {
      user,
      action,
      pullRequest: { id: pr.id, title: pr.title, status: pr.status, source: pr.source, destination: pr.destination, sourceCommit: pr.sourceCommit, destinationCommit: pr.destinationCommit },
      ...extra,
    });
  }
}

/**
 * A pull request's title and description within CodeCommit's limits (API Reference,
 * CreatePullRequest / UpdatePullRequestTitle: title at most 150 characters, description at most
 * 10,240), as CodeCommit's exception name and words; undefined when they fit.
 */
export function pullTextProblem(text: { title?: string; description?: string }): { code: 'InvalidTitleException' | 'InvalidDescriptionException'; message: string } | undefined {
  if (text.title !== undefined && text.title.length > 150) return { code: 'InvalidTitleException', message: `The title of the pull request is not valid. Pull request titles cannot exceed 150 characters in length (this one has ${text.title.length}).` };
  if (text.description !== undefined && text.description.length > 10240) return { code: 'InvalidDescriptionException', message: `The pull request description is not valid. Descriptions cannot be more than 10,240 characters (this one has ${text.description.length}).` };
  return undefined;
}

export async function createPull(store: StateStore, repo: string, user: string, input: { source: string; destination: string; title: string; description?: string }): Promise<PullRequestDetail> {
  readMeta(store, repo);
  const gitDir = repoPath(store, repo);
  if (!input.title.trim()) throw new AwsExceptionError('TitleRequiredException', 'a pull request needs a --title');
  const tooLong = pullTextProblem(input);
  if (tooLong) throw new AwsExceptionError(tooLong.code, tooLong.message);
  if (input.source === input.destination) throw new AwsExceptionError('SourceAndDestinationAreSameException', '--source and --destination are the same branch');
  const sourceCommit = await resolveRef(gitDir, `refs/heads/${input.source}`);
  if (!sourceCommit) throw new AwsExceptionError('ReferenceDoesNotExistException', `${repo} has no branch "${input.source}" (push it first: git push <clone-url> ${input.source})`);
  const destinationCommit = await resolveRef(gitDir, `refs/heads/${input.destination}`);
  if (!destinationCommit) throw new AwsExceptionError('ReferenceDoesNotExistException', `${repo} has no branch "${input.destination}"`);
  const approvalRules = templateRulesFor(listTemplates(store), repo, input.destination);
  const pr = await createPullRequestRecord(gitDir, user, { type: 'created', title: input.title, description: input.description ?? '', source: input.source, destination: input.destination, sourceCommit, destinationCommit, approvalRules });
  await record(store, repo, user, 'CreatePullRequest', pr, 'pull_request');
  return detail(store, pr, true);
}

/** CodeCommit refuses changes to a closed pull request (UpdatePullRequestApprovalState, UpdatePullRequestStatus: PullRequestAlreadyClosedException). */
function requireOpen(pr: PullRequest, doing: string): void {
  if (pr.status !== 'OPEN') throw new AwsExceptionError('PullRequestAlreadyClosedException', `pull request ${pr.id} is ${pr.isMerged ? 'merged' : 'closed'}: cannot ${doing}`);
}

export async function changePull(
  store: StateStore,
  repo: string,
  id: string,
  user: string,
  action: string,
  trigger: TriggerEvent | undefined,
  build: (pr: PullRequest) => PullEventInput,
): Promise<PullRequestDetail> {
  readMeta(store, repo);
  const pr = await appendEvent(repoPath(store, repo), id, user, build);
  await record(store, repo, user, action, pr, trigger);
  return detail(store, pr, false);
}

export function newCommentId(): string {
  return `c${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function commentOn(
  store: StateStore,
  repo: string,
  id: string,
  user: string,
  input: { body: string; file?: string; line?: number; inReplyTo?: string },
): Promise<{ pr: PullRequestDetail; commentId: string }> {
  if (!input.body.trim()) throw new AwsExceptionError('CommentContentRequiredException', 'a comment needs a --body');
  if (input.line !== undefined && (!Number.isInteger(input.line) || input.line < 1)) throw new InputError(`--line must be a line number from 1, not ${input.line}`);
  if (input.line !== undefined && !input.file) throw new InputError('--line needs --file');
  if (input.file !== undefined && !input.inReplyTo) await checkCommentLocation(store, repo, id, input.file, input.line);
  const commentId = newCommentId();
  const pr = await changePull(store, repo, id, user, 'PostCommentForPullRequest', 'pull_request_comment', (current) => {
    if (input.inReplyTo && !current.threads.some((t) => t.id === input.inReplyTo || t.comments.some((c) => c.id === input.inReplyTo))) {
      throw new AwsExceptionError('CommentDoesNotExistException', `pull request ${id} has no comment ${input.inReplyTo}`);
    }
    return { type: 'comment', commentId, inReplyTo: input.inReplyTo, body: input.body, file: input.inReplyTo ? undefined : input.file, line: input.inReplyTo ? undefined : input.line, commit: current.sourceCommit };
  });
  return { pr, commentId };
}

/**
 * A comment on a file is about the change: the file must be one the pull request changes,
 * and a line must exist in the file's version being commented on (PostCommentForPullRequest:
 * PathDoesNotExistException, InvalidFilePositionException).
 */
async function checkCommentLocation(store: StateStore, repo: string, id: string, file: string, line: number | undefined): Promise<void> {
  const pr = await describePullRequest(store, repo, id);
  const changed = (pr.files ?? []).find((f) => f.path === file || f.oldPath === file);
  if (!changed) throw new AwsExceptionError('PathDoesNotExistException', `${file} is not changed by pull request ${id} (changed: ${(pr.files ?? []).map((f) => f.path).join(', ') || 'nothing'})`);
  if (line === undefined) return;
  const deleted = changed.status === 'D' || (changed.oldPath === file && changed.path !== file);
  const version = deleted ? pr.mergeBase : pr.sourceCommit;
  const text = version ? await git(['--git-dir', repoPath(store, repo), 'show', '--end-of-options', `${version}:${file}`]).catch(() => '') : '';
  const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (line > lines) throw new AwsExceptionError('InvalidFilePositionException', `${file} has ${lines} line${lines === 1 ? '' : 's'} in ${deleted ? 'the destination' : 'the source'} version; --line ${line} is beyond it`);
}

export function resolveThread(store: StateStore, repo: string, id: string, user: string, threadId: string, resolved: boolean): Promise<PullRequestDetail> {
  return changePull(store, repo, id, user, resolved ? 'ResolveCommentThread' : 'ReopenCommentThread', undefined, (current) => {
    const thread = current.threads.find((t) => t.id === threadId || t.comments.some((c) => c.id === threadId));
    if (!thread) throw new InputError(`pull request ${id} has no comment thread ${threadId}`);
    return { type: 'resolve', threadId: thread.id, resolved };
  });
}

export function approvePull(store: StateStore, repo: string, id: string, user: string, approve: boolean): Promise<PullRequestDetail> {
  return changePull(store, repo, id, user, approve ? 'UpdatePullRequestApprovalState' : 'RevokePullRequestApproval', 'pull_request_approval', (current) => {
    requireOpen(current, approve ? 'approve it' : 'revoke an approval');
    if (approve && current.author === user) throw new AwsExceptionError('PullRequestCannotBeApprovedByAuthorException', `${user} opened pull request ${id} and cannot approve it`);
    if (!approve && !current.approvals.some((a) => a.user === user)) throw new InputError(`${user} has not approved pull request ${id}`);
    return approve ? { type: 'approve', revision: current.sourceCommit } : { type: 'revoke', revision: current.sourceCommit };
  });
}

/** Closing is final: CodeCommit never moves a pull request from CLOSED back to OPEN (API UpdatePullRequestStatus). */
export function closePull(store: StateStore, repo: string, id: string, user: string): Promise<PullRequestDetail> {
  return changePull(store, repo, id, user, 'UpdatePullRequestStatus', 'pull_request', (current) => {
    requireOpen(current, 'close it');
    return { type: 'closed' };
  });
}

/** A squash keeps what the squashed commits said: their messages, oldest first, under the pull request's title (as CodeCommit's squash merge does). */
async function squashMessage(gitDir: string, pr: PullRequest): Promise<string> {
  const log = await git(['--git-dir', gitDir, 'log', '--reverse', '--format=* %B', '--end-of-options', `${pr.destinationCommit}..${pr.sourceCommit}`]);
  const commits = log.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '').join('\n');
  return `${pr.title} (#${pr.id})\n\n${pr.description ? `${pr.description}\n\n` : ''}Squashed from ${pr.source}:\n${commits}\n`;
}

/**
 * Merges an open pull request whose approval rules are met: the merge commit is made
 * inside the bare repository, the destination moves by compare-and-swap, then the
 * pull request records it and the push path runs (activity, triggers, pipelines).
 */
export async function mergePull(store: StateStore, repo: string, id: string, user: string, strategy: MergeStrategy, commitMessage?: string): Promise<PullRequestDetail> {
  const gitDir = repoPath(store, repo);
  const pr = await describePullRequest(store, repo, id);
  const refuse = (code: MergeRefusalCode, reason: string, conflicts: string[] = []): never => {
    store.activity({ service: 'repo', action: 'MergePullRequest', repository: repo, user, pullRequest: id, result: 'refused', reason });
    throw new MergeRefusedError(code, reason, conflicts);
  };
  if (pr.status !== 'OPEN') refuse('PullRequestAlreadyClosedException', `pull request ${id} is ${pr.isMerged ? 'already merged' : 'closed'}`);
  if (!(await resolveRef(gitDir, `refs/heads/${pr.source}`))) refuse('ReferenceDoesNotExistException', `the source branch ${pr.source} no longer exists`);
  if (!pr.approved) refuse('PullRequestApprovalRulesNotSatisfiedException', `approval rules are not met: ${describeUnmet(pr, pr.approvalRules)}`);
  const message = commitMessage
    ? `${commitMessage.trimEnd()}\n`
    : strategy === 'squash'
      ? await squashMessage(gitDir, pr)
      : `Merge pull request #${id} from ${pr.source} into ${pr.destination}\n\n${pr.title}\n`;
  let next: string;
  try {
    next = await computeMerge(gitDir, { strategy, source: pr.source, destination: pr.destination, sourceCommit: pr.sourceCommit, destinationCommit: pr.destinationCommit, message, user });
  } catch (error) {
    if (error instanceof MergeRefusedError) refuse(error.code, error.message, error.conflicts);
    throw error;
  }
  if (!(await moveBranch(gitDir, pr.destination, next!, pr.destinationCommit, `slipway: merge pull request ${id} (${strategy})`))) {
    refuse('ConcurrentReferenceUpdateException', `${pr.destination} moved while merging; run the merge again`);
  }
  const merged = await appendEvent(gitDir, id, user, () => ({ type: 'merged', strategy, mergeCommit: next, sourceCommit: pr.sourceCommit, destinationCommit: pr.destinationCommit }));
  const problems = await afterRefsChanged(store, repo, gitDir, user, 'merge', [{ ref: `refs/heads/${pr.destination}`, oldCommit: pr.destinationCommit, newCommit: next!, kind: 'update' }]);
  await record(store, repo, user, 'PullRequestMerged', merged, 'pull_request_merge', { strategy, mergeCommit: next! });
  const result = await detail(store, merged, false);
  return problems.length ? Object.assign(result, { warnings: problems }) : result;
}
