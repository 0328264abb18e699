// Scenario tests of CodeCommit behaviours, each named after the AWS page it follows.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { commit, git, seededRepo, slipway, tempAccount } from './helpers';

const { root } = tempAccount();

/** A seeded repository with a pushed `feature` branch changing src/feature.js (three lines). */
async function withBranch(name: string, files: Record<string, string> = { 'src/feature.js': 'a\nb\nc\n' }) {
  const seeded = await seededRepo(root, name);
  git(seeded.work, ['checkout', '-q', '-b', 'feature']);
  commit(seeded.work, files, 'feature work');
  git(seeded.work, ['push', '-q', 'origin', 'feature']);
  return seeded;
}

async function openPr(name: string, title = 'Change'): Promise<string> {
  const pr = await slipway('alice', 'pr', 'create', name, '--source', 'feature', '--destination', 'main', '--title', title, '--json');
  assert.equal(pr.code, 0, pr.stderr);
  return pr.json.pullRequest.slipway.number as string;
}

test('CodeCommit DeleteApprovalRuleTemplate: refused while associated; deleting never removes rules already created on pull requests', async () => {
  await withBranch('tmpl-delete');
  assert.equal((await slipway('admin', 'pr', 'template', 'create', 'leads-delete', '--approvals', '1', '--approver', 'lead', '--repository', 'tmpl-delete')).code, 0);
  const id = await openPr('tmpl-delete');

  const inUse = await slipway('admin', 'pr', 'template', 'delete', 'leads-delete');
  assert.equal(inUse.code, 2);
  assert.match(inUse.stderr, /associated with tmpl-delete; disassociate it first/);

  assert.equal((await slipway('admin', 'pr', 'template', 'disassociate', 'leads-delete', '--repository', 'tmpl-delete')).code, 0);
  const deleted = await slipway('admin', 'pr', 'template', 'delete', 'leads-delete');
  assert.equal(deleted.code, 0, deleted.stderr);

  // The pull request keeps the rule it got: it still needs lead's approval.
  const blocked = await slipway('alice', 'pr', 'merge', 'tmpl-delete', id, '--strategy', 'three-way', '--json');
  assert.equal(blocked.code, 1);
  assert.equal(blocked.json.__type, 'PullRequestApprovalRulesNotSatisfiedException');
  assert.match(blocked.json.message, /main needs 1 approval from lead \(template leads-delete; has 0\)/);
  await slipway('lead', 'pr', 'approve', 'tmpl-delete', id);
  assert.equal((await slipway('alice', 'pr', 'merge', 'tmpl-delete', id, '--strategy', 'three-way')).code, 0);
});

test('CodeCommit associate-template-with-repository: a template applies only to pull requests created after the association', async () => {
  await withBranch('tmpl-after');
  const before = await openPr('tmpl-after', 'before');
  assert.equal((await slipway('admin', 'pr', 'template', 'create', 'leads-after', '--approvals', '1', '--approver', 'lead')).code, 0);
  assert.equal((await slipway('admin', 'pr', 'template', 'associate', 'leads-after', '--repository', 'tmpl-after')).code, 0);
  const after = await openPr('tmpl-after', 'after');

  const old = (await slipway('x', 'pr', 'describe', 'tmpl-after', before, '--json')).json;
  assert.deepEqual(old.pullRequest.approvalRules, []);
  assert.equal(old.pullRequest.slipway.mergeable, true);
  const fresh = (await slipway('x', 'pr', 'describe', 'tmpl-after', after, '--json')).json;
  assert.deepEqual(fresh.pullRequest.approvalRules.map((r: { approvalRuleName: string; originApprovalRuleTemplate?: { approvalRuleTemplateName: string } }) => [r.approvalRuleName, r.originApprovalRuleTemplate?.approvalRuleTemplateName]), [['leads-after', 'leads-after']]);
  assert.equal(fresh.pullRequest.slipway.mergeable, false);

  // Disassociating does not remove the rule from the pull request either.
  await slipway('admin', 'pr', 'template', 'disassociate', 'leads-after', '--repository', 'tmpl-after');
  assert.equal((await slipway('x', 'pr', 'describe', 'tmpl-after', after, '--json')).json.pullRequest.slipway.mergeable, false);
  assert.equal((await slipway('admin', 'pr', 'template', 'create', 'leads-after', '--approvals', '2')).code, 2, 'CreateApprovalRuleTemplate refuses an existing name');
  assert.equal((await slipway('admin', 'pr', 'template', 'disassociate', 'leads-after', '--repository', 'tmpl-after')).code, 2, 'not associated any more');
});

