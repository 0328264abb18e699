// Scenario tests: `slipway pr` refusals that CodeCommit names with an exception print that
// exception's JSON error body under --json, and the API endpoint answers the same name.
// Each test is named after the CodeCommit API Reference page whose "Errors" list it follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codecommitService } from '../../../runtime/api/codecommit';
import { accountPullId } from '../../../runtime/api/codecommit/pull-ids';
import type { CallContext } from '../../../runtime/api/types';
import { StateStore } from '../../../runtime/common/state';
import { grant } from '../../../runtime/repos/settings';
import { caller, errorCode } from '../api/helpers';
import { commit, git, seededRepo, slipway, tempAccount } from './helpers';

const { root, home } = tempAccount();
const store = new StateStore(home);
const as = (user: string): CallContext => ({ store, user, accountId: '000000000000', region: 'us-east-1', requestId: 't', endpoint: 'http://127.0.0.1:4566' });
const owner = caller(codecommitService, as('dev@example.com'));

async function repoWithPr(name: string): Promise<string> {
  const seeded = await seededRepo(root, name);
  // The API checks repository permissions: the owner and a reviewer of these repositories.
  grant(store, name, 'dev@example.com', 'admin', 'dev@example.com');
  grant(store, name, 'bob', 'write', 'dev@example.com');
  git(seeded.work, ['checkout', '-q', '-b', 'feature']);
  commit(seeded.work, { 'src/feature.js': 'a\nb\nc\n' }, 'feature work');
  git(seeded.work, ['push', '-q', 'origin', 'feature']);
  const pr = await slipway('dev@example.com', 'pr', 'create', name, '--source', 'feature', '--destination', 'main', '--title', 'Change', '--json');
  assert.equal(pr.code, 0, pr.stderr);
  return pr.json.pullRequest.slipway.number as string;
}

/** A refusal under --json: exit 2, one JSON document `{__type, message}` on stdout, the one-line reason on stderr. */
async function refused(user: string, argv: string[], exception: string, words: RegExp): Promise<void> {
  const result = await slipway(user, ...argv, '--json');
  assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
  assert.deepEqual(Object.keys(result.json ?? {}), ['__type', 'message'], `${argv.join(' ')} prints the error body on stdout`);
  assert.equal(result.json.__type, exception);
  assert.match(result.json.message, words);
  assert.match(result.stderr, words);
}

test('CodeCommit UpdatePullRequestApprovalState errors: approving one\'s own pull request is PullRequestCannotBeApprovedByAuthorException, a closed one PullRequestAlreadyClosedException (CLI --json and API)', async () => {
  const id = await repoWithPr('refuse-approve');
  await refused('dev@example.com', ['pr', 'approve', 'refuse-approve', id], 'PullRequestCannotBeApprovedByAuthorException', /opened pull request \d+ and cannot approve it/);
  const pullRequestId = accountPullId(store, 'refuse-approve', id);
  const { revisionId } = (await owner('GetPullRequest', { pullRequestId })).pullRequest;
  assert.equal(await errorCode(owner('UpdatePullRequestApprovalState', { pullRequestId, revisionId, approvalState: 'APPROVE' })), 'PullRequestCannotBeApprovedByAuthorException');

  assert.equal((await slipway('dev@example.com', 'pr', 'close', 'refuse-approve', id)).code, 0);
  await refused('bob', ['pr', 'approve', 'refuse-approve', id], 'PullRequestAlreadyClosedException', /is closed: cannot approve it/);
  assert.equal(await errorCode(caller(codecommitService, as('bob'))('UpdatePullRequestApprovalState', { pullRequestId, revisionId, approvalState: 'APPROVE' })), 'PullRequestAlreadyClosedException');
});

test('CodeCommit UpdatePullRequestStatus: `pr close` of a closed pull request is PullRequestAlreadyClosedException; the API takes CLOSED to CLOSED unchanged and refuses OPEN (InvalidPullRequestStatusUpdateException)', async () => {
  const id = await repoWithPr('refuse-close');
  assert.equal((await slipway('dev@example.com', 'pr', 'close', 'refuse-close', id)).code, 0);
  await refused('dev@example.com', ['pr', 'close', 'refuse-close', id], 'PullRequestAlreadyClosedException', /is closed: cannot close it/);
  const pullRequestId = accountPullId(store, 'refuse-close', id);
  // "The only valid operations are to update the status from OPEN to OPEN, OPEN to CLOSED or from CLOSED to CLOSED."
  assert.equal((await owner('UpdatePullRequestStatus', { pullRequestId, pullRequestStatus: 'CLOSED' })).pullRequest.pullRequestStatus, 'CLOSED');
  assert.equal(await errorCode(owner('UpdatePullRequestStatus', { pullRequestId, pullRequestStatus: 'OPEN' })), 'InvalidPullRequestStatusUpdateException');
});

