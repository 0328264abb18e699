// GetRepository's metadata comes from repoSummary, which reads HEAD and the refs where git
// keeps them instead of running git (runtime/repos/repos.ts); in every state below it must say
// what describeRepo (git itself) says: no branch yet, a branch pushed, HEAD moved to another
// branch, refs packed, a nested branch name, a tag that makes the short name ambiguous, a
// detached HEAD, a ref being written (`.lock`).
// https://docs.aws.amazon.com/codecommit/latest/APIReference/API_RepositoryMetadata.html
import '../../../runtime/plugins';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateStore } from '../../../runtime/common/state';
import { createRepo, describeRepo, repoSummary } from '../../../runtime/repos/repos';
import { tempFolder } from '../sandbox';

test('repoSummary says what git says of HEAD and the branches, in every state of the refs', async (t) => {
  const { dir: root } = tempFolder('slipway-repo-summary-', t);
  const store = new StateStore(path.join(root, 'home'));
  const info = await createRepo(store, 'app', { user: 'alice' });
  const gitDir = info.path;
  const git = (...args: string[]) => {
    const run = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  const same = async (state: string) => {
    const described = await describeRepo(store, 'app');
    const summary = await repoSummary(store, 'app');
    assert.deepEqual(
      { defaultBranch: summary.defaultBranch, hasBranches: summary.hasBranches, id: summary.id, createdAt: summary.createdAt },
      { defaultBranch: described.defaultBranch, hasBranches: described.branches.length > 0, id: described.id, createdAt: described.createdAt },
      state,
    );
  };

  await same('a new repository, no branch yet');
  const tree = git('hash-object', '-t', 'tree', '-w', '/dev/null');
  const commit = git('commit-tree', tree, '-m', 'one');
  git('update-ref', 'refs/heads/main', commit);
  await same('main pushed');
  git('update-ref', 'refs/heads/feature/deep/x', commit);
  git('symbolic-ref', 'HEAD', 'refs/heads/feature/deep/x');
  await same('HEAD on a nested branch');
  git('pack-refs', '--all');
  assert.ok(!fs.existsSync(path.join(gitDir, 'refs', 'heads', 'main')), 'the refs are packed');
  await same('refs packed');
  git('update-ref', '-d', 'refs/heads/main');
  git('update-ref', '-d', 'refs/heads/feature/deep/x');
  await same('every branch deleted from packed-refs');
  git('update-ref', 'refs/heads/main', commit);
  git('symbolic-ref', 'HEAD', 'refs/heads/main');
  git('tag', 'main', commit);
  await same('a tag named as the branch (git names it heads/main)');
  git('tag', '-d', 'main');
  git('update-ref', '--no-deref', 'HEAD', commit);
  await same('a detached HEAD');
  git('symbolic-ref', 'HEAD', 'refs/heads/gone');
  fs.writeFileSync(path.join(gitDir, 'refs', 'heads', 'gone.lock'), commit + '\n');
  git('update-ref', '-d', 'refs/heads/main');
  await same('only a ref being written, HEAD on an unborn branch');
});
