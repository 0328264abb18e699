import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { changeShowsInViews } from '../../../runtime/common/state-changes';

const home = path.join(path.sep, 'work', 'app', '.slipway');
const shows = (...parts: string[]) => changeShowsInViews(home, path.join(home, ...parts));

test('records, logs and activity below the state home change what views show', () => {
  assert.equal(shows('builds', 'runs', 'app--1', 'build.json'), true);
  assert.equal(shows('builds', 'runs', 'app--1', 'build.log'), true);
  assert.equal(shows('deployments', 'runs', 'd-ABC', 'deployment.json'), true);
  assert.equal(changeShowsInViews(home, home), true);
});

test("a hosted repository's refs, HEAD and metadata show; git's objects, logs and temporary files do not", () => {
  assert.equal(shows('repos', 'app.git', 'refs', 'heads', 'main'), true);
  assert.equal(shows('repos', 'app.git', 'refs', 'slipway', 'pull-requests', '1'), true);
  assert.equal(shows('repos', 'app.git', 'packed-refs'), true);
  assert.equal(shows('repos', 'app.git', 'HEAD'), true);
  assert.equal(shows('repos', 'app.git', 'slipway.json'), true);
  assert.equal(shows('repos', 'app.git'), true, 'the repository itself appearing or going');
  // What `git merge-tree --write-tree` (the mergeability check a reload runs) freshens: reloading on it never ended.
  assert.equal(shows('repos', 'app.git', 'objects', '2a', '0123456789abcdef0123456789abcdef012345'), false);
  assert.equal(shows('repos', 'app.git', 'objects', 'tmp_objdir-incoming-x'), false);
  assert.equal(shows('repos', 'app.git', 'logs', 'HEAD'), false);
  assert.equal(shows('repos', 'app.git', 'hooks', 'pre-receive'), false);
  assert.equal(shows('repos', 'app.git', 'config'), false);
  assert.equal(shows('repos', 'pull-request-ids.json'), true, 'not inside a repository');
});

test('lock files and the activity log do not; paths outside the home (a changed home) do', () => {
  assert.equal(shows('locks', 'deploy-group-app.lock'), false);
  assert.equal(shows('activity.jsonl'), false, 'no view shows it, and every command appends to it');
  assert.equal(shows('builds', 'activity.jsonl'), true, 'only the home\'s own activity log');
  assert.equal(changeShowsInViews(home, path.join(path.sep, 'elsewhere', 'x.json')), true);
  assert.equal(shows('..', 'sibling.json'), true);
});
