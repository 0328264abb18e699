// Scenario tests of CodeCommit pull request behaviours, each named after the AWS page it follows
// (one account and two repositories for the file: pushes run the hooks, which is what costs).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { codecommitService } from '../../../runtime/api/codecommit';
import type { AwsError } from '../../../runtime/api/types';
import { StateStore } from '../../../runtime/common/state';
import { commit, git, gitTry, seededRepo, slipway, tempAccount } from './helpers';

const { root } = tempAccount();
let ruled: { work: string };
let plain: { work: string };

before(async () => {
  // `ruled`: main needs one approval; release needs one approval from lead (the pool).
  ruled = await seededRepo(root, 'ruled');
  git(ruled.work, ['push', '-q', 'origin', 'main:release']);
  assert.equal((await slipway('dev@example.com', 'repo', 'rule', 'add', 'ruled', '--branch', 'main', '--require-pull-request', '--approvals', '1')).code, 0);
  assert.equal((await slipway('dev@example.com', 'repo', 'rule', 'add', 'ruled', '--branch', 'release', '--require-pull-request', '--approvals', '1', '--approver', 'lead')).code, 0);
  git(ruled.work, ['checkout', '-q', '-b', 'feature']);
  commit(ruled.work, { 'src/feature.js': 'one\n' }, 'feature work');
  git(ruled.work, ['push', '-q', 'origin', 'feature']);
  plain = await seededRepo(root, 'plain');
});

async function openPr(repo: string, destination: string, source = 'feature'): Promise<string> {
  const pr = await slipway('alice', 'pr', 'create', repo, '--source', source, '--destination', destination, '--title', `${source} to ${destination}`, '--json');
  assert.equal(pr.code, 0, pr.stderr);
  return pr.json.pullRequest.slipway.number as string;
}

const mergeable = async (repo: string, id: string): Promise<boolean> => (await slipway('x', 'pr', 'describe', repo, id, '--json')).json.pullRequest.slipway.mergeable;

test('CodeCommit UpdatePullRequestApprovalState: the author of a pull request cannot approve it (PullRequestCannotBeApprovedByAuthorException); approvals are for a revision, so a new commit needs approving again', async () => {
  const id = await openPr('ruled', 'main');
  const own = await slipway('alice', 'pr', 'approve', 'ruled', id);
  assert.equal(own.code, 2, own.stdout);
  assert.match(own.stderr, /alice opened pull request \d+ and cannot approve it/);
  assert.equal((await slipway('bob', 'pr', 'approve', 'ruled', id)).code, 0);
  assert.equal(await mergeable('ruled', id), true);

  commit(ruled.work, { 'src/feature.js': 'one\ntwo\n' }, 'more work');
  git(ruled.work, ['push', '-q', 'origin', 'feature']);
  assert.equal(await mergeable('ruled', id), false, 'bob approved the earlier revision');
  assert.equal((await slipway('alice', 'pr', 'merge', 'ruled', id, '--strategy', 'three-way', '--json')).code, 1);
});

test('CodeCommit approval rules (approval pool members): only approvals from the pool count towards the rule', async () => {
  const id = await openPr('ruled', 'release');
  await slipway('bob', 'pr', 'approve', 'ruled', id);
  assert.equal(await mergeable('ruled', id), false, 'bob is not in the pool');
  await slipway('lead', 'pr', 'approve', 'ruled', id);
  assert.equal(await mergeable('ruled', id), true);
});

test('CodeCommit MergePullRequestByFastForward: refused when the destination has moved on (ManualMergeRequiredException), three-way still merges', async () => {
  git(plain.work, ['checkout', '-q', '-b', 'topic']);
  commit(plain.work, { 'topic.txt': 't\n' }, 'topic');
  git(plain.work, ['push', '-q', 'origin', 'topic']);
  const id = await openPr('plain', 'main', 'topic');
  git(plain.work, ['checkout', '-q', 'main']);
  commit(plain.work, { 'other.txt': 'moved on\n' }, 'main moves');
  git(plain.work, ['push', '-q', 'origin', 'main']);
  const ff = await slipway('alice', 'pr', 'merge', 'plain', id, '--strategy', 'fast-forward', '--json');
  assert.equal(ff.code, 1, ff.stdout);
  assert.match(ff.stdout + ff.stderr, /fast-forward/i);
  assert.equal((await slipway('alice', 'pr', 'merge', 'plain', id, '--strategy', 'three-way')).code, 0);
});

test('CodeCommit CreatePullRequest: the source and destination must differ (SourceAndDestinationAreSameException)', async () => {
  const same = await slipway('alice', 'pr', 'create', 'plain', '--source', 'main', '--destination', 'main', '--title', 'x');
  assert.equal(same.code, 2);
});

