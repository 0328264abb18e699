// CodeCommit over the hosted repositories: repositories, branches, commits, differences,
// pull requests with approval rules and comments, approval rule templates, triggers.
// The caller's repository grants apply as they do over git: read to look, write to
// change, admin to delete and configure.
// https://docs.aws.amazon.com/codecommit/latest/APIReference/API_Operations.html
import { randomBytes, randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../common/errors';
import type { StateStore } from '../../common/state';
import { associateTemplate, changeTemplate, createTemplate, deleteTemplate, disassociateTemplate, listTemplates, type ApprovalTemplate } from '../../repos/approvals';
import { git, gitResult, resolveRef, ZERO_OID } from '../../repos/git';
import { MergeRefusedError } from '../../repos/merge';
import { levelAllows, type Level, type TriggerEvent } from '../../repos/model';
import { preReceive, afterRefsChanged } from '../../repos/receive';
import { createRepo, deleteRepo, describeRepo, listRepos, repoSummary } from '../../repos/repos';
import { approvePull, changePull, closePull, commentOn, createPull, describePullRequest, listPulls, mergePull, pullTextProblem, withChangedFiles, type PullRequestDetail } from '../../repos/review';
import { addTrigger, grant, removeTrigger } from '../../repos/settings';
import { checkRepoName, listRepoNames, readMeta, repoExists, repoPath, updateMeta } from '../../repos/store';
import { permission } from '../../repos/users';
import type { MergeStrategy, Thread } from '../../repos/pull-model';
import { AwsError, type CallContext, type Operation, type ServiceDefinition } from '../types';
import { defined, optional, page, required, withServiceErrors } from '../operations';
import { accountPullId, findPull } from './pull-ids';
import { AWS_TRIGGER_EVENTS, approvalStatesShape, commentShape, evaluationShape, postedCommentShape, pullRequestShape, repositoryShape, repositoryTriggersShape, revisionIdOf, ruleShape, templateShape, threadShape, userArnOf } from './shapes';

type Input = Record<string, unknown>;

/** The empty tree: what GetDifferences compares with when no before commit is given. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function repositoryName(input: Input, member = 'repositoryName'): string {
  const name = input[member];
  if (typeof name !== 'string' || !name) throw new AwsError('RepositoryNameRequiredException', `${member} is required`);
  try {
    checkRepoName(name);
  } catch (error) {
    throw new AwsError('InvalidRepositoryNameException', (error as Error).message);
  }
  return name;
}

/** The repository, if it exists and the caller's grant reaches `needs`. */
function access(ctx: CallContext, name: string, needs: Level): void {
  if (!repoExists(ctx.store, name)) throw new AwsError('RepositoryDoesNotExistException', `${name} does not exist`);
  if (!levelAllows(permission(readMeta(ctx.store, name), ctx.user), needs)) {
    ctx.store.activity({ service: 'repo', action: 'api', repository: name, user: ctx.user, result: 'refused', reason: `needs ${needs} permission`, via: 'api' });
    throw new AwsError('AccessDeniedException', `User: ${userArnOf(ctx.user)} needs ${needs} permission on ${name} (slipway repo grant ${name} ${ctx.user} ${needs})`);
  }
}

function branchName(input: Input, member = 'branchName'): string {
  const name = input[member];
  if (typeof name !== 'string' || !name) throw new AwsError('BranchNameRequiredException', `${member} is required`);
  const clean = name.replace(/^refs\/heads\//, '');
  if (!isValidBranchName(clean)) throw new AwsError('InvalidBranchNameException', `${name} is not a valid branch name`);
  return clean;
}

/** git's own rule for ref names (`git check-ref-format`), without spawning git. */
function isValidBranchName(branch: string): boolean {
  return !!branch && !/(^|\/)\.|\.\.|[\x00-\x20~^:?*[\\\x7f]|@\{|\/\/|\/$|\.lock$|^-|\.$|^@$/.test(branch) && branch.length <= 256;
}

async function commitOf(ctx: CallContext, name: string, specifier: unknown, member: string): Promise<string> {
  if (typeof specifier !== 'string' || !specifier) throw new AwsError('CommitIdRequiredException', `${member} is required`);
  if (specifier.startsWith('-')) throw new AwsError('InvalidCommitException', `${specifier} is not a commit`);
  const { code, stdout } = await gitResult(['--git-dir', repoPath(ctx.store, name), 'rev-parse', '--verify', '--quiet', '--end-of-options', `${specifier}^{commit}`], { okCodes: [1, 128] });
  if (code !== 0) throw new AwsError(/^[0-9a-f]{40}$/.test(specifier) ? 'CommitIdDoesNotExistException' : 'CommitDoesNotExistException', `${specifier} is not a commit of ${name}`);
  return stdout.trim();
}

/** Branch changes made through the API go the way a push goes: branch rules first, then triggers and pipelines. */
async function moveRef(ctx: CallContext, name: string, ref: string, next: string, expected: string): Promise<void> {
  const gitDir = repoPath(ctx.store, name);
  const update = { ref, oldCommit: expected, newCommit: next, kind: expected === ZERO_OID ? 'create' : next === ZERO_OID ? 'delete' : 'update' } as const;
  const refusals = preReceive(gitDir, ctx.user, [update]);
  const coded = refusals.find((r) => r.code);
  if (coded) throw new AwsError(coded.code!, coded.message);
  if (refusals.length) throw new AwsError('AccessDeniedException', refusals.map((r) => r.message).join('; '));
  const args = next === ZERO_OID ? ['update-ref', '-d', ref, expected] : ['update-ref', ref, next, expected];
  const { code, stderr } = await gitResult(['--git-dir', gitDir, ...args], { okCodes: [1, 128], quiet: true });
  if (code !== 0) throw new AwsError('ConcurrentReferenceUpdateException', `${ref} changed meanwhile: ${stderr.trim()}`);
  await afterRefsChanged(ctx.store, name, gitDir, ctx.user, 'push', [update]);
}

// --- pull requests ---------------------------------------------------------

async function pullOf(ctx: CallContext, input: Input, needs: Level = 'read'): Promise<{ pr: PullRequestDetail; id: string }> {
  const { repository, number } = findPull(ctx.store, input.pullRequestId);
  access(ctx, repository, needs);
  try {
    return { pr: await describePullRequest(ctx.store, repository, number), id: input.pullRequestId as string };
  } catch (error) {
    if (error instanceof NotFoundError) throw new AwsError('PullRequestDoesNotExistException', `Pull request ${String(input.pullRequestId)} does not exist`);
    throw error;
  }
}

async function pullResponse(ctx: CallContext, pr: PullRequestDetail): Promise<Record<string, unknown>> {
  const detail = await withChangedFiles(ctx.store, pr);
  return { pullRequest: pullRequestShape(detail, accountPullId(ctx.store, pr.repository, pr.id)) };
}

function requireRevision(pr: PullRequestDetail, id: string, input: Input): void {
  const revision = input.revisionId;
  if (typeof revision !== 'string' || !revision) throw new AwsError('RevisionIdRequiredException', 'revisionId is required');
  if (revision !== revisionIdOf(id, pr.sourceCommit)) throw new AwsError('RevisionNotCurrentException', `${revision} is not the current revision of pull request ${id}`);
}

/** An Approvers rule's content (CodeCommit's 2018-11-08 rule language) as the engine's approvals, approvers and branches. */
export function parseRuleContent(content: unknown, code: string): { approvals: number; approvers: string[]; branches: string[]; content: string } {
  if (typeof content !== 'string' || !content) throw new AwsError(code.replace(/Invalid(.*)Exception/, '$1RequiredException'), 'the rule content is required');
  let rule: { Version?: unknown; DestinationReferences?: unknown; Statements?: unknown };
  try {
    rule = JSON.parse(content);
  } catch {
    throw new AwsError(code, 'the rule content is not JSON');
  }
  const statements = rule?.Statements;
  if (!Array.isArray(statements) || statements.length !== 1) throw new AwsError(code, 'the rule content needs exactly one statement of Type "Approvers"');
  const [statement] = statements as Array<{ Type?: unknown; NumberOfApprovalsNeeded?: unknown; ApprovalPoolMembers?: unknown }>;
  if (statement?.Type !== 'Approvers' || !Number.isInteger(statement.NumberOfApprovalsNeeded) || (statement.NumberOfApprovalsNeeded as number) < 1) {
    throw new AwsError(code, 'the statement needs Type "Approvers" and NumberOfApprovalsNeeded of at least 1');
  }
  const members = statement.ApprovalPoolMembers ?? [];
  const references = rule.DestinationReferences ?? [];
  if (!Array.isArray(members) || members.some((m) => typeof m !== 'string')) throw new AwsError(code, 'ApprovalPoolMembers must be a list of ARNs');
  if (!Array.isArray(references) || references.some((r) => typeof r !== 'string' || !/^refs\/heads\//.test(r))) throw new AwsError(code, 'DestinationReferences must be a list of refs/heads/… references');
  return {
    approvals: statement.NumberOfApprovalsNeeded as number,
    // IAM users (`…:user/NAME`), assumed-role sessions (`…:assumed-role/ROLE/NAME`, `ROLE/NAME`): the name part, wildcards kept.
    approvers: (members as string[]).map((m) => m.split('/').at(-1)!),
    branches: (references as string[]).map((r) => r.slice('refs/heads/'.length)),
    content,
  };
}

// --- comments --------------------------------------------------------------

/** Every pull request of every repository the caller may read, to find a comment by its id. */
async function findComment(ctx: CallContext, commentId: string): Promise<{ pr: PullRequestDetail; thread: Thread; index: number } | undefined> {
  for (const info of await listRepos(ctx.store)) {
    if (!levelAllows(permission(readMeta(ctx.store, info.name), ctx.user), 'read')) continue;
    for (const pr of await listPulls(ctx.store, info.name)) {
      for (const thread of pr.threads) {
        const index = thread.comments.findIndex((c) => c.id === commentId);
        if (index >= 0) return { pr, thread, index };
      }
    }
  }
  return undefined;
}

// --- triggers --------------------------------------------------------------

// --- approval rule templates -----------------------------------------------

function templateName(input: Input, member = 'approvalRuleTemplateName'): string {
  const name = input[member];
  if (typeof name !== 'string' || !name) throw new AwsError('ApprovalRuleTemplateNameRequiredException', `${member} is required`);
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new AwsError('InvalidApprovalRuleTemplateNameException', `${name} is not a valid template name`);
  return name;
}

function requireTemplate(store: StateStore, name: string): ApprovalTemplate {
  const template = listTemplates(store).find((t) => t.name === name);
  if (!template) throw new AwsError('ApprovalRuleTemplateDoesNotExistException', `The approval rule template ${name} does not exist`);
  return template;
}

function associate(ctx: CallContext, template: string, repository: string, on: boolean): void {
  access(ctx, repository, 'admin');
  const current = requireTemplate(ctx.store, template);
  if (on) associateTemplate(ctx.store, template, [repository]);
  else if (current.repositories.includes(repository)) disassociateTemplate(ctx.store, template, [repository]);
}

function refuseLongText(text: { title?: string; description?: string }): void {
  const problem = pullTextProblem(text);
  if (problem) throw new AwsError(problem.code, problem.message);
}

async function merge(ctx: CallContext, input: Input, strategy: MergeStrategy): Promise<Record<string, unknown>> {
  const { pr } = await pullOf(ctx, input, 'write');
  if (input.repositoryName !== undefined && repositoryName(input) !== pr.repository) throw new AwsError('RepositoryNotAssociatedWithPullRequestException', `${String(input.repositoryName)} is not the repository of pull request ${String(input.pullRequestId)}`);
  const tip = optional<string>(input, 'sourceCommitId', 'InvalidCommitIdException', 'string');
  if (tip && tip !== pr.sourceCommit) throw new AwsError('TipOfSourceReferenceIsDifferentException', `The tip of ${pr.source} is ${pr.sourceCommit}, not ${tip}`);
  if (input.conflictResolution !== undefined) throw new AwsError('InvalidConflictResolutionException', 'conflict resolution through the API is not served locally: merge the destination into the source, resolve and push');
  try {
    const merged = await mergePull(ctx.store, pr.repository, pr.id, ctx.user, strategy, optional<string>(input, 'commitMessage', 'CommitMessageLengthExceededException', 'string'));
    return pullResponse(ctx, merged);
  } catch (error) {
    if (!(error instanceof MergeRefusedError)) throw error;
    throw new AwsError(error.code, error.message);
  }
}

const operations: Record<string, Operation> = {
  // --- repositories ----------------------------------------------------------
  async CreateRepository(input: Input, ctx: CallContext) {
    const name = repositoryName(input);
    if (repoExists(ctx.store, name)) throw new AwsError('RepositoryNameExistsException', `Repository named ${name} already exists`);
    const description = optional<string>(input, 'repositoryDescription', 'InvalidRepositoryDescriptionException', 'string');
    if (description && description.length > 1000) throw new AwsError('InvalidRepositoryDescriptionException', 'the description is longer than 1,000 characters');
    await createRepo(ctx.store, name, { description, user: ctx.user });
    // The creator administers what it created, over git and the API alike.
    grant(ctx.store, name, ctx.user, 'admin', ctx.user);
    return { repositoryMetadata: repositoryShape(await repoSummary(ctx.store, name), ctx.endpoint) };
  },
  async GetRepository(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    return { repositoryMetadata: repositoryShape(await repoSummary(ctx.store, name), ctx.endpoint) };
  },
  async BatchGetRepositories(input: Input, ctx) {
    const names = required<string[]>(input, 'repositoryNames', 'RepositoryNamesRequiredException', 'array');
    const found: Record<string, unknown>[] = [];
    const missing: string[] = [];
    for (const name of names) {
      if (typeof name === 'string' && repoExists(ctx.store, name) && levelAllows(permission(readMeta(ctx.store, name), ctx.user), 'read')) found.push(repositoryShape(await repoSummary(ctx.store, name), ctx.endpoint));
      else missing.push(String(name));
    }
    return { repositories: found, repositoriesNotFound: missing };
  },
  async ListRepositories(input: Input, ctx) {
    const sortBy = input.sortBy ?? 'repositoryName';
    if (sortBy !== 'repositoryName' && sortBy !== 'lastModifiedDate') throw new AwsError('InvalidSortByException', 'sortBy must be repositoryName or lastModifiedDate');
    if (input.order !== undefined && input.order !== 'ascending' && input.order !== 'descending') throw new AwsError('InvalidOrderException', 'order must be ascending or descending');
    const visible = listRepoNames(ctx.store).filter((name) => levelAllows(permission(readMeta(ctx.store, name), ctx.user), 'read'));
    const shaped = (await Promise.all(visible.map((name) => repoSummary(ctx.store, name)))).map((r) => repositoryShape(r, ctx.endpoint));
    shaped.sort((a, b) => (sortBy === 'repositoryName' ? String(a.repositoryName).localeCompare(String(b.repositoryName)) : Number(a.lastModifiedDate) - Number(b.lastModifiedDate)));
    if (input.order === 'descending') shaped.reverse();
    const { items, nextToken } = page(shaped.map((r) => ({ repositoryName: r.repositoryName, repositoryId: r.repositoryId })), input.nextToken, undefined, 'InvalidContinuationTokenException', 1000);
    return defined({ repositories: items, nextToken });
  },
  async UpdateRepositoryDescription(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'admin');
    const description = optional<string>(input, 'repositoryDescription', 'InvalidRepositoryDescriptionException', 'string') ?? '';
    updateMeta(ctx.store, name, (meta) => (meta.description = description));
    return {};
  },
  async DeleteRepository(input: Input, ctx) {
    const name = repositoryName(input);
    if (!repoExists(ctx.store, name)) return {}; // CodeCommit answers a null repositoryId
    access(ctx, name, 'admin');
    const id = readMeta(ctx.store, name).id;
    deleteRepo(ctx.store, name, ctx.user);
    return defined({ repositoryId: id });
  },
  // --- branches and commits --------------------------------------------------
  async GetBranch(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    const branch = branchName(input);
    const commitId = await resolveRef(repoPath(ctx.store, name), `refs/heads/${branch}`);
    if (!commitId) throw new AwsError('BranchDoesNotExistException', `Branch ${branch} does not exist in ${name}`);
    return { branch: { branchName: branch, commitId } };
  },
  async ListBranches(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    const { items, nextToken } = page((await describeRepo(ctx.store, name)).branches.map((b) => b.name), input.nextToken, undefined, 'InvalidContinuationTokenException', 1000);
    return defined({ branches: items, nextToken });
  },
  async CreateBranch(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'write');
    const branch = branchName(input);
    const commit = await commitOf(ctx, name, input.commitId, 'commitId');
    if (await resolveRef(repoPath(ctx.store, name), `refs/heads/${branch}`)) throw new AwsError('BranchNameExistsException', `Branch ${branch} already exists in ${name}`);
    await moveRef(ctx, name, `refs/heads/${branch}`, commit, ZERO_OID);
    return {};
  },
  async DeleteBranch(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'write');
    const branch = branchName(input);
    const info = await describeRepo(ctx.store, name);
    const found = info.branches.find((b) => b.name === branch);
    if (!found) return {}; // CodeCommit answers without deletedBranch
    await moveRef(ctx, name, `refs/heads/${branch}`, ZERO_OID, found.commit);
    return { deletedBranch: { branchName: branch, commitId: found.commit } };
  },
  async UpdateDefaultBranch(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'admin');
    const branch = branchName(input, 'defaultBranchName');
    if (!(await resolveRef(repoPath(ctx.store, name), `refs/heads/${branch}`))) throw new AwsError('BranchDoesNotExistException', `Branch ${branch} does not exist in ${name}`);
    await git(['--git-dir', repoPath(ctx.store, name), 'symbolic-ref', 'HEAD', `refs/heads/${branch}`], { quiet: true });
    return {};
  },
  async GetCommit(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    const commit = await commitOf(ctx, name, input.commitId, 'commitId');
    const out = await git(['--git-dir', repoPath(ctx.store, name), 'show', '-s', '--date=raw', '--format=%T%x1f%P%x1f%an%x1f%ae%x1f%ad%x1f%cn%x1f%ce%x1f%cd%x1f%B', commit]);
    const [tree, parents, an, ae, ad, cn, ce, cd, ...message] = out.split('\x1f');
    return {
      commit: { commitId: commit, treeId: tree, parents: parents.split(' ').filter(Boolean), message: message.join('\x1f'), author: { name: an, email: ae, date: ad }, committer: { name: cn, email: ce, date: cd }, additionalData: '' },
    };
  },
  async GetDifferences(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    const after = await commitOf(ctx, name, input.afterCommitSpecifier, 'afterCommitSpecifier');
    const before = input.beforeCommitSpecifier === undefined ? EMPTY_TREE : await commitOf(ctx, name, input.beforeCommitSpecifier, 'beforeCommitSpecifier');
    const paths = [input.beforePath, input.afterPath].filter((p): p is string => typeof p === 'string' && p !== '');
    const out = await git(['--git-dir', repoPath(ctx.store, name), 'diff-tree', '-r', '-z', '-M', '--raw', '--no-commit-id', before, after, '--', ...paths]);
    const parts = out.split('\0');
    const differences: Record<string, unknown>[] = [];
    for (let i = 0; i + 1 < parts.length; ) {
      const meta = parts[i++];
      if (!meta.startsWith(':')) continue;
      const [oldMode, newMode, oldBlob, newBlob, status] = meta.slice(1).split(' ');
      const from = parts[i++];
      const to = /^[RC]/.test(status) ? parts[i++] : from;
      const blob = (mode: string, blobId: string, path: string) => ({ blobId, path, mode: mode.replace(/^0+/, '') });
      const change = status[0] === 'A' ? 'A' : status[0] === 'D' ? 'D' : 'M';
      differences.push(defined({ beforeBlob: change === 'A' ? undefined : blob(oldMode, oldBlob, from), afterBlob: change === 'D' ? undefined : blob(newMode, newBlob, to), changeType: change }));
    }
    if (paths.length && differences.length === 0) {
      const exists = await gitResult(['--git-dir', repoPath(ctx.store, name), 'cat-file', '-e', `${after}:${paths[0]}`], { okCodes: [1, 128], quiet: true });
      if (exists.code !== 0) throw new AwsError('PathDoesNotExistException', `${paths[0]} does not exist in ${after}`);
    }
    const { items, nextToken } = page(differences, input.NextToken, input.MaxResults, 'InvalidContinuationTokenException');
    return defined({ differences: items, NextToken: nextToken });
  },
  // --- pull requests ---------------------------------------------------------
  async CreatePullRequest(input: Input, ctx) {
    const title = optional<string>(input, 'title', 'InvalidTitleException', 'string');
    if (!title) throw new AwsError('TitleRequiredException', 'title is required');
    refuseLongText({ title, description: optional<string>(input, 'description', 'InvalidDescriptionException', 'string') });
    const targets = optional<Array<Record<string, unknown>>>(input, 'targets', 'InvalidTargetsException', 'array');
    if (!targets?.length) throw new AwsError('TargetsRequiredException', 'targets is required');
    if (targets.length > 1) throw new AwsError('MultipleRepositoriesInPullRequestException', 'a pull request has one target');
    const [target] = targets;
    const name = repositoryName(target);
    access(ctx, name, 'write');
    const source = branchName(target, 'sourceReference');
    const destination = target.destinationReference === undefined ? (await describeRepo(ctx.store, name)).defaultBranch : branchName(target, 'destinationReference');
    if (source === destination) throw new AwsError('SourceAndDestinationAreSameException', 'the source and destination are the same');
    if (!(await resolveRef(repoPath(ctx.store, name), `refs/heads/${source}`))) throw new AwsError('ReferenceDoesNotExistException', `${source} does not exist in ${name}`);
    if (!(await resolveRef(repoPath(ctx.store, name), `refs/heads/${destination}`))) throw new AwsError('ReferenceDoesNotExistException', `${destination} does not exist in ${name}`);
    const pr = await createPull(ctx.store, name, ctx.user, { source, destination, title, description: optional<string>(input, 'description', 'InvalidDescriptionException', 'string') });
    return pullResponse(ctx, pr);
  },
  async GetPullRequest(input: Input, ctx) {
    return pullResponse(ctx, (await pullOf(ctx, input)).pr);
  },
  async ListPullRequests(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    const status = input.pullRequestStatus;
    if (status !== undefined && status !== 'OPEN' && status !== 'CLOSED') throw new AwsError('InvalidPullRequestStatusException', 'pullRequestStatus must be OPEN or CLOSED');
    const author = optional<string>(input, 'authorArn', 'InvalidAuthorArnException', 'string');
    const pulls = (await listPulls(ctx.store, name)).filter((p) => (!status || (status === 'OPEN') === (p.status === 'OPEN')) && (!author || userArnOf(p.author) === author)).reverse();
    const { items, nextToken } = page(pulls.map((p) => accountPullId(ctx.store, name, p.id)), input.nextToken, input.maxResults, 'InvalidContinuationTokenException', 1000);
    return defined({ pullRequestIds: items, nextToken });
  },
  async UpdatePullRequestStatus(input: Input, ctx) {
    const { pr } = await pullOf(ctx, input, 'write');
    const status = input.pullRequestStatus;
    if (status === undefined) throw new AwsError('PullRequestStatusRequiredException', 'pullRequestStatus is required');
    if (status !== 'OPEN' && status !== 'CLOSED') throw new AwsError('InvalidPullRequestStatusException', 'pullRequestStatus must be OPEN or CLOSED');
    // The only valid updates are OPEN to OPEN, OPEN to CLOSED and CLOSED to CLOSED (API Reference, UpdatePullRequestStatus): never back to OPEN.
    if (pr.status !== 'OPEN' && status === 'OPEN') throw new AwsError('InvalidPullRequestStatusUpdateException', `Pull request ${String(input.pullRequestId)} is closed and cannot be reopened`);
    if (status === pr.status) return pullResponse(ctx, pr);
    return pullResponse(ctx, await closePull(ctx.store, pr.repository, pr.id, ctx.user));
  },
  async UpdatePullRequestTitle(input: Input, ctx) {
    const { pr } = await pullOf(ctx, input, 'write');
    const title = optional<string>(input, 'title', 'InvalidTitleException', 'string');
    if (!title) throw new AwsError('TitleRequiredException', 'title is required');
    refuseLongText({ title });
    if (pr.status !== 'OPEN') throw new AwsError('PullRequestAlreadyClosedException', 'the pull request is closed');
    return pullResponse(ctx, await changePull(ctx.store, pr.repository, pr.id, ctx.user, 'UpdatePullRequestTitle', undefined, () => ({ type: 'edited', title })));
  },
  async UpdatePullRequestDescription(input: Input, ctx) {
    const { pr } = await pullOf(ctx, input, 'write');
    const description = optional<string>(input, 'description', 'InvalidDescriptionException', 'string') ?? '';
    refuseLongText({ description });
    if (pr.status !== 'OPEN') throw new AwsError('PullRequestAlreadyClosedException', 'the pull request is closed');
    return pullResponse(ctx, await changePull(ctx.store, pr.repository, pr.id, ctx.user, 'UpdatePullRequestDescription', undefined, () => ({ type: 'edited', description })));
  },
  async MergePullRequestByFastForward(input: Input, ctx) {
    return merge(ctx, input, 'fast-forward');
  },
  async MergePullRequestBySquash(input: Input, ctx) {
    return merge(ctx, input, 'squash');
  },
  async MergePullRequestByThreeWay(input: Input, ctx) {
    return merge(ctx, input, 'three-way');
  },
  // --- approval rules and states ---------------------------------------------
  async CreatePullRequestApprovalRule(input: Input, ctx) {
    const { pr } = await pullOf(ctx, input, 'write');
    const name = optional<string>(input, 'approvalRuleName', 'InvalidApprovalRuleNameException', 'string');
    if (!name) throw new AwsError('ApprovalRuleNameRequiredException', 'approvalRuleName is required');
    const rule = parseRuleContent(input.approvalRuleContent, 'InvalidApprovalRuleContentException');
    if (pr.status !== 'OPEN') throw new AwsError('PullRequestAlreadyClosedException', 'the pull request is closed');
    if (pr.rules.some((r) => r.name === name)) throw new AwsError('ApprovalRuleNameAlreadyExistsException', `An approval rule named ${name} already exists`);
    const ruleId = randomUUID();
    const next = await changePull(ctx.store, pr.repository, pr.id, ctx.user, 'CreatePullRequestApprovalRule', undefined, () => ({ type: 'rule', action: 'create', id: ruleId, name, ...rule }));
    return { approvalRule: ruleShape(next.rules.find((r) => r.id === ruleId)!) };
  },
  async UpdatePullRequestApprovalRuleContent(input: Input, ctx) {
    const { pr } = await pullOf(ctx, input, 'write');
    const existing = pr.rules.find((r) => r.name === input.approvalRuleName);
    if (!existing) throw new AwsError('ApprovalRuleDoesNotExistException', `No approval rule named ${String(input.approvalRuleName)}`);
    if (existing.originTemplate) throw new AwsError('CannotModifyApprovalRuleFromTemplateException', 'rules made from a template are changed through the template');
    const rule = parseRuleContent(input.newRuleContent, 'InvalidApprovalRuleContentException');
    const next = await changePull(ctx.store, pr.repository, pr.id, ctx.user, 'UpdatePullRequestApprovalRuleContent', undefined, () => ({ type: 'rule', action: 'update', id: existing.id, name: existing.name, ...rule }));
    return { approvalRule: ruleShape(next.rules.find((r) => r.id === existing.id)!) };
  },
  async DeletePullRequestApprovalRule(input: Input, ctx) {
    const { pr } = await pullOf(ctx, input, 'write');
    if (typeof input.approvalRuleName !== 'string' || !input.approvalRuleName) throw new AwsError('ApprovalRuleNameRequiredException', 'approvalRuleName is required');
    if (pr.status !== 'OPEN') throw new AwsError('PullRequestAlreadyClosedException', 'the pull request is closed');
    const existing = pr.rules.find((r) => r.name === input.approvalRuleName);
    if (!existing) return { approvalRuleId: '' };
    if (existing.originTemplate) throw new AwsError('CannotDeleteApprovalRuleFromTemplateException', 'rules made from a template cannot be deleted from the pull request');
    await changePull(ctx.store, pr.repository, pr.id, ctx.user, 'DeletePullRequestApprovalRule', undefined, () => ({ type: 'rule', action: 'delete', ...existing }));
    return { approvalRuleId: existing.id };
  },
  async GetPullRequestApprovalStates(input: Input, ctx) {
    const { pr, id } = await pullOf(ctx, input);
    if (typeof input.revisionId !== 'string' || !input.revisionId) throw new AwsError('RevisionIdRequiredException', 'revisionId is required');
    return { approvals: approvalStatesShape(pr, id, input.revisionId) };
  },
  async UpdatePullRequestApprovalState(input: Input, ctx) {
    const { pr, id } = await pullOf(ctx, input, 'read');
    requireRevision(pr, id, input);
    const state = input.approvalState;
    if (state === undefined) throw new AwsError('ApprovalStateRequiredException', 'approvalState is required');
    if (state !== 'APPROVE' && state !== 'REVOKE') throw new AwsError('InvalidApprovalStateException', 'approvalState must be APPROVE or REVOKE');
    // Revoking an approval one never gave changes nothing; approvePull names the other refusals (closed, own pull request).
    if (state === 'REVOKE' && pr.status === 'OPEN' && !pr.approvals.some((a) => a.user === ctx.user)) return {};
    await approvePull(ctx.store, pr.repository, pr.id, ctx.user, state === 'APPROVE');
    return {};
  },
  async EvaluatePullRequestApprovalRules(input: Input, ctx) {
    const { pr, id } = await pullOf(ctx, input);
    requireRevision(pr, id, input);
    return { evaluation: evaluationShape(pr) };
  },
  // --- comments --------------------------------------------------------------
  async PostCommentForPullRequest(input: Input, ctx) {
    const { pr, id } = await pullOf(ctx, input, 'read');
    const content = optional<string>(input, 'content', 'InvalidCommentContentException', 'string');
    if (!content) throw new AwsError('CommentContentRequiredException', 'content is required');
    if (input.repositoryName !== undefined && repositoryName(input) !== pr.repository) throw new AwsError('RepositoryNotAssociatedWithPullRequestException', 'the repository is not the pull request\'s');
    const location = optional<{ filePath?: string; filePosition?: number; relativeFileVersion?: string }>(input, 'location', 'InvalidFilePositionException', 'object');
    if (location?.relativeFileVersion === 'BEFORE') throw new AwsError('InvalidRelativeFileVersionEnumException', 'comments on the BEFORE version are not kept locally; comment on the AFTER (source) version');
    if (location && !location.filePath) throw new AwsError('PathRequiredException', 'location.filePath is required');
    if (location?.filePath && pr.files && !pr.files.some((f) => f.path === location.filePath || f.oldPath === location.filePath)) throw new AwsError('PathDoesNotExistException', `${location.filePath} is not changed by pull request ${id}`);
    const { pr: next, commentId } = await commentOn(ctx.store, pr.repository, pr.id, ctx.user, { body: content, file: location?.filePath, line: location?.filePosition });
    const thread = next.threads.find((t) => t.id === commentId)!;
    return postedCommentShape(await withChangedFiles(ctx.store, next), id, thread, commentId);
  },
  async PostCommentReply(input: Input, ctx) {
    const replyTo = optional<string>(input, 'inReplyTo', 'InvalidCommentIdException', 'string');
    if (!replyTo) throw new AwsError('CommentIdRequiredException', 'inReplyTo is required');
    const content = optional<string>(input, 'content', 'InvalidCommentContentException', 'string');
    if (!content) throw new AwsError('CommentContentRequiredException', 'content is required');
    const found = await findComment(ctx, replyTo);
    if (!found) throw new AwsError('CommentDoesNotExistException', `No comment with id ${replyTo}`);
    const { pr: next, commentId } = await commentOn(ctx.store, found.pr.repository, found.pr.id, ctx.user, { body: content, inReplyTo: replyTo });
    const thread = next.threads.find((t) => t.comments.some((c) => c.id === commentId))!;
    return postedCommentShape(next, accountPullId(ctx.store, next.repository, next.id), thread, commentId);
  },
  async GetCommentsForPullRequest(input: Input, ctx) {
    const { pr, id } = await pullOf(ctx, input);
    const entries = pr.threads.map((t) => threadShape(pr, id, t));
    const { items, nextToken } = page(entries, input.nextToken, input.maxResults, 'InvalidContinuationTokenException');
    return defined({ commentsForPullRequestData: items, nextToken });
  },
  async GetComment(input: Input, ctx) {
    const id = optional<string>(input, 'commentId', 'InvalidCommentIdException', 'string');
    if (!id) throw new AwsError('CommentIdRequiredException', 'commentId is required');
    const found = await findComment(ctx, id);
    if (!found) throw new AwsError('CommentDoesNotExistException', `No comment with id ${id}`);
    return { comment: commentShape(found.thread.comments[found.index], found.index === 0 ? undefined : found.thread.comments[0].id) };
  },
  // --- approval rule templates -----------------------------------------------
  async CreateApprovalRuleTemplate(input: Input, ctx) {
    const name = templateName(input);
    if (listTemplates(ctx.store).some((t) => t.name === name)) throw new AwsError('ApprovalRuleTemplateNameAlreadyExistsException', `The approval rule template ${name} already exists`);
    const rule = parseRuleContent(input.approvalRuleTemplateContent, 'InvalidApprovalRuleTemplateContentException');
    const now = new Date().toISOString();
    const template: ApprovalTemplate = { name, description: optional<string>(input, 'approvalRuleTemplateDescription', 'InvalidApprovalRuleTemplateDescriptionException', 'string') ?? '', branches: rule.branches, approvals: rule.approvals, approvers: rule.approvers, repositories: [], id: randomUUID(), content: rule.content, created: now, updated: now, by: ctx.user };
    createTemplate(ctx.store, template);
    return { approvalRuleTemplate: templateShape(template) };
  },
  async GetApprovalRuleTemplate(input: Input, ctx) {
    return { approvalRuleTemplate: templateShape(requireTemplate(ctx.store, templateName(input))) };
  },
  async ListApprovalRuleTemplates(input: Input, ctx) {
    const { items, nextToken } = page(listTemplates(ctx.store).map((t) => t.name).sort(), input.nextToken, input.maxResults, 'InvalidContinuationTokenException');
    return defined({ approvalRuleTemplateNames: items, nextToken });
  },
  async UpdateApprovalRuleTemplateContent(input: Input, ctx) {
    const current = requireTemplate(ctx.store, templateName(input));
    const rule = parseRuleContent(input.newRuleContent, 'InvalidApprovalRuleTemplateContentException');
    const template = { ...current, branches: rule.branches, approvals: rule.approvals, approvers: rule.approvers, content: rule.content, updated: new Date().toISOString(), by: ctx.user };
    changeTemplate(ctx.store, current.name, () => template);
    return { approvalRuleTemplate: templateShape(template) };
  },
  async UpdateApprovalRuleTemplateDescription(input: Input, ctx) {
    const current = requireTemplate(ctx.store, templateName(input));
    const template = { ...current, description: optional<string>(input, 'approvalRuleTemplateDescription', 'InvalidApprovalRuleTemplateDescriptionException', 'string') ?? '', updated: new Date().toISOString(), by: ctx.user };
    changeTemplate(ctx.store, current.name, () => template);
    return { approvalRuleTemplate: templateShape(template) };
  },
  async UpdateApprovalRuleTemplateName(input: Input, ctx) {
    const current = requireTemplate(ctx.store, templateName(input, 'oldApprovalRuleTemplateName'));
    const name = templateName(input, 'newApprovalRuleTemplateName');
    if (listTemplates(ctx.store).some((t) => t.name === name)) throw new AwsError('ApprovalRuleTemplateNameAlreadyExistsException', `The approval rule template ${name} already exists`);
    const template = { ...current, name, updated: new Date().toISOString(), by: ctx.user };
    changeTemplate(ctx.store, current.name, () => template);
    return { approvalRuleTemplate: templateShape(template) };
  },
  async DeleteApprovalRuleTemplate(input: Input, ctx) {
    const name = templateName(input);
    const template = listTemplates(ctx.store).find((t) => t.name === name);
    if (!template) return { approvalRuleTemplateId: '' };
    if (template.repositories.length) throw new AwsError('ApprovalRuleTemplateInUseException', `${name} is associated with ${template.repositories.join(', ')}; disassociate it first`);
    deleteTemplate(ctx.store, name);
    return { approvalRuleTemplateId: templateShape(template).approvalRuleTemplateId };
  },
  async AssociateApprovalRuleTemplateWithRepository(input: Input, ctx) {
    associate(ctx, templateName(input), repositoryName(input), true);
    return {};
  },
  async DisassociateApprovalRuleTemplateFromRepository(input: Input, ctx) {
    associate(ctx, templateName(input), repositoryName(input), false);
    return {};
  },
  async BatchAssociateApprovalRuleTemplateWithRepositories(input: Input, ctx) {
    return batchAssociation(ctx, input, true);
  },
  async BatchDisassociateApprovalRuleTemplateFromRepositories(input: Input, ctx) {
    return batchAssociation(ctx, input, false);
  },
  async ListAssociatedApprovalRuleTemplatesForRepository(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    const names = listTemplates(ctx.store).filter((t) => t.repositories.includes(name) || t.repositories.includes('*')).map((t) => t.name).sort();
    const { items, nextToken } = page(names, input.nextToken, input.maxResults, 'InvalidContinuationTokenException');
    return defined({ approvalRuleTemplateNames: items, nextToken });
  },
  async ListRepositoriesForApprovalRuleTemplate(input: Input, ctx) {
    const template = requireTemplate(ctx.store, templateName(input));
    const { items, nextToken } = page([...template.repositories].sort(), input.nextToken, input.maxResults, 'InvalidContinuationTokenException');
    return defined({ repositoryNames: items, nextToken });
  },
  // --- triggers --------------------------------------------------------------
  async GetRepositoryTriggers(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'read');
    return repositoryTriggersShape(readMeta(ctx.store, name).triggers);
  },
  async PutRepositoryTriggers(input: Input, ctx) {
    const name = repositoryName(input);
    access(ctx, name, 'admin');
    const given = optional<Array<Record<string, unknown>>>(input, 'triggers', 'InvalidRepositoryTriggerNameException', 'array');
    if (!given) throw new AwsError('RepositoryTriggersListRequiredException', 'triggers is required');
    const parsed = given.map((t) => {
      if (typeof t?.name !== 'string' || !t.name) throw new AwsError('RepositoryTriggerNameRequiredException', 'every trigger needs a name');
      if (typeof t.destinationArn !== 'string' || !t.destinationArn) throw new AwsError('RepositoryTriggerDestinationArnRequiredException', `trigger ${t.name} needs a destinationArn`);
      if (!/^https?:\/\//.test(t.destinationArn)) throw new AwsError('InvalidRepositoryTriggerDestinationArnException', `trigger ${t.name}: locally a trigger's destination is an http(s) URL that receives the event, not ${t.destinationArn}`);
      const events = t.events;
      if (!Array.isArray(events) || events.length === 0) throw new AwsError('RepositoryTriggerEventsListRequiredException', `trigger ${t.name} needs events`);
      for (const e of events) {
        if (!AWS_TRIGGER_EVENTS.includes(String(e))) throw new AwsError('InvalidRepositoryTriggerEventsException', `trigger ${t.name}: ${String(e)} is not one of ${AWS_TRIGGER_EVENTS.join(', ')}`);
      }
      const branches = t.branches ?? [];
      if (!Array.isArray(branches) || branches.some((b) => typeof b !== 'string')) throw new AwsError('InvalidRepositoryTriggerBranchNameException', `trigger ${t.name}: branches must be a list of names`);
      return { name: t.name, url: t.destinationArn, events: [...new Set(events as TriggerEvent[])], branches: branches as string[], customData: typeof t.customData === 'string' ? t.customData : undefined };
    });
    const before = readMeta(ctx.store, name).triggers;
    for (const t of before) if (!parsed.some((p) => p.name === t.name)) removeTrigger(ctx.store, name, t.name, ctx.user);
    // Deliveries are HMAC-signed; a trigger made here gets its own random key (rotate it with `slipway repo trigger add`).
    for (const t of parsed) {
      try {
        addTrigger(ctx.store, name, { ...t, secret: randomBytes(24).toString('base64') }, ctx.user);
      } catch (error) {
        if (error instanceof InputError) throw new AwsError('InvalidRepositoryTriggerDestinationArnException', error.message);
        throw error;
      }
    }
    return { configurationId: repositoryTriggersShape(parsed).configurationId };
  },
};

async function batchAssociation(ctx: CallContext, input: Input, on: boolean): Promise<Record<string, unknown>> {
  const template = templateName(input);
  requireTemplate(ctx.store, template);
  const names = required<string[]>(input, 'repositoryNames', 'RepositoryNamesRequiredException', 'array');
  const done: string[] = [];
  const errors: Array<{ repositoryName: string; errorCode: string; errorMessage: string }> = [];
  for (const name of names) {
    try {
      associate(ctx, template, String(name), on);
      done.push(String(name));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      errors.push({ repositoryName: String(name), errorCode: error.code, errorMessage: error.message });
    }
  }
  return on ? { associatedRepositoryNames: done, errors } : { disassociatedRepositoryNames: done, errors };
}

export const codecommitService: ServiceDefinition = {
  signingName: 'codecommit',
  protocol: 'awsJson1_1',
  targetPrefix: 'CodeCommit_20150413',
  operations: withServiceErrors(operations, {
    invalid: 'InvalidInputException',
    notFound: (message) => (/^no repository named/.test(message) ? 'RepositoryDoesNotExistException' : /^no pull request /.test(message) ? 'PullRequestDoesNotExistException' : undefined),
  }),
};
