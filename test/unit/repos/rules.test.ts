import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { branchMatches } from '../../../runtime/repos/model';
import { checkPush } from '../../../runtime/repos/rules';
import { commit, git, gitTry, seededRepo, slipway, tempAccount } from './helpers';

const { root, home } = tempAccount();

test('branch patterns: * stays within a segment, ** crosses segments', () => {
  assert.ok(branchMatches('main', 'main'));
  assert.ok(!branchMatches('main', 'main2'));
  assert.ok(branchMatches('release/*', 'release/1.0'));
  assert.ok(!branchMatches('release/*', 'release/1.0/hotfix'));
  assert.ok(branchMatches('release/**', 'release/1.0/hotfix'));
});

test('checkPush names the rule and what to do; allow-push users and other branches pass', () => {
  const rules = [{ branch: 'main', requirePullRequest: true, approvals: 1, approvers: [], allowPush: ['release-bot'] }];
  const update = { ref: 'refs/heads/main', oldCommit: 'a'.repeat(40), newCommit: 'b'.repeat(40), kind: 'update' as const };
  const [refusal] = checkPush(rules, 'demo', 'alice', [update]);
  assert.match(refusal.message, /^main requires a pull request with 1 approval: .*slipway pr create demo/);
  assert.deepEqual(checkPush(rules, 'demo', 'release-bot', [update]), []);
  assert.deepEqual(checkPush(rules, 'demo', 'alice', [{ ...update, ref: 'refs/heads/feature' }]), []);
  assert.match(checkPush(rules, 'demo', 'alice', [{ ...update, ref: 'refs/slipway/pull-requests/1' }])[0].message, /only slipway pr commands/);
});

test('a plain git push to a protected branch is refused with the rule and the remedy, and logged', async () => {
  const { work } = await seededRepo(root, 'guarded');
  const added = await slipway('admin', 'repo', 'rule', 'add', 'guarded', '--branch', 'main', '--require-pull-request', '--approvals', '1', '--allow-push', 'release-bot');
  assert.equal(added.code, 0, added.stderr);
  const before = git(work, ['ls-remote', 'origin', 'main']);
  commit(work, { 'src/app.js': 'changed\n' }, 'direct change');

  const refused = gitTry(work, ['push', 'origin', 'main'], { SLIPWAY_USER: 'alice' });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /main requires a pull request with 1 approval/);
  assert.match(refused.stderr, /slipway pr create guarded --source <your-branch> --destination main/);
  assert.equal(git(work, ['ls-remote', 'origin', 'main']), before, 'the branch did not move');

  const activity = fs.readFileSync(path.join(home, 'activity.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(activity.some((e) => e.action === 'GitPush' && e.user === 'alice' && e.result === 'refused' && e.repository === 'guarded'));

  // Another branch is fine, and the allowed user may push directly.
  git(work, ['push', '-q', 'origin', 'HEAD:refs/heads/feature'], { SLIPWAY_USER: 'alice' });
  git(work, ['push', '-q', 'origin', 'main'], { SLIPWAY_USER: 'release-bot' });
  assert.notEqual(git(work, ['ls-remote', 'origin', 'main']), before);

  // Deleting the protected branch and writing review refs are refused too.
  assert.match(gitTry(work, ['push', 'origin', ':main'], { SLIPWAY_USER: 'alice' }).stderr, /main is protected and cannot be deleted/);
  assert.match(gitTry(work, ['push', 'origin', 'HEAD:refs/slipway/pull-requests/9'], { SLIPWAY_USER: 'alice' }).stderr, /only slipway pr commands change/);
});

test('without SLIPWAY_USER the identity is git user.email', async () => {
  const { work } = await seededRepo(root, 'by-email');
  await slipway('admin', 'repo', 'rule', 'add', 'by-email', '--branch', 'main', '--allow-push', 'dev@example.com');
  commit(work, { 'x.txt': 'x\n' }, 'x');
  git(work, ['push', '-q', 'origin', 'main']);
  commit(work, { 'y.txt': 'y\n' }, 'y');
  fs.writeFileSync(path.join(root, 'mallory.gitconfig'), '[user]\n\temail = mallory@example.com\n');
  const refused = gitTry(work, ['push', 'origin', 'main'], { GIT_CONFIG_GLOBAL: path.join(root, 'mallory.gitconfig') });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /push refused for mallory@example.com: main accepts direct pushes only from dev@example.com/);
});
