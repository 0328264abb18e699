// CodeCommit's response shapes (RepositoryMetadata, PullRequest, Comment, ApprovalRule,
// ApprovalRuleTemplate) from the repos engine's records, as the CodeCommit API reference
// defines them. https://docs.aws.amazon.com/codecommit/latest/APIReference/API_PullRequest.html
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCAL_ACCOUNT } from '../../common/ids';
import type { ApprovalTemplate } from '../../repos/approvals';
import { REFERENCE_EVENTS, type RepoInfo, type RepoSummary, type Trigger } from '../../repos/model';
import type { Comment, PullRule, Thread } from '../../repos/pull-model';
import type { PullRequestDetail } from '../../repos/review';
import { defined, epochSeconds, stableUuid, type TimeFormat } from '../operations';

/** The IAM ARN of a Slipway user: what CodeCommit reports as authorArn, userArn, lastModifiedUser. */
export const userArnOf = (user: string) => `arn:${LOCAL_ACCOUNT.partition}:iam::${LOCAL_ACCOUNT.accountId}:user/${user}`;

export const repositoryArn = (name: string) => `arn:${LOCAL_ACCOUNT.partition}:codecommit:${LOCAL_ACCOUNT.region}:${LOCAL_ACCOUNT.accountId}:${name}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** CodeCommit's revisionId: changes whenever the source branch moves (approvals belong to one revision). */
export const revisionIdOf = (pullId: string, sourceCommit: string) => sha256(`${pullId}\0${sourceCommit}`);

/** The newest of the repository's ref changes (loose refs, packed refs) or its creation. */
function lastModified(info: RepoInfo | RepoSummary): string {
  let newest = Date.parse(info.createdAt) || 0;
  for (const file of ['refs/heads', 'packed-refs', 'HEAD']) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(info.path, file)).mtimeMs);
    } catch {
      // absent in a fresh repository
    }
  }
  return new Date(newest).toISOString();
}

export function repositoryShape(info: RepoInfo | RepoSummary, endpoint: string | undefined, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    accountId: LOCAL_ACCOUNT.accountId,
    repositoryId: info.id,
    repositoryName: info.name,
    repositoryDescription: info.description || undefined,
    defaultBranch: ('hasBranches' in info ? info.hasBranches : info.branches.length > 0) ? info.defaultBranch : undefined,
    lastModifiedDate: time(lastModified(info)),
    creationDate: time(info.createdAt),
    cloneUrlHttp: endpoint ? `${endpoint}/${info.name}.git` : undefined,
    Arn: repositoryArn(info.name),
  });
}

export function ruleShape(rule: PullRule, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    approvalRuleId: rule.id,
    approvalRuleName: rule.name,
    approvalRuleContent: rule.content,
    ruleContentSha256: sha256(rule.content),
    lastModifiedDate: time(rule.updated),
    creationDate: time(rule.created),
    lastModifiedUser: userArnOf(rule.by),
    originApprovalRuleTemplate: rule.originTemplate ? { approvalRuleTemplateName: rule.originTemplate } : undefined,
  });
}

const MERGE_OPTIONS = { 'fast-forward': 'FAST_FORWARD_MERGE', squash: 'SQUASH_MERGE', 'three-way': 'THREE_WAY_MERGE' } as const;

/** A merged pull request is CLOSED with `isMerged: true`, as CodeCommit reports it. */
export function pullRequestShape(pr: PullRequestDetail, accountId: string, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    pullRequestId: accountId,
    title: pr.title,
    description: pr.description || undefined,
    lastActivityDate: time(pr.updatedAt),
    creationDate: time(pr.createdAt),
    pullRequestStatus: pr.status === 'OPEN' ? 'OPEN' : 'CLOSED',
    authorArn: userArnOf(pr.author),
    pullRequestTargets: [
      defined({
        repositoryName: pr.repository,
        sourceReference: `refs/heads/${pr.source}`,
        destinationReference: `refs/heads/${pr.destination}`,
        destinationCommit: pr.destinationCommit,
        sourceCommit: pr.sourceCommit,
        mergeBase: pr.mergeBase,
        mergeMetadata: pr.merge ? { isMerged: true, mergedBy: userArnOf(pr.merge.by), mergeCommitId: pr.merge.mergeCommit, mergeOption: MERGE_OPTIONS[pr.merge.strategy] } : { isMerged: false },
      }),
    ],
    revisionId: revisionIdOf(accountId, pr.sourceCommit),
    approvalRules: [
      // The rules templates gave the pull request when it was created (originApprovalRuleTemplate), then its own.
      ...(pr.templateRules ?? []).map((t) => {
        const content = ruleContent([], t.approvals, t.approvers);
        return {
          approvalRuleId: stableUuid('template-rule', accountId, t.template),
          approvalRuleName: t.template,
          approvalRuleContent: content,
          ruleContentSha256: sha256(content),
          lastModifiedDate: time(pr.createdAt),
          creationDate: time(pr.createdAt),
          lastModifiedUser: userArnOf(pr.author),
          originApprovalRuleTemplate: { approvalRuleTemplateName: t.template },
        };
      }),
      ...(pr.rules ?? []).map((r) => ruleShape(r, time)),
    ],
  });
}

export function commentShape(comment: Comment, inReplyTo: string | undefined, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    commentId: comment.id,
    content: comment.body,
    inReplyTo,
    creationDate: time(comment.time),
    lastModifiedDate: time(comment.time),
    authorArn: userArnOf(comment.author),
    deleted: false,
    callerReactions: [],
    reactionCounts: {},
  });
}

/** A comment thread as GetCommentsForPullRequest's CommentsForPullRequest (the first comment starts it; the rest reply to it). */
export function threadShape(pr: PullRequestDetail, accountId: string, thread: Thread, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    pullRequestId: accountId,
    repositoryName: pr.repository,
    beforeCommitId: pr.mergeBase ?? pr.destinationCommit,
    afterCommitId: thread.commit ?? pr.sourceCommit,
    location: thread.file ? defined({ filePath: thread.file, filePosition: thread.line, relativeFileVersion: 'AFTER' }) : undefined,
    comments: thread.comments.map((c, i) => commentShape(c, i === 0 ? undefined : thread.comments[0].id, time)),
  });
}

/**
 * PostCommentForPullRequest's response for a thread's first comment, PostCommentReply's
 * (`comment` alone) for a reply. https://docs.aws.amazon.com/codecommit/latest/APIReference/API_PostCommentForPullRequest.html
 */
export function postedCommentShape(pr: PullRequestDetail, accountId: string, thread: Thread, commentId: string, time: TimeFormat = epochSeconds): Record<string, unknown> {
  const index = thread.comments.findIndex((c) => c.id === commentId);
  const comment = commentShape(thread.comments[index], index === 0 ? undefined : thread.comments[0].id, time);
  if (index > 0) return { comment };
  const { comments: _thread, ...where } = threadShape(pr, accountId, thread, time);
  return { ...where, comment };
}

/** GetPullRequestApprovalStates' approvals: those given to the revision (by default the current one). */
export function approvalStatesShape(pr: PullRequestDetail, accountId: string, revisionId = revisionIdOf(accountId, pr.sourceCommit)): Array<{ userArn: string; approvalState: string }> {
  return pr.approvals.filter((a) => revisionIdOf(accountId, a.revision) === revisionId).map((a) => ({ userArn: userArnOf(a.user), approvalState: 'APPROVE' }));
}

/** A requirement's rule name: `pull request rule X` and `template X` are rules named X. */
const requirementName = (source: string) => source.replace(/^(pull request rule|template) /, '');

/** EvaluatePullRequestApprovalRules' evaluation of the pull request's current revision (the model's Evaluation has no revision member). */
export function evaluationShape(pr: PullRequestDetail): Record<string, unknown> {
  const satisfied = pr.approvalRules.filter((r) => r.satisfied).map((r) => requirementName(r.source));
  const unsatisfied = pr.approvalRules.filter((r) => !r.satisfied).map((r) => requirementName(r.source));
  return { approved: unsatisfied.length === 0, overridden: false, approvalRulesSatisfied: satisfied, approvalRulesNotSatisfied: unsatisfied };
}

/** CodeCommit's RepositoryTrigger events: the reference events and `all`. */
export const AWS_TRIGGER_EVENTS: readonly string[] = ['all', ...REFERENCE_EVENTS];

/**
 * GetRepositoryTriggers' response (PutRepositoryTriggers answers its configurationId): a
 * trigger's destination is the URL it POSTs to; pull-request events are Slipway's own.
 */
export function repositoryTriggersShape(triggers: Array<Omit<Trigger, 'secret'>>): { configurationId: string; triggers: Record<string, unknown>[] } {
  const shaped = triggers.map((t) => defined({ name: t.name, destinationArn: t.url, customData: t.customData, branches: t.branches, events: t.events.filter((e) => AWS_TRIGGER_EVENTS.includes(e)) }));
  return { configurationId: stableUuid('triggers', JSON.stringify(shaped)), triggers: shaped };
}

export function templateShape(template: ApprovalTemplate, time: TimeFormat = epochSeconds): Record<string, unknown> {
  const content = template.content ?? templateContent(template);
  return defined({
    approvalRuleTemplateId: template.id ?? stableUuid('approval-rule-template', template.name),
    approvalRuleTemplateName: template.name,
    approvalRuleTemplateDescription: template.description,
    approvalRuleTemplateContent: content,
    ruleContentSha256: sha256(content),
    lastModifiedDate: time(template.updated ?? template.created),
    creationDate: time(template.created),
    lastModifiedUser: template.by ? userArnOf(template.by) : undefined,
  });
}

/** The rule content of a template made outside the API (by `slipway repo template`). */
function templateContent(template: ApprovalTemplate): string {
  return ruleContent(template.branches, template.approvals, template.approvers);
}

/** CodeCommit's rule language (2018-11-08) for an Approvers rule. */
function ruleContent(branches: string[], approvals: number, approvers: string[]): string {
  return JSON.stringify(
    defined({
      Version: '2018-11-08',
      DestinationReferences: branches.length ? branches.map((b) => `refs/heads/${b}`) : undefined,
      Statements: [defined({ Type: 'Approvers', NumberOfApprovalsNeeded: approvals, ApprovalPoolMembers: approvers.length ? approvers.map(userArnOf) : undefined })],
    }),
  );
}
