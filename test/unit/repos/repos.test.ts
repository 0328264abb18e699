import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { commit, git, gitTry, seededRepo, slipway, tempAccount } from './helpers';

const { root, home } = tempAccount();

test('a created repository is a bare repo in the state home that plain git clones, pushes and fetches, tags included', async () => {
  const { url, work } = await seededRepo(root, 'demo');
  assert.equal(url, path.join(home, 'repos', 'demo.git'));
  git(work, ['tag', '-a', 'v1.0', '-m', 'first release']);
  git(work, ['push', '-q', 'origin', 'v1.0']);
  const other = path.join(root, 'other');
  git(root, ['clone', '-q', url, other]);
  assert.equal(git(other, ['tag']).trim(), 'v1.0');
  commit(other, { 'b.txt': 'b\n' }, 'from other');
  git(other, ['push', '-q']);
  git(work, ['pull', '-q']);
  assert.equal(fs.readFileSync(path.join(work, 'b.txt'), 'utf8'), 'b\n');
  const described = await slipway('dev@example.com', 'repo', 'describe', 'demo', '--json');
  assert.equal(described.code, 0);
  assert.equal(described.json.repositoryMetadata.defaultBranch, 'main');
  assert.deepEqual(described.json.repositoryMetadata.slipway.branches.map((b: { name: string }) => b.name), ['main']);
  assert.deepEqual(described.json.repositoryMetadata.slipway.tags, ['v1.0']);
  const listed = await slipway('dev@example.com', 'repo', 'list', '--json');
  assert.ok(listed.json.repositories.some((r: { repositoryName: string; repositoryId: string }) => r.repositoryName === 'demo' && r.repositoryId === described.json.repositoryMetadata.repositoryId));
});

test('submodules between hosted repositories clone recursively', async () => {
  const lib = await seededRepo(root, 'lib');
  const app = await seededRepo(root, 'app');
  git(app.work, ['submodule', 'add', '-q', lib.url, 'vendor/lib']);
  git(app.work, ['commit', '-q', '-m', 'add lib']);
  git(app.work, ['push', '-q']);
  const clone = path.join(root, 'app-recursive');
  git(root, ['clone', '-q', '--recurse-submodules', app.url, clone]);
  assert.ok(fs.existsSync(path.join(clone, 'vendor', 'lib', 'src', 'app.js')));
});

test('bad names and duplicates are refused with exit 2', async () => {
  assert.equal((await slipway('dev', 'repo', 'create', 'bad name')).code, 2);
  assert.equal((await slipway('dev', 'repo', 'create', 'x.git')).code, 2);
  await slipway('dev', 'repo', 'create', 'dup');
  const again = await slipway('dev', 'repo', 'create', 'dup');
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);
  const missing = await slipway('dev', 'repo', 'describe', 'nope');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no repository named "nope"/);
});

test('import mirrors every ref of an existing repository; backup and restore carry pull request refs', async () => {
  const { work } = await seededRepo(root, 'source');
  git(work, ['checkout', '-q', '-b', 'feature']);
  commit(work, { 'f.txt': 'feature\n' }, 'feature work');
  git(work, ['push', '-q', 'origin', 'feature']);
  const imported = await slipway('dev', 'repo', 'import', 'copy', '--from', path.join(home, 'repos', 'source.git'), '--json');
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(imported.json.repositoryMetadata.slipway.branches.map((b: { name: string }) => b.name).sort(), ['feature', 'main']);
  await seededRepo(root, 'single');
  const importedOne = await slipway('dev', 'repo', 'import', 'single-copy', '--from', path.join(home, 'repos', 'single.git'));
  assert.equal(importedOne.code, 0, importedOne.stderr);
  assert.match(importedOne.stdout, /^imported single-copy \(1 branch, 0 tags\)/);
  assert.ok(fs.existsSync(path.join(home, 'repos', 'copy.git', 'hooks', 'pre-receive')));

  const pr = await slipway('alice', 'pr', 'create', 'copy', '--source', 'feature', '--destination', 'main', '--title', 'Add feature', '--json');
  assert.equal(pr.code, 0, pr.stderr);
  await slipway('bob', 'pr', 'comment', 'copy', pr.json.pullRequest.slipway.number, '--body', 'looks good');
  const backup = await slipway('dev', 'repo', 'backup', 'copy', '--to', path.join(root, 'backups'), '--json');
  assert.equal(backup.code, 0, backup.stderr);
  assert.match(git(backup.json.path, ['for-each-ref', '--format=%(refname)']), /refs\/slipway\/pull-requests\/1/);

  const restored = await slipway('dev', 'repo', 'restore', 'copy-restored', '--from', backup.json.path, '--json');
  assert.equal(restored.code, 0, restored.stderr);
  assert.equal(restored.json.repositoryMetadata.slipway.pullRequests.total, 1);
  const described = await slipway('dev', 'pr', 'describe', 'copy-restored', '1', '--json');
  assert.equal(described.json.pullRequest.slipway.commentsForPullRequestData[0].comments[0].content, 'looks good');
});

test('delete needs confirmation and is refused while a branch is protected', async () => {
  await seededRepo(root, 'doomed');
  const unconfirmed = await slipway('dev', 'repo', 'delete', 'doomed');
  assert.equal(unconfirmed.code, 1);
  assert.match(unconfirmed.stderr, /--yes/);
  await slipway('dev', 'repo', 'rule', 'add', 'doomed', '--branch', 'main', '--require-pull-request');
  const refused = await slipway('dev', 'repo', 'delete', 'doomed', '--yes');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /protected branches \(main\)/);
  await slipway('dev', 'repo', 'rule', 'remove', 'doomed', '--branch', 'main');
  assert.equal((await slipway('dev', 'repo', 'delete', 'doomed', '--yes')).code, 0);
  assert.equal(fs.existsSync(path.join(home, 'repos', 'doomed.git')), false);
  assert.equal(gitTry(root, ['ls-remote', path.join(home, 'repos', 'doomed.git')]).status !== 0, true);
});

test('two processes refreshing a repository’s hooks at once (the extension and a CLI naming different hook entry points) both succeed and leave only whole hooks', async () => {
  const gitDir = path.join(root, 'racing.git');
  git(root, ['init', '-q', '--bare', gitDir]);
  const hooks = path.resolve(__dirname, '../../../runtime/repos/hooks.ts');
  // Each process names another hook entry point, so each rewrites the hooks the other just wrote, 3000 times (long enough to overlap).
  const refresher = (hook: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', `const { installHooks } = require(${JSON.stringify(hooks)}); for (let i = 0; i < 3000; i++) installHooks(${JSON.stringify(gitDir)});`], {
        env: { ...process.env, SLIPWAY_HOOK: JSON.stringify([process.execPath, hook]) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  const results = await Promise.all([refresher('/opt/a/hook.js'), refresher('/opt/b/hook.js')]);
  for (const result of results) assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(fs.readdirSync(path.join(gitDir, 'hooks')).filter((f) => !f.endsWith('.sample')).sort(), ['post-receive', 'pre-receive']);
  assert.deepEqual(fs.readdirSync(gitDir).filter((f) => f.endsWith('.tmp')), []);
});
