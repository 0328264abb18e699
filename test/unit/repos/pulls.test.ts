import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { NotFoundError } from '../../../runtime/common/errors';
import { StateStore } from '../../../runtime/common/state';
import { getPullRequest } from '../../../runtime/repos/pulls';
import { approvePull, commentOn, describePullRequest } from '../../../runtime/repos/review';
import { repoPath } from '../../../runtime/repos/store';
import { commit, git, seededRepo, slipway, tempAccount } from './helpers';

const { root, home } = tempAccount();

/** A repository with `main` protected (1 approval) and a pushed feature branch. */
async function withFeature(name: string, files: Record<string, string> = { 'src/feature.js': 'export const feature = 1;\n' }) {
  const seeded = await seededRepo(root, name);
  await slipway('admin', 'repo', 'rule', 'add', name, '--branch', 'main', '--require-pull-request', '--approvals', '1');
  git(seeded.work, ['checkout', '-q', '-b', 'feature']);
  commit(seeded.work, files, 'feature work');
  git(seeded.work, ['push', '-q', 'origin', 'feature']);
  const pr = await slipway('alice', 'pr', 'create', name, '--source', 'feature', '--destination', 'main', '--title', 'Add the feature', '--description', 'Why: users asked.', '--json');
  assert.equal(pr.code, 0, pr.stderr);
  return { ...seeded, id: pr.json.pullRequest.slipway.number as string, created: pr.json.pullRequest };
}

test('create, describe with changed files, comment threads with replies and resolve', async () => {
  const { id, created } = await withFeature('review');
  assert.equal(id, '1');
  assert.equal(created.pullRequestStatus, 'OPEN');
  assert.deepEqual(created.slipway.files, [{ status: 'A', path: 'src/feature.js' }]);
  const first = await slipway('bob', 'pr', 'comment', 'review', id, '--body', 'Name this better', '--file', 'src/feature.js', '--line', '1', '--json');
  assert.equal(first.code, 0, first.stderr);
  // PostCommentForPullRequest's response: where the thread is, and its first comment.
  assert.equal(first.json.location.filePath, 'src/feature.js');
  assert.equal(first.json.comment.content, 'Name this better');
  const reply = await slipway('alice', 'pr', 'comment', 'review', id, '--body', 'Renamed', '--reply-to', first.json.comment.commentId, '--json');
  assert.deepEqual(Object.keys(reply.json), ['comment'], 'a reply answers as PostCommentReply does');
  assert.equal(reply.json.comment.inReplyTo, first.json.comment.commentId);
  await slipway('bob', 'pr', 'comment', 'review', id, '--body', 'Overall fine');
  assert.equal((await slipway('bob', 'pr', 'resolve', 'review', id, first.json.comment.commentId)).code, 0);
  const threads = (await slipway('bob', 'pr', 'describe', 'review', id, '--json')).json.pullRequest.slipway.commentsForPullRequestData;
  assert.equal(threads.length, 2);
  assert.deepEqual(threads[0].comments.map((c: { authorArn: string; content: string }) => `${c.authorArn.split('/').at(-1)}: ${c.content}`), ['bob: Name this better', 'alice: Renamed']);
  assert.deepEqual(threads[0].location, { filePath: 'src/feature.js', filePosition: 1, relativeFileVersion: 'AFTER' });
  assert.equal(threads[0].slipway.resolved, true);
  assert.equal(threads[1].slipway.resolved, false);
  const bad = await slipway('bob', 'pr', 'comment', 'review', id, '--body', 'x', '--line', '0', '--file', 'a');
  assert.equal(bad.code, 2);
});

