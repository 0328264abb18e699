// Scenario tests of CodeCommit pull request behaviours, each named after the AWS page it follows (one account for the file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commit, git, gitTry, seededRepo, slipway, tempAccount } from './helpers';

const { root } = tempAccount();

async function withPr(name: string, rule?: { approvals: number }) {
  const seeded = await seededRepo(root, name);
  if (rule) assert.equal((await slipway('dev@example.com', 'repo', 'rule', 'add', name, '--branch', 'main', '--require-pull-request', '--approvals', String(rule.approvals))).code, 0);
  git(seeded.work, ['checkout', '-q', '-b', 'feature']);
  commit(seeded.work, { 'src/feature.js': 'one\n' }, 'feature work');
  git(seeded.work, ['push', '-q', 'origin', 'feature']);
  const pr = await slipway('alice', 'pr', 'create', name, '--source', 'feature', '--destination', 'main', '--title', 'Feature', '--json');
  assert.equal(pr.code, 0, pr.stderr);
  return { ...seeded, id: pr.json.pullRequest.slipway.number as string };
}

test('CodeCommit UpdatePullRequestApprovalState: the author of a pull request cannot approve it (PullRequestCannotBeApprovedByAuthorException)', async () => {
  const { id } = await withPr('own-approval', { approvals: 1 });
  const own = await slipway('alice', 'pr', 'approve', 'own-approval', id);
  assert.equal(own.code, 2, own.stdout);
  assert.match(own.stderr, /alice opened pull request \d+ and cannot approve it/);
  assert.equal((await slipway('bob', 'pr', 'approve', 'own-approval', id)).code, 0);
});

test('CodeCommit approval rules: approvals are for a revision — a new commit on the source branch needs approving again', async () => {
  const { id, work } = await withPr('re-approve', { approvals: 1 });
  assert.equal((await slipway('bob', 'pr', 'approve', 're-approve', id)).code, 0);
  assert.equal((await slipway('x', 'pr', 'describe', 're-approve', id, '--json')).json.pullRequest.slipway.mergeable, true);
  commit(work, { 'src/feature.js': 'one\ntwo\n' }, 'more work');
  git(work, ['push', '-q', 'origin', 'feature']);
  const after = (await slipway('x', 'pr', 'describe', 're-approve', id, '--json')).json.pullRequest;
  assert.equal(after.slipway.mergeable, false, JSON.stringify(after.slipway.evaluation));
  const merge = await slipway('alice', 'pr', 'merge', 're-approve', id, '--strategy', 'three-way', '--json');
  assert.equal(merge.code, 1);
});

test('CodeCommit MergePullRequestByFastForward: refused when the destination has moved on (ManualMergeRequiredException), three-way still merges', async () => {
  const { id, work } = await withPr('ff-only');
  git(work, ['checkout', '-q', 'main']);
  commit(work, { 'other.txt': 'moved on\n' }, 'main moves');
  git(work, ['push', '-q', 'origin', 'main']);
  const ff = await slipway('alice', 'pr', 'merge', 'ff-only', id, '--strategy', 'fast-forward', '--json');
  assert.equal(ff.code, 1, ff.stdout);
  assert.match(ff.stdout + ff.stderr, /fast-forward/i);
  assert.equal((await slipway('alice', 'pr', 'merge', 'ff-only', id, '--strategy', 'three-way')).code, 0);
});

test('CodeCommit DeleteBranch: the default branch cannot be deleted (DefaultBranchCannotBeDeletedException)', async () => {
  const { work } = await seededRepo(root, 'keep-default');
  const pushed = gitTry(work, ['push', 'origin', '--delete', 'main']);
  assert.notEqual(pushed.status, 0);
  assert.match(pushed.stderr, /refusing to delete the current branch: refs\/heads\/main/);
});

test('CodeCommit CreatePullRequest: the source and destination must differ (SourceAndDestinationAreSameException)', async () => {
  await seededRepo(root, 'same-branch');
  const same = await slipway('alice', 'pr', 'create', 'same-branch', '--source', 'main', '--destination', 'main', '--title', 'x');
  assert.equal(same.code, 2);
});

test('CodeCommit approval rules (approval pool members): only approvals from the pool count towards the rule', async () => {
  const seeded = await seededRepo(root, 'pool');
  assert.equal((await slipway('dev@example.com', 'repo', 'rule', 'add', 'pool', '--branch', 'main', '--require-pull-request', '--approvals', '1', '--approver', 'lead')).code, 0);
  git(seeded.work, ['checkout', '-q', '-b', 'feature']);
  commit(seeded.work, { 'f.txt': 'f\n' }, 'f');
  git(seeded.work, ['push', '-q', 'origin', 'feature']);
  const id = (await slipway('alice', 'pr', 'create', 'pool', '--source', 'feature', '--destination', 'main', '--title', 'F', '--json')).json.pullRequest.slipway.number as string;
  await slipway('bob', 'pr', 'approve', 'pool', id);
  assert.equal((await slipway('x', 'pr', 'describe', 'pool', id, '--json')).json.pullRequest.slipway.mergeable, false, 'bob is not in the pool');
  await slipway('lead', 'pr', 'approve', 'pool', id);
  assert.equal((await slipway('x', 'pr', 'describe', 'pool', id, '--json')).json.pullRequest.slipway.mergeable, true);
});