test('CodeCommit CreatePullRequest errors: SourceAndDestinationAreSameException, ReferenceDoesNotExistException, TitleRequiredException, InvalidTitleException (CLI --json)', async () => {
  await repoWithPr('refuse-create');
  const create = (source: string, destination: string, title: string) => ['pr', 'create', 'refuse-create', '--source', source, '--destination', destination, '--title', title];
  await refused('dev@example.com', create('feature', 'feature', 'x'), 'SourceAndDestinationAreSameException', /same branch/);
  await refused('dev@example.com', create('nope', 'main', 'x'), 'ReferenceDoesNotExistException', /has no branch "nope"/);
  await refused('dev@example.com', create('feature', 'gone', 'x'), 'ReferenceDoesNotExistException', /has no branch "gone"/);
  await refused('dev@example.com', create('feature', 'main', '   '), 'TitleRequiredException', /needs a --title/);
  await refused('dev@example.com', create('feature', 'main', 't'.repeat(151)), 'InvalidTitleException', /cannot exceed 150 characters/);
  await refused('dev@example.com', ['pr', 'list', 'refuse-create', '--status', 'MERGED'], 'InvalidPullRequestStatusException', /must be OPEN or CLOSED/);
});

test('CodeCommit PostCommentForPullRequest / PostCommentReply errors: CommentContentRequiredException, PathDoesNotExistException, InvalidFilePositionException, CommentDoesNotExistException (CLI --json and API)', async () => {
  const id = await repoWithPr('refuse-comment');
  const comment = (...more: string[]) => ['pr', 'comment', 'refuse-comment', id, ...more];
  await refused('bob', comment('--body', '  '), 'CommentContentRequiredException', /needs a --body/);
  await refused('bob', comment('--body', 'hi', '--file', 'README.md'), 'PathDoesNotExistException', /README\.md is not changed by pull request/);
  await refused('bob', comment('--body', 'hi', '--file', 'src/feature.js', '--line', '4'), 'InvalidFilePositionException', /has 3 lines .* --line 4 is beyond it/);
  await refused('bob', comment('--body', 'hi', '--reply-to', 'c-missing'), 'CommentDoesNotExistException', /has no comment c-missing/);

  const pullRequestId = accountPullId(store, 'refuse-comment', id);
  const target = (await owner('GetPullRequest', { pullRequestId })).pullRequest.pullRequestTargets[0];
  const post = (filePosition: number) =>
    owner('PostCommentForPullRequest', { pullRequestId, repositoryName: 'refuse-comment', beforeCommitId: target.destinationCommit, afterCommitId: target.sourceCommit, content: 'hi', location: { filePath: 'src/feature.js', filePosition, relativeFileVersion: 'AFTER' } });
  assert.equal(await errorCode(post(9)), 'InvalidFilePositionException');
  assert.equal((await post(3)).comment.content, 'hi');
});

test('a refusal without a CodeCommit exception stays a one-line reason on stderr with nothing on stdout', async () => {
  const id = await repoWithPr('refuse-plain');
  const result = await slipway('bob', 'pr', 'revoke', 'refuse-plain', id, '--json');
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /bob has not approved pull request \d+/);
});

test('CodeCommit GetPullRequest / GetRepository errors: a pull request or repository that does not exist is PullRequestDoesNotExistException / RepositoryDoesNotExistException under --json (exit 2)', async () => {
  await repoWithPr('refuse-missing');
  const missingPr = await slipway('bob', 'pr', 'describe', 'refuse-missing', '999', '--json');
  assert.equal(missingPr.code, 2);
  assert.equal(missingPr.json.__type, 'PullRequestDoesNotExistException');
  assert.match(missingPr.json.message, /no pull request 999 in refuse-missing/);
  const missingRepo = await slipway('bob', 'pr', 'list', 'no-such-repo', '--json');
  assert.equal(missingRepo.code, 2);
  assert.equal(missingRepo.json.__type, 'RepositoryDoesNotExistException');
  assert.equal((await slipway('bob', 'pr', 'describe', 'refuse-missing', '999')).stdout, '', 'without --json nothing reaches stdout');
});
