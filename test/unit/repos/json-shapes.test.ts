// `slipway repo … --json` and `slipway pr … --json` print CodeCommit's responses, so scripts
// written against `aws codecommit` read them unchanged: each document is checked against
// the published model of its operation's output (@aws-sdk/client-codecommit), member names,
// types and required members; Slipway-only fields sit under `slipway`.
// https://docs.aws.amazon.com/codecommit/latest/APIReference/API_GetPullRequest.html
import * as cc from '@aws-sdk/client-codecommit';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelMismatches } from '../aws-model-shape';
import { commit, git, seededRepo, slipway, tempAccount } from './helpers';

const { root } = tempAccount();

/** Runs the CLI as `user` and checks its document against `schema`. */
async function shaped(schema: unknown, user: string, ...argv: string[]) {
  const result = await slipway(user, ...argv, '--json');
  assert.equal(result.code, 0, `${argv.join(' ')}: ${result.stderr}`);
  assert.deepEqual(modelMismatches(result.json, schema), [], `slipway ${argv.join(' ')} --json`);
  return result.json;
}

test('repo create, describe, list and delete answer as CreateRepository, GetRepository, ListRepositories and DeleteRepository', async () => {
  const created = await shaped(cc.CreateRepositoryOutput$, 'dev', 'repo', 'create', 'shapes-repo', '--description', 'for the shapes');
  const metadata = created.repositoryMetadata;
  assert.equal(metadata.repositoryName, 'shapes-repo');
  assert.equal(metadata.repositoryDescription, 'for the shapes');
  assert.match(metadata.Arn, /^arn:aws:codecommit:us-east-1:\d{12}:shapes-repo$/);
  assert.match(metadata.repositoryId, /^[0-9a-f-]{36}$/);
  assert.equal(metadata.accountId, metadata.Arn.split(':')[4]);
  assert.ok(!Number.isNaN(Date.parse(metadata.creationDate)), 'times as ISO text, as the AWS CLI prints them');
  // Locally the clone URL is the repository's path: git clones it as it is.
  git(root, ['clone', '-q', metadata.cloneUrlHttp, `${root}/shapes-clone`]);

  const described = await shaped(cc.GetRepositoryOutput$, 'dev', 'repo', 'describe', 'shapes-repo');
  assert.equal(described.repositoryMetadata.repositoryId, metadata.repositoryId);
  assert.deepEqual(described.repositoryMetadata.slipway.branches, []);
  const listed = await shaped(cc.ListRepositoriesOutput$, 'dev', 'repo', 'list');
  assert.deepEqual(listed.repositories.find((r: { repositoryName: string }) => r.repositoryName === 'shapes-repo'), { repositoryName: 'shapes-repo', repositoryId: metadata.repositoryId });
  const deleted = await shaped(cc.DeleteRepositoryOutput$, 'dev', 'repo', 'delete', 'shapes-repo', '--yes');
  assert.deepEqual(deleted, { repositoryId: metadata.repositoryId });
});