test('merge is refused until approved; the author cannot approve; squash leaves one commit on main', async () => {
  const { id, work } = await withFeature('squashing');
  const early = await slipway('alice', 'pr', 'merge', 'squashing', id, '--strategy', 'squash', '--json');
  assert.equal(early.code, 1);
  // MergePullRequestBySquash's error: the exception name and message, as the CodeCommit API answers.
  assert.equal(early.json.__type, 'PullRequestApprovalRulesNotSatisfiedException');
  assert.match(early.json.message, /approval rules are not met: main needs 1 approval \(rule main; has 0\)/);
  assert.equal((await slipway('alice', 'pr', 'approve', 'squashing', id)).code, 2);
  const approved = await slipway('bob', 'pr', 'approve', 'squashing', id);
  assert.equal(approved.code, 0, approved.stderr);
  assert.match(approved.stdout, /^bob approved #1 OPEN feature → main: Add the feature \[1\/1 rule main\]/, 'says who approved what');
  const merged = await slipway('alice', 'pr', 'merge', 'squashing', id, '--strategy', 'squash', '--json');
  assert.equal(merged.code, 0, merged.stderr);
  assert.equal(merged.json.pullRequest.pullRequestStatus, 'CLOSED');
  assert.equal(merged.json.pullRequest.pullRequestTargets[0].mergeMetadata.isMerged, true);
  assert.equal(merged.json.pullRequest.pullRequestTargets[0].mergeMetadata.mergeOption, 'SQUASH_MERGE');
  git(work, ['fetch', '-q', 'origin']);
  const log = git(work, ['log', '--format=%s|%P', 'origin/main']).trim().split('\n');
  assert.equal(log.length, 2);
  assert.match(log[0], /^Add the feature \(#1\)\|[0-9a-f]{40}$/, 'one parent: a squash');
  assert.equal(git(work, ['show', 'origin/main:src/feature.js']), 'export const feature = 1;\n');
  const late = await slipway('bob', 'pr', 'approve', 'squashing', id);
  assert.equal(late.code, 2, late.stderr);
});

test('three-way merge makes a merge commit with both parents; a new push resets approvals', async () => {
  const { id, work, url } = await withFeature('threeway');
  await slipway('bob', 'pr', 'approve', 'threeway', id);
  commit(work, { 'src/more.js': 'more\n' }, 'more work');
  git(work, ['push', '-q', 'origin', 'feature']);
  const stale = await slipway('alice', 'pr', 'merge', 'threeway', id, '--strategy', 'three-way');
  assert.equal(stale.code, 1);
  assert.match(stale.stderr, /has 0/);
  await slipway('bob', 'pr', 'approve', 'threeway', id);
  // main moved meanwhile (an allowed pusher), so this is a real three-way merge.
  await slipway('admin', 'repo', 'rule', 'add', 'threeway', '--branch', 'main', '--require-pull-request', '--approvals', '1', '--allow-push', 'carol');
  git(work, ['checkout', '-q', 'main']);
  commit(work, { 'docs.md': 'docs\n' }, 'docs on main');
  git(work, ['push', '-q', 'origin', 'main'], { SLIPWAY_USER: 'carol' });
  const merged = await slipway('alice', 'pr', 'merge', 'threeway', id, '--strategy', 'three-way', '--json');
  assert.equal(merged.code, 0, merged.stderr);
  git(work, ['fetch', '-q', url, 'main']);
  const parents = git(work, ['log', '-1', '--format=%P', 'FETCH_HEAD']).trim().split(' ');
  assert.equal(parents.length, 2);
  assert.equal(parents[1], git(work, ['rev-parse', 'feature']).trim());
});

test('fast-forward is refused when main has moved, and conflicts are listed by file', async () => {
  const { id, work } = await withFeature('conflicting', { 'src/app.js': 'feature version\n' });
  await slipway('bob', 'pr', 'approve', 'conflicting', id);
  await slipway('admin', 'repo', 'rule', 'add', 'conflicting', '--branch', 'main', '--require-pull-request', '--approvals', '1', '--allow-push', 'carol');
  git(work, ['checkout', '-q', 'main']);
  commit(work, { 'src/app.js': 'main version\n' }, 'main changes app.js');
  git(work, ['push', '-q', 'origin', 'main'], { SLIPWAY_USER: 'carol' });
  const ff = await slipway('alice', 'pr', 'merge', 'conflicting', id, '--strategy', 'fast-forward', '--json');
  assert.equal(ff.code, 1);
  assert.equal(ff.json.__type, 'ManualMergeRequiredException');
  assert.match(ff.json.message, /fast-forward is impossible: main has 1 commit that feature lacks/);
  const conflict = await slipway('alice', 'pr', 'merge', 'conflicting', id, '--strategy', 'three-way', '--json');
  assert.equal(conflict.code, 1);
  assert.equal(conflict.json.__type, 'ManualMergeRequiredException');
  assert.deepEqual(conflict.json.slipway.conflicts, ['src/app.js']);
  assert.match(conflict.json.message, /conflicts with main in src\/app\.js/);
  const ok = await slipway('alice', 'pr', 'describe', 'conflicting', id, '--json');
  assert.equal(ok.json.pullRequest.pullRequestStatus, 'OPEN');
  assert.deepEqual(ok.json.pullRequest.slipway.conflicts, ['src/app.js']);
});

test('fast-forward merge moves main to the source commit', async () => {
  const { id, work } = await withFeature('ff');
  await slipway('bob', 'pr', 'approve', 'ff', id);
  assert.equal((await slipway('alice', 'pr', 'merge', 'ff', id, '--strategy', 'fast-forward')).code, 0);
  assert.equal(git(work, ['ls-remote', 'origin', 'main']).split('\t')[0], git(work, ['rev-parse', 'feature']).trim());
});

test('concurrent comments and approvals from two users are all kept', async () => {
  const { id } = await withFeature('concurrent');
  const store = new StateStore(home);
  const writes = [];
  for (let i = 0; i < 8; i++) {
    writes.push(commentOn(store, 'concurrent', id, 'bob', { body: `bob ${i}` }));
    writes.push(commentOn(store, 'concurrent', id, 'carol', { body: `carol ${i}`, file: 'src/feature.js', line: 1 }));
  }
  writes.push(approvePull(store, 'concurrent', id, 'bob', true));
  writes.push(approvePull(store, 'concurrent', id, 'carol', true));
  await Promise.all(writes);
  const pr = (await slipway('x', 'pr', 'describe', 'concurrent', id, '--json')).json;
  assert.equal(pr.pullRequest.slipway.commentsForPullRequestData.length, 16);
  assert.deepEqual(pr.pullRequest.slipway.approvals.map((a: { userArn: string }) => a.userArn.split('/').at(-1)).sort(), ['bob', 'carol']);
});

test('a change answers with the pull request as a later read sees it; an id is a name, not a ref pattern', async () => {
  const { id } = await withFeature('answers');
  const store = new StateStore(home);
  const gitDir = repoPath(store, 'answers');
  const changes = [async () => (await commentOn(store, 'answers', id, 'bob', { body: 'a comment', file: 'src/feature.js', line: 1 })).pr, () => approvePull(store, 'answers', id, 'bob', true)];
  for (const change of changes) {
    const answer = await change();
    const read = await describePullRequest(store, 'answers', id);
    for (const [key, value] of Object.entries(answer)) assert.deepEqual(value, read[key as keyof typeof read], key);
  }
  assert.equal((await getPullRequest(gitDir, id)).approvals.length, 1);
  // for-each-ref would read these as patterns matching pull request 1.
  for (const pattern of ['*', '?', '[1]', `${id}*`]) {
    await assert.rejects(getPullRequest(gitDir, pattern), NotFoundError, pattern);
  }
});

test('review refs travel with a mirror clone', async () => {
  const { id, url } = await withFeature('templated');
  await slipway('bob', 'pr', 'comment', 'templated', id, '--body', 'kept');
  const mirror = path.join(root, 'templated-mirror.git');
  git(root, ['clone', '-q', '--mirror', url, mirror]);
  assert.match(git(mirror, ['log', '-1', '--format=%B', 'refs/slipway/pull-requests/1']), /"body":"kept"/);
});
