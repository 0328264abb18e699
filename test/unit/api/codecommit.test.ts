// CodeCommit operations called as the endpoint calls them, checked against the API reference:
// https://docs.aws.amazon.com/codecommit/latest/APIReference/API_Operations.html
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codecommitService } from '../../../runtime/api/codecommit';
import { StateStore } from '../../../runtime/common/state';
import { grant } from '../../../runtime/repos/settings';
import type { CallContext } from '../../../runtime/api/types';
import { commit, git, tempAccount } from '../repos/helpers';
import { caller, errorCode } from './helpers';

const RULE = (n: number, members?: string[]) => JSON.stringify({ Version: '2018-11-08', Statements: [{ Type: 'Approvers', NumberOfApprovalsNeeded: n, ...(members ? { ApprovalPoolMembers: members } : {}) }] });

describe('CodeCommit API (API_Operations)', () => {
  const { root, home } = tempAccount();
  const store = new StateStore(home);
  const as = (user: string): CallContext => ({ store, user, accountId: '000000000000', region: 'us-east-1', requestId: 't', endpoint: 'http://127.0.0.1:4566' });
  const alice = caller(codecommitService, as('alice'));
  const bob = caller(codecommitService, as('bob'));
  const work = path.join(root, 'work');
  let first = '';
  let feature = '';
  before(() => fs.mkdirSync(work, { recursive: true }));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('CreateRepository gives the creator admin; cloneUrlHttp points at the endpoint; others are refused (API_CreateRepository)', async () => {
    const created = await alice('CreateRepository', { repositoryName: 'app', repositoryDescription: 'the app' });
    const meta = created.repositoryMetadata;
    assert.equal(meta.cloneUrlHttp, 'http://127.0.0.1:4566/app.git');
    assert.equal(meta.Arn, 'arn:aws:codecommit:us-east-1:000000000000:app');
    assert.equal(meta.defaultBranch, undefined, 'an empty repository has no default branch yet');
    assert.equal(await errorCode(alice('CreateRepository', { repositoryName: 'app' })), 'RepositoryNameExistsException');
    assert.equal(await errorCode(alice('CreateRepository', { repositoryName: '../x' })), 'InvalidRepositoryNameException');
    assert.equal(await errorCode(alice('CreateRepository', { repositoryName: 'x.git' })), 'InvalidRepositoryNameException');
    assert.equal(await errorCode(alice('GetRepository', { repositoryName: 'nope' })), 'RepositoryDoesNotExistException');
    assert.equal(await errorCode(bob('GetRepository', { repositoryName: 'app' })), 'AccessDeniedException');
    assert.deepEqual((await bob('ListRepositories')).repositories, []);
    assert.deepEqual((await alice('ListRepositories')).repositories.map((r: { repositoryName: string }) => r.repositoryName), ['app']);
    const batch = await alice('BatchGetRepositories', { repositoryNames: ['app', 'nope'] });
    assert.deepEqual(batch.repositoriesNotFound, ['nope']);
  });

  it('branches and commits: Get/List/Create/DeleteBranch, GetCommit, GetDifferences (API_GetDifferences)', async () => {
    const bare = store.path('repos', 'app.git');
    git(root, ['clone', '-q', bare, work]);
    first = commit(work, { 'README.md': 'hello\n', 'src/a.txt': 'a\n' }, 'first');
    git(work, ['push', '-q', 'origin', 'HEAD:main']);
    assert.deepEqual((await alice('GetBranch', { repositoryName: 'app', branchName: 'main' })).branch, { branchName: 'main', commitId: first });
    await alice('CreateBranch', { repositoryName: 'app', branchName: 'feature', commitId: first });
    assert.equal(await errorCode(alice('CreateBranch', { repositoryName: 'app', branchName: 'feature', commitId: first })), 'BranchNameExistsException');
    assert.equal(await errorCode(alice('CreateBranch', { repositoryName: 'app', branchName: 'x', commitId: '0'.repeat(40) })), 'CommitIdDoesNotExistException');
    assert.equal(await errorCode(alice('CreateBranch', { repositoryName: 'app', branchName: 'bad..name', commitId: first })), 'InvalidBranchNameException');
    assert.equal(await errorCode(alice('GetCommit', { repositoryName: 'app', commitId: '--output=/tmp/x' })), 'InvalidCommitException');
    git(work, ['fetch', '-q', 'origin']);
    git(work, ['checkout', '-q', '-b', 'feature', 'origin/feature']);
    feature = commit(work, { 'src/a.txt': 'a2\n', 'src/b.txt': 'b\n' }, 'feature work');
    git(work, ['push', '-q', 'origin', 'feature']);
    assert.deepEqual((await alice('ListBranches', { repositoryName: 'app' })).branches.sort(), ['feature', 'main']);

    const got = (await alice('GetCommit', { repositoryName: 'app', commitId: feature })).commit;
    assert.deepEqual(got.parents, [first]);
    assert.equal(got.message.trim(), 'feature work');
    assert.match(got.author.date, /^\d+ [+-]\d{4}$/, 'CodeCommit dates are "<epoch> <zone>"');
    const diff = await alice('GetDifferences', { repositoryName: 'app', beforeCommitSpecifier: first, afterCommitSpecifier: 'feature' });
    assert.deepEqual(diff.differences.map((d: { changeType: string; afterBlob: { path: string } }) => `${d.changeType} ${d.afterBlob.path}`).sort(), ['A src/b.txt', 'M src/a.txt']);
    const all = await alice('GetDifferences', { repositoryName: 'app', afterCommitSpecifier: first });
    assert.equal(all.differences.length, 2, 'without a before commit: everything up to the after commit');
    assert.equal(await errorCode(alice('GetDifferences', { repositoryName: 'app', afterCommitSpecifier: first, afterPath: 'nope' })), 'PathDoesNotExistException');
    assert.equal(await errorCode(alice('DeleteBranch', { repositoryName: 'app', branchName: 'main' })), 'DefaultBranchCannotBeDeletedException');
  });

  it('pull requests: create, approval rules, approvals by revision, evaluation, fast-forward merge (API_MergePullRequestByFastForward)', async () => {
    await alice('CreateRepository', { repositoryName: 'other' }); // its pull request numbers must not collide with app's
    const created = (await alice('CreatePullRequest', { title: 'Feature', description: 'adds b', targets: [{ repositoryName: 'app', sourceReference: 'refs/heads/feature', destinationReference: 'main' }] })).pullRequest;
    assert.equal(created.pullRequestStatus, 'OPEN');
    assert.equal(created.authorArn, 'arn:aws:iam::000000000000:user/alice');
    assert.equal(created.pullRequestTargets[0].sourceCommit, feature);
    assert.equal(created.pullRequestTargets[0].mergeMetadata.isMerged, false);
    const id = created.pullRequestId;
    assert.deepEqual((await alice('ListPullRequests', { repositoryName: 'app', pullRequestStatus: 'OPEN' })).pullRequestIds, [id]);

    const rule = (await alice('CreatePullRequestApprovalRule', { pullRequestId: id, approvalRuleName: 'two', approvalRuleContent: RULE(1, ['arn:aws:iam::000000000000:user/bob']) })).approvalRule;
    assert.equal(rule.approvalRuleName, 'two');
    assert.equal(await errorCode(alice('CreatePullRequestApprovalRule', { pullRequestId: id, approvalRuleName: 'bad', approvalRuleContent: '{"Statements":[]}' })), 'InvalidApprovalRuleContentException');
    const revisionId = (await alice('GetPullRequest', { pullRequestId: id })).pullRequest.revisionId;
    let evaluation = (await alice('EvaluatePullRequestApprovalRules', { pullRequestId: id, revisionId })).evaluation;
    assert.deepEqual([evaluation.approved, evaluation.approvalRulesNotSatisfied], [false, ['two']]);
    assert.equal(await errorCode(alice('MergePullRequestByFastForward', { pullRequestId: id, repositoryName: 'app' })), 'PullRequestApprovalRulesNotSatisfiedException');
    assert.equal(await errorCode(alice('UpdatePullRequestApprovalState', { pullRequestId: id, revisionId, approvalState: 'APPROVE' })), 'PullRequestCannotBeApprovedByAuthorException');
    assert.equal(await errorCode(bob('UpdatePullRequestApprovalState', { pullRequestId: id, revisionId, approvalState: 'APPROVE' })), 'AccessDeniedException', 'bob has no grant on app yet');
    grant(store, 'app', 'bob', 'write', 'alice');
    assert.equal(await errorCode(bob('UpdatePullRequestApprovalState', { pullRequestId: id, revisionId: 'f'.repeat(64), approvalState: 'APPROVE' })), 'RevisionNotCurrentException');
    await bob('UpdatePullRequestApprovalState', { pullRequestId: id, revisionId, approvalState: 'APPROVE' });
    assert.deepEqual((await alice('GetPullRequestApprovalStates', { pullRequestId: id, revisionId })).approvals, [{ userArn: 'arn:aws:iam::000000000000:user/bob', approvalState: 'APPROVE' }]);
    evaluation = (await alice('EvaluatePullRequestApprovalRules', { pullRequestId: id, revisionId })).evaluation;
    assert.deepEqual([evaluation.approved, evaluation.approvalRulesSatisfied], [true, ['two']]);

    assert.equal(await errorCode(alice('MergePullRequestByFastForward', { pullRequestId: id, repositoryName: 'app', sourceCommitId: first })), 'TipOfSourceReferenceIsDifferentException');
    const merged = (await alice('MergePullRequestByFastForward', { pullRequestId: id, repositoryName: 'app', sourceCommitId: feature })).pullRequest;
    assert.equal(merged.pullRequestStatus, 'CLOSED');
    assert.deepEqual(merged.pullRequestTargets[0].mergeMetadata, { isMerged: true, mergedBy: 'arn:aws:iam::000000000000:user/alice', mergeCommitId: feature, mergeOption: 'FAST_FORWARD_MERGE' });
    assert.equal((await alice('GetBranch', { repositoryName: 'app', branchName: 'main' })).branch.commitId, feature);
    assert.equal(await errorCode(alice('UpdatePullRequestStatus', { pullRequestId: id, pullRequestStatus: 'OPEN' })), 'InvalidPullRequestStatusUpdateException');
    assert.equal(await errorCode(alice('GetPullRequest', { pullRequestId: '999' })), 'PullRequestDoesNotExistException');
    assert.equal(await errorCode(alice('GetPullRequest', { pullRequestId: '__proto__' })), 'InvalidPullRequestIdException');
  });

  it('comments, squash and three-way merges with the given message, closing (API_PostCommentForPullRequest)', async () => {
    git(work, ['checkout', '-q', '-b', 'two', 'feature']);
    const tip = commit(work, { 'src/c.txt': 'c\n' }, 'add c');
    git(work, ['push', '-q', 'origin', 'two']);
    const pr = (await alice('CreatePullRequest', { title: 'Two', targets: [{ repositoryName: 'app', sourceReference: 'two' }] })).pullRequest;
    const posted = await alice('PostCommentForPullRequest', { pullRequestId: pr.pullRequestId, repositoryName: 'app', beforeCommitId: feature, afterCommitId: tip, location: { filePath: 'src/c.txt', filePosition: 1, relativeFileVersion: 'AFTER' }, content: 'nice' });
    assert.equal(posted.comment.content, 'nice');
    assert.equal(await errorCode(alice('PostCommentForPullRequest', { pullRequestId: pr.pullRequestId, location: { filePath: 'README.md', filePosition: 1, relativeFileVersion: 'AFTER' }, content: 'x' })), 'PathDoesNotExistException');
    const reply = await alice('PostCommentReply', { inReplyTo: posted.comment.commentId, content: 'thanks' });
    assert.equal(reply.comment.inReplyTo, posted.comment.commentId);
    const comments = await alice('GetCommentsForPullRequest', { pullRequestId: pr.pullRequestId });
    assert.deepEqual(comments.commentsForPullRequestData[0].comments.map((c: { content: string }) => c.content), ['nice', 'thanks']);
    assert.equal((await alice('GetComment', { commentId: reply.comment.commentId })).comment.content, 'thanks');
    const squashed = (await alice('MergePullRequestBySquash', { pullRequestId: pr.pullRequestId, repositoryName: 'app', commitMessage: 'Squashed: add c' })).pullRequest;
    const head = squashed.pullRequestTargets[0].mergeMetadata.mergeCommitId;
    assert.equal((await alice('GetCommit', { repositoryName: 'app', commitId: head })).commit.message.trim(), 'Squashed: add c');

    // Diverged branches: fast-forward is refused, three-way merges.
    git(work, ['fetch', '-q', 'origin']);
    git(work, ['checkout', '-q', '-b', 'three', 'origin/main']);
    commit(work, { 'src/d.txt': 'd\n' }, 'add d');
    git(work, ['push', '-q', 'origin', 'three']);
    git(work, ['checkout', '-q', '-b', 'side', 'origin/main']);
    commit(work, { 'src/e.txt': 'e\n' }, 'add e');
    git(work, ['push', '-q', 'origin', 'side:main']);
    const three = (await alice('CreatePullRequest', { title: 'Three', targets: [{ repositoryName: 'app', sourceReference: 'three', destinationReference: 'main' }] })).pullRequest;
    assert.equal(await errorCode(alice('MergePullRequestByFastForward', { pullRequestId: three.pullRequestId, repositoryName: 'app' })), 'ManualMergeRequiredException');
    const done = (await alice('MergePullRequestByThreeWay', { pullRequestId: three.pullRequestId, repositoryName: 'app' })).pullRequest;
    assert.equal(done.pullRequestTargets[0].mergeMetadata.mergeOption, 'THREE_WAY_MERGE');
    assert.equal((await alice('GetCommit', { repositoryName: 'app', commitId: done.pullRequestTargets[0].mergeMetadata.mergeCommitId })).commit.parents.length, 2);

    git(work, ['push', '-q', 'origin', 'HEAD:closing']);
    const closing = (await alice('CreatePullRequest', { title: 'Close me', targets: [{ repositoryName: 'app', sourceReference: 'closing', destinationReference: 'feature' }] })).pullRequest;
    const closed = (await alice('UpdatePullRequestStatus', { pullRequestId: closing.pullRequestId, pullRequestStatus: 'CLOSED' })).pullRequest;
    assert.deepEqual([closed.pullRequestStatus, closed.pullRequestTargets[0].mergeMetadata.isMerged], ['CLOSED', false]);
  });

  it('approval rule templates: create, associate, apply to pull requests, refuse deletion while associated (API_CreateApprovalRuleTemplate)', async () => {
    const template = (await alice('CreateApprovalRuleTemplate', { approvalRuleTemplateName: 'team', approvalRuleTemplateContent: JSON.stringify({ Version: '2018-11-08', DestinationReferences: ['refs/heads/main'], Statements: [{ Type: 'Approvers', NumberOfApprovalsNeeded: 1 }] }) })).approvalRuleTemplate;
    assert.match(template.approvalRuleTemplateId, /^[0-9a-f-]{36}$/);
    await alice('AssociateApprovalRuleTemplateWithRepository', { approvalRuleTemplateName: 'team', repositoryName: 'app' });
    assert.deepEqual((await alice('ListAssociatedApprovalRuleTemplatesForRepository', { repositoryName: 'app' })).approvalRuleTemplateNames, ['team']);
    assert.deepEqual((await alice('ListRepositoriesForApprovalRuleTemplate', { approvalRuleTemplateName: 'team' })).repositoryNames, ['app']);
    git(work, ['push', '-q', 'origin', 'HEAD:templated']);
    commit(work, { 'src/f.txt': 'f\n' }, 'add f');
    git(work, ['push', '-q', 'origin', 'HEAD:templated']);
    const pr = (await alice('CreatePullRequest', { title: 'T', targets: [{ repositoryName: 'app', sourceReference: 'templated', destinationReference: 'main' }] })).pullRequest;
    const evaluation = (await alice('EvaluatePullRequestApprovalRules', { pullRequestId: pr.pullRequestId, revisionId: pr.revisionId })).evaluation;
    assert.deepEqual(evaluation.approvalRulesNotSatisfied, ['team']);
    assert.equal(await errorCode(alice('DeleteApprovalRuleTemplate', { approvalRuleTemplateName: 'team' })), 'ApprovalRuleTemplateInUseException');
    const batch = await alice('BatchDisassociateApprovalRuleTemplateFromRepositories', { approvalRuleTemplateName: 'team', repositoryNames: ['app', 'ghost'] });
    assert.deepEqual(batch.disassociatedRepositoryNames, ['app']);
    assert.equal(batch.errors[0].errorCode, 'RepositoryDoesNotExistException');
    await alice('DeleteApprovalRuleTemplate', { approvalRuleTemplateName: 'team' });
    assert.deepEqual((await alice('ListApprovalRuleTemplates')).approvalRuleTemplateNames, []);
  });

  it('Get/PutRepositoryTriggers with CodeCommit event names (API_PutRepositoryTriggers)', async () => {
    const put = await alice('PutRepositoryTriggers', { repositoryName: 'app', triggers: [{ name: 'ci', destinationArn: 'http://127.0.0.1:9/hook', customData: 'team-a', branches: ['main'], events: ['updateReference', 'createReference'] }] });
    assert.match(put.configurationId, /^[0-9a-f-]{36}$/);
    const got = await alice('GetRepositoryTriggers', { repositoryName: 'app' });
    assert.deepEqual(got.triggers, [{ name: 'ci', destinationArn: 'http://127.0.0.1:9/hook', customData: 'team-a', branches: ['main'], events: ['updateReference', 'createReference'] }]);
    assert.equal(got.configurationId, put.configurationId);
    assert.equal(await errorCode(alice('PutRepositoryTriggers', { repositoryName: 'app', triggers: [{ name: 'sns', destinationArn: 'arn:aws:sns:us-east-1:000000000000:t', events: ['all'] }] })), 'InvalidRepositoryTriggerDestinationArnException');
    assert.equal(await errorCode(alice('PutRepositoryTriggers', { repositoryName: 'app', triggers: [{ name: 'x', destinationArn: 'http://127.0.0.1:9/', events: ['push'] }] })), 'InvalidRepositoryTriggerEventsException');
    await alice('PutRepositoryTriggers', { repositoryName: 'app', triggers: [] });
    assert.deepEqual((await alice('GetRepositoryTriggers', { repositoryName: 'app' })).triggers, []);
  });

  it('DeleteRepository needs admin and returns the repository id (API_DeleteRepository)', async () => {
    assert.equal(await errorCode(bob('DeleteRepository', { repositoryName: 'app' })), 'AccessDeniedException');
    const id = (await alice('GetRepository', { repositoryName: 'other' })).repositoryMetadata.repositoryId;
    assert.deepEqual(await alice('DeleteRepository', { repositoryName: 'other' }), { repositoryId: id });
    assert.deepEqual(await alice('DeleteRepository', { repositoryName: 'other' }), {});
  });
});