test('pr create, describe, comment, approve, close, merge and list answer as CodeCommit\'s pull request operations', async () => {
  const { work } = await seededRepo(root, 'shapes-pr');
  git(work, ['checkout', '-q', '-b', 'feature']);
  commit(work, { 'src/feature.js': 'one\ntwo\n' }, 'feature work');
  git(work, ['push', '-q', 'origin', 'feature']);
  await slipway('admin', 'repo', 'rule', 'add', 'shapes-pr', '--branch', 'main', '--require-pull-request', '--approvals', '1');

  const created = (await shaped(cc.CreatePullRequestOutput$, 'alice', 'pr', 'create', 'shapes-pr', '--source', 'feature', '--destination', 'main', '--title', 'Shapes', '--description', 'why')).pullRequest;
  assert.equal(created.pullRequestStatus, 'OPEN');
  assert.equal(created.authorArn, `arn:aws:iam::${created.authorArn.split(':')[4]}:user/alice`);
  assert.deepEqual(
    [created.pullRequestTargets[0].sourceReference, created.pullRequestTargets[0].destinationReference, created.pullRequestTargets[0].mergeMetadata],
    ['refs/heads/feature', 'refs/heads/main', { isMerged: false }],
  );
  assert.match(created.pullRequestId, /^\d+$/);
  const number = created.slipway.number;

  const thread = await shaped(cc.PostCommentForPullRequestOutput$, 'bob', 'pr', 'comment', 'shapes-pr', number, '--body', 'Why two?', '--file', 'src/feature.js', '--line', '2');
  assert.deepEqual(thread.location, { filePath: 'src/feature.js', filePosition: 2, relativeFileVersion: 'AFTER' });
  assert.equal(thread.pullRequestId, created.pullRequestId);
  const reply = await shaped(cc.PostCommentReplyOutput$, 'alice', 'pr', 'comment', 'shapes-pr', number, '--body', 'Because.', '--reply-to', thread.comment.commentId);
  assert.equal(reply.comment.inReplyTo, thread.comment.commentId);

  const approved = (await shaped(cc.GetPullRequestOutput$, 'bob', 'pr', 'approve', 'shapes-pr', number)).pullRequest;
  // The approval states, rule evaluation and comments, each in its operation's shape.
  assert.deepEqual(modelMismatches({ approvals: approved.slipway.approvals }, cc.GetPullRequestApprovalStatesOutput$), []);
  assert.deepEqual(approved.slipway.approvals.map((a: { userArn: string; approvalState: string }) => [a.userArn.split('/').at(-1), a.approvalState]), [['bob', 'APPROVE']]);
  assert.deepEqual(modelMismatches({ evaluation: approved.slipway.evaluation }, cc.EvaluatePullRequestApprovalRulesOutput$), []);
  assert.equal(approved.slipway.evaluation.approved, true);
  assert.deepEqual(modelMismatches({ commentsForPullRequestData: approved.slipway.commentsForPullRequestData }, cc.GetCommentsForPullRequestOutput$), []);
  assert.deepEqual(approved.slipway.commentsForPullRequestData[0].comments.map((c: { content: string }) => c.content), ['Why two?', 'Because.']);

  const described = (await shaped(cc.GetPullRequestOutput$, 'x', 'pr', 'describe', 'shapes-pr', number)).pullRequest;
  assert.equal(described.pullRequestId, created.pullRequestId, 'one id, whoever asks');
  assert.equal(described.title, 'Shapes');
  assert.equal(described.description, 'why');
  assert.deepEqual(described.slipway.files, [{ status: 'A', path: 'src/feature.js' }]);

  const merged = (await shaped(cc.MergePullRequestByThreeWayOutput$, 'alice', 'pr', 'merge', 'shapes-pr', number, '--strategy', 'three-way')).pullRequest;
  assert.equal(merged.pullRequestStatus, 'CLOSED');
  assert.deepEqual(Object.keys(merged.pullRequestTargets[0].mergeMetadata).sort(), ['isMerged', 'mergeCommitId', 'mergeOption', 'mergedBy']);
  assert.equal(merged.pullRequestTargets[0].mergeMetadata.mergeOption, 'THREE_WAY_MERGE');

  git(work, ['push', '-q', 'origin', 'feature:second']);
  const second = (await shaped(cc.CreatePullRequestOutput$, 'alice', 'pr', 'create', 'shapes-pr', '--source', 'second', '--destination', 'feature', '--title', 'Second')).pullRequest;
  const closed = (await shaped(cc.UpdatePullRequestStatusOutput$, 'alice', 'pr', 'close', 'shapes-pr', second.slipway.number)).pullRequest;
  assert.equal(closed.pullRequestStatus, 'CLOSED');
  const listed = await shaped(cc.ListPullRequestsOutput$, 'x', 'pr', 'list', 'shapes-pr');
  assert.deepEqual(listed.pullRequestIds, [second.pullRequestId, created.pullRequestId], 'newest first');
});

test('approval rule templates and triggers answer as their CodeCommit operations', async () => {
  await seededRepo(root, 'shapes-tmpl');
  const template = (await shaped(cc.CreateApprovalRuleTemplateOutput$, 'admin', 'pr', 'template', 'create', 'shapes-leads', '--approvals', '1', '--approver', 'lead', '--branch', 'main')).approvalRuleTemplate;
  assert.deepEqual(JSON.parse(template.approvalRuleTemplateContent).Statements[0].NumberOfApprovalsNeeded, 1);
  assert.deepEqual((await shaped(cc.BatchAssociateApprovalRuleTemplateWithRepositoriesOutput$, 'admin', 'pr', 'template', 'associate', 'shapes-leads', '--repository', 'shapes-tmpl')).associatedRepositoryNames, ['shapes-tmpl']);
  assert.ok((await shaped(cc.ListApprovalRuleTemplatesOutput$, 'admin', 'pr', 'template', 'list')).approvalRuleTemplateNames.includes('shapes-leads'));
  await shaped(cc.BatchDisassociateApprovalRuleTemplateFromRepositoriesOutput$, 'admin', 'pr', 'template', 'disassociate', 'shapes-leads', '--repository', 'shapes-tmpl');
  assert.deepEqual(await shaped(cc.DeleteApprovalRuleTemplateOutput$, 'admin', 'pr', 'template', 'delete', 'shapes-leads'), { approvalRuleTemplateId: template.approvalRuleTemplateId });

  const put = await shaped(cc.PutRepositoryTriggersOutput$, 'admin', 'repo', 'trigger', 'add', 'shapes-tmpl', '--name', 'ci', '--url', 'http://127.0.0.1:9/hook', '--secret', 'k3y', '--events', 'updateReference,pull_request', '--branch', 'main');
  const got = await shaped(cc.GetRepositoryTriggersOutput$, 'admin', 'repo', 'trigger', 'list', 'shapes-tmpl');
  assert.equal(got.configurationId, put.configurationId);
  assert.deepEqual(got.triggers, [{ name: 'ci', destinationArn: 'http://127.0.0.1:9/hook', branches: ['main'], events: ['updateReference'], slipway: { events: ['updateReference', 'pull_request'] } }]);
  assert.ok(!JSON.stringify(got).includes('k3y'), 'the secret never reaches the output');
});