test('CodeCommit DeleteBranch: the default branch cannot be deleted (DefaultBranchCannotBeDeletedException), by a push or through the API; another branch can', async () => {
  const pushed = gitTry(plain.work, ['push', 'origin', '--delete', 'main']);
  assert.notEqual(pushed.status, 0);
  assert.match(pushed.stderr, /DefaultBranchCannotBeDeletedException: The specified branch is the default branch for the repository, and cannot be deleted\. To delete this branch, you must first set another branch as the default branch\./);
  assert.doesNotMatch(pushed.stderr, /receive\.denyDeleteCurrent/, 'CodeCommit\'s words, not git\'s');
  assert.match(git(plain.work, ['ls-remote', 'origin', 'main']), /refs\/heads\/main/);

  assert.equal((await slipway('dev@example.com', 'repo', 'grant', 'plain', 'api-user', 'admin')).code, 0);
  const store = new StateStore(path.join(root, 'home'));
  const call = (operation: string, input: Record<string, unknown>) => codecommitService.operations[operation](input, { store, user: 'api-user', accountId: '000000000000', region: 'us-east-1', requestId: 'r' });
  await assert.rejects(call('DeleteBranch', { repositoryName: 'plain', branchName: 'main' }), (error: AwsError) => error.code === 'DefaultBranchCannotBeDeletedException' && /is the default branch for the repository/.test(error.message));
  git(plain.work, ['push', '-q', 'origin', 'main:doomed']);
  assert.deepEqual(await call('DeleteBranch', { repositoryName: 'plain', branchName: 'doomed' }), { deletedBranch: { branchName: 'doomed', commitId: git(plain.work, ['rev-parse', 'main']).trim() } });
  // Once another branch is the default, the old one can go (UpdateDefaultBranch first, as the message says).
  git(plain.work, ['push', '-q', 'origin', 'main:next']);
  await call('UpdateDefaultBranch', { repositoryName: 'plain', defaultBranchName: 'next' });
  assert.equal(gitTry(plain.work, ['push', 'origin', '--delete', 'main']).status, 0);
  await assert.rejects(call('DeleteBranch', { repositoryName: 'plain', branchName: 'next' }), /DefaultBranchCannotBeDeletedException|default branch/);
});

test('CodeCommit CreatePullRequest / UpdatePullRequestTitle: a title over 150 characters is InvalidTitleException, a description over 10,240 InvalidDescriptionException (CLI and API); at the limits they are taken', async () => {
  const long = 'x'.repeat(151);
  const refused = await slipway('alice', 'pr', 'create', 'plain', '--source', 'feature-limits', '--destination', 'next', '--title', long);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /Pull request titles cannot exceed 150 characters in length \(this one has 151\)/);
  const description = await slipway('alice', 'pr', 'create', 'plain', '--source', 'feature-limits', '--destination', 'next', '--title', 't', '--description', 'd'.repeat(10241));
  assert.equal(description.code, 2);
  assert.match(description.stderr, /Descriptions cannot be more than 10,240 characters/);

  // (the default branch is `next` since the DeleteBranch scenario)
  git(plain.work, ['push', '-q', 'origin', 'main:feature-limits']);
  commit(plain.work, { 'limits.txt': 'l\n' }, 'limits');
  git(plain.work, ['push', '-q', 'origin', 'HEAD:feature-limits']);
  const fits = await slipway('alice', 'pr', 'create', 'plain', '--source', 'feature-limits', '--destination', 'next', '--title', 'x'.repeat(150), '--description', 'd'.repeat(10240), '--json');
  assert.equal(fits.code, 0, fits.stderr);

  const store = new StateStore(path.join(root, 'home'));
  const call = (operation: string, input: Record<string, unknown>) => codecommitService.operations[operation](input, { store, user: 'api-user', accountId: '000000000000', region: 'us-east-1', requestId: 'r' });
  const pullRequestId = fits.json.pullRequest.pullRequestId;
  await assert.rejects(call('UpdatePullRequestTitle', { pullRequestId, title: long }), (error: AwsError) => error.code === 'InvalidTitleException');
  await assert.rejects(call('UpdatePullRequestDescription', { pullRequestId, description: 'd'.repeat(10241) }), (error: AwsError) => error.code === 'InvalidDescriptionException');
  await assert.rejects(call('CreatePullRequest', { title: long, targets: [{ repositoryName: 'plain', sourceReference: 'feature-limits' }] }), (error: AwsError) => error.code === 'InvalidTitleException');
});