test('CodeCommit UpdatePullRequestStatus: a closed pull request cannot be reopened; a merged one is CLOSED with isMerged', async () => {
  await withBranch('closing');
  const id = await openPr('closing');
  const closed = await slipway('alice', 'pr', 'close', 'closing', id, '--json');
  assert.equal(closed.json.pullRequest.pullRequestStatus, 'CLOSED');
  assert.equal(closed.json.pullRequest.pullRequestTargets[0].mergeMetadata.isMerged, false);
  assert.equal((await slipway('alice', 'pr', 'reopen', 'closing', id)).code, 2, 'there is no way back to OPEN');
  assert.equal((await slipway('alice', 'pr', 'close', 'closing', id)).code, 2);
  const merge = await slipway('alice', 'pr', 'merge', 'closing', id, '--strategy', 'three-way', '--json');
  assert.equal(merge.code, 1);
  assert.deepEqual(Object.keys(merge.json), ['__type', 'message'], 'the error body of the MergePullRequestBy* operations');
  assert.equal(merge.json.__type, 'PullRequestAlreadyClosedException');
  assert.match(merge.json.message, /is closed/);

  const second = await openPr('closing', 'again');
  const merged = await slipway('alice', 'pr', 'merge', 'closing', second, '--strategy', 'fast-forward', '--json');
  assert.equal(merged.code, 0, merged.stderr);
  assert.equal(merged.json.pullRequest.pullRequestStatus, 'CLOSED');
  assert.equal(merged.json.pullRequest.pullRequestTargets[0].mergeMetadata.isMerged, true);
  // ListPullRequests: account-wide ids, newest first (the numbers this CLI takes beside them).
  const listed = (await slipway('x', 'pr', 'list', 'closing', '--status', 'CLOSED', '--json')).json;
  assert.deepEqual(listed.pullRequestIds, [merged.json.pullRequest.pullRequestId, closed.json.pullRequest.pullRequestId]);
  assert.deepEqual(listed.slipway.pullRequests.map((p: { number: string }) => p.number), [second, id]);
  assert.equal((await slipway('x', 'pr', 'list', 'closing', '--status', 'MERGED')).code, 2);
});

test('CodeCommit MergePullRequestBySquash: the squash commit message contains the source commits\' messages', async () => {
  const { work } = await withBranch('squash-msg');
  commit(work, { 'src/second.js': 'x\n' }, 'second step');
  git(work, ['push', '-q', 'origin', 'feature']);
  const id = await openPr('squash-msg', 'Squash me');
  assert.equal((await slipway('alice', 'pr', 'merge', 'squash-msg', id, '--strategy', 'squash')).code, 0);
  git(work, ['fetch', '-q', 'origin']);
  const message = git(work, ['log', '-1', '--format=%B', 'origin/main']);
  assert.match(message, /^Squash me \(#1\)/);
  assert.match(message, /feature work[\s\S]*second step/, 'oldest first');
});

test('CodeCommit GetMergeConflicts: describe reports conflicting files before a merge is tried', async () => {
  const { work } = await withBranch('conflicts', { 'src/app.js': 'feature side\n' });
  git(work, ['checkout', '-q', 'main']);
  commit(work, { 'src/app.js': 'main side\n' }, 'main moved');
  git(work, ['push', '-q', 'origin', 'main']);
  const id = await openPr('conflicts');
  const pr = (await slipway('x', 'pr', 'describe', 'conflicts', id, '--json')).json;
  assert.equal(pr.pullRequest.slipway.mergeable, false);
  assert.equal(pr.pullRequest.slipway.evaluation.approved, true);
  assert.deepEqual(pr.pullRequest.slipway.conflicts, ['src/app.js']);
});

test('CodeCommit PostCommentForPullRequest: line comments only on files the pull request changes, on lines that exist', async () => {
  await withBranch('comments');
  const id = await openPr('comments');
  const outside = await slipway('bob', 'pr', 'comment', 'comments', id, '--body', 'x', '--file', 'README.md', '--line', '1');
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /README\.md is not changed by pull request 1/);
  const beyond = await slipway('bob', 'pr', 'comment', 'comments', id, '--body', 'x', '--file', 'src/feature.js', '--line', '4');
  assert.equal(beyond.code, 2);
  assert.match(beyond.stderr, /src\/feature\.js has 3 lines/);
  assert.equal((await slipway('bob', 'pr', 'comment', 'comments', id, '--body', 'ok', '--file', 'src/feature.js', '--line', '3')).code, 0);
  assert.equal((await slipway('bob', 'pr', 'comment', 'comments', id, '--body', 'file-level', '--file', 'src/feature.js')).code, 0);
});

test('CodeCommit working with branches: the first branch pushed to an empty repository becomes its default branch', async () => {
  const created = await slipway('dev', 'repo', 'create', 'empty-first', '--json');
  const work = path.join(root, 'empty-first-work');
  git(root, ['init', '-q', '-b', 'trunk', work]);
  commit(work, { 'a.txt': 'a\n' }, 'first');
  const url = created.json.repositoryMetadata.cloneUrlHttp;
  assert.equal(created.json.repositoryMetadata.defaultBranch, undefined, 'an empty repository has no default branch yet');
  git(work, ['push', '-q', url, 'trunk']);
  git(work, ['push', '-q', url, 'trunk:other']);
  const info = (await slipway('dev', 'repo', 'describe', 'empty-first', '--json')).json;
  assert.equal(info.repositoryMetadata.defaultBranch, 'trunk');
  const clone = path.join(root, 'empty-first-clone');
  git(root, ['clone', '-q', url, clone]);
  assert.equal(git(clone, ['branch', '--show-current']).trim(), 'trunk');
});

test('CodeCommit RepositoryTrigger: event names all, updateReference, createReference, deleteReference; old names refused with the new one', async () => {
  await seededRepo(root, 'trigger-names');
  const add = (events: string) => slipway('admin', 'repo', 'trigger', 'add', 'trigger-names', '--name', 't', '--url', 'http://127.0.0.1:9/x', '--secret', 'k', '--events', events, '--json');
  for (const events of ['all', 'updateReference', 'createReference,deleteReference']) assert.equal((await add(events)).code, 0, events);
  const legacy = await add('push');
  assert.equal(legacy.code, 2);
  assert.match(legacy.stderr, /now named as CodeCommit names it: updateReference, createReference, deleteReference/);
  assert.equal((await add('all,updateReference')).code, 2);
  assert.equal((await add('pushed')).code, 2);
});
