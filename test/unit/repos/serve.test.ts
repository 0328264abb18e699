import '../../../runtime/plugins';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as path from 'node:path';
import { test } from 'node:test';
import { StateStore } from '../../../runtime/common/state';
import { createGitHttpServer, listen } from '../../../runtime/repos/http';
import { commit, git, gitAsync, seededRepo, slipway, tempAccount } from './helpers';

const { root, home } = tempAccount();
const noPrompt = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' };

async function start(anonymousRead = false): Promise<{ base: string; server: Server }> {
  const server = createGitHttpServer(new StateStore(home), { anonymousRead });
  return { base: await listen(server, '127.0.0.1', 0), server };
}

function withAuth(base: string, user: string, token: string): string {
  const url = new URL(base);
  url.username = encodeURIComponent(user);
  url.password = token;
  return url.href.replace(/\/$/, '');
}

test('smart HTTP: tokens authenticate, grants decide fetch and push, branch rules apply to the token user', async (t) => {
  await seededRepo(root, 'shared');
  const alice = (await slipway('admin', 'user', 'token', 'create', 'alice', '--json')).json.token as string;
  const bob = (await slipway('admin', 'user', 'token', 'create', 'bob', '--json')).json.token as string;
  assert.ok(!fs.readFileSync(path.join(home, 'users', 'alice.json'), 'utf8').includes(alice), 'only the hash is stored');
  await slipway('admin', 'repo', 'grant', 'shared', 'alice', 'write');
  await slipway('admin', 'repo', 'grant', 'shared', 'bob', 'read');
  const { base, server } = await start();
  t.after(() => server.close());

  const anonymous = await gitAsync(root, ['clone', `${base}/shared.git`, path.join(root, 'anon')], noPrompt);
  assert.notEqual(anonymous.status, 0, 'anonymous access is off by default');
  const wrong = await gitAsync(root, ['clone', `${withAuth(base, 'alice', 'slw_bad')}/shared.git`, path.join(root, 'wrong')], noPrompt);
  assert.notEqual(wrong.status, 0);

  const aliceWork = path.join(root, 'alice-http');
  const cloned = await gitAsync(root, ['clone', `${withAuth(base, 'alice', alice)}/shared.git`, aliceWork], noPrompt);
  assert.equal(cloned.status, 0, cloned.stderr);
  commit(aliceWork, { 'http.txt': 'over http\n' }, 'over http');
  const pushed = await gitAsync(aliceWork, ['push', 'origin', 'main'], noPrompt);
  assert.equal(pushed.status, 0, pushed.stderr);

  const bobWork = path.join(root, 'bob-http');
  assert.equal((await gitAsync(root, ['clone', `${withAuth(base, 'bob', bob)}/shared.git`, bobWork], noPrompt)).status, 0);
  assert.ok(fs.existsSync(path.join(bobWork, 'http.txt')));
  commit(bobWork, { 'bob.txt': 'bob\n' }, 'bob');
  const denied = await gitAsync(bobWork, ['push', 'origin', 'HEAD:refs/heads/bob'], noPrompt);
  assert.notEqual(denied.status, 0);
  assert.match(denied.stderr, /403/);

  await slipway('admin', 'repo', 'rule', 'add', 'shared', '--branch', 'main', '--require-pull-request');
  commit(aliceWork, { 'http.txt': 'again\n' }, 'again');
  const ruled = await gitAsync(aliceWork, ['push', 'origin', 'main'], noPrompt);
  assert.notEqual(ruled.status, 0);
  assert.match(ruled.stderr, /push refused for alice: main requires a pull request/);

  const activity = (await slipway('x', 'activity', '--repo', 'shared', '--json')).json as { action: string; user: string; result: string; via?: string }[];
  assert.ok(activity.some((e) => e.action === 'GitPull' && e.user === 'bob' && e.via === 'http' && e.result === 'allowed'));
  assert.ok(activity.some((e) => e.action === 'GitPush' && e.user === 'bob' && e.result === 'refused'));
  assert.ok(activity.some((e) => e.action === 'GitPush' && e.user === 'alice' && e.result === 'allowed'));
});

test('anonymous read can be enabled; it never allows a push', async (t) => {
  await seededRepo(root, 'public');
  const { base, server } = await start(true);
  t.after(() => server.close());
  const work = path.join(root, 'public-anon');
  const cloned = await gitAsync(root, ['clone', `${base}/public.git`, work], noPrompt);
  assert.equal(cloned.status, 0, cloned.stderr);
  commit(work, { 'x.txt': 'x\n' }, 'x');
  assert.notEqual((await gitAsync(work, ['push', 'origin', 'main'], noPrompt)).status, 0);
});

test('SSH: authorized_keys forces `slipway git-serve USER`, which checks permissions', async () => {
  await seededRepo(root, 'viassh');
  const keyFile = path.join(root, 'alice.pub');
  fs.writeFileSync(keyFile, `ssh-ed25519 ${randomBytes(51).toString('base64')} alice@laptop\n`);
  const added = await slipway('admin', 'user', 'key', 'add', 'alice', keyFile, '--json');
  assert.equal(added.code, 0, added.stderr);
  const authorized = fs.readFileSync(added.json.authorizedKeys, 'utf8');
  assert.match(authorized, /^command="env SLIPWAY_HOME=.* git-serve alice",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty ssh-ed25519 /m);
  assert.equal((await slipway('admin', 'user', 'key', 'add', 'mallory', keyFile)).code, 2, 'one key, one user');

  // Stands in for sshd: runs the forced command of the key's line with SSH_ORIGINAL_COMMAND set.
  const fakeSsh = path.join(root, 'fake-ssh.sh');
  fs.writeFileSync(
    fakeSsh,
    `#!/bin/sh\nfor last; do :; done\nforced=$(sed -n 's/^command="\\(.*\\)",no-port-forwarding.*/\\1/p' '${added.json.authorizedKeys}' | head -1 | sed 's/\\\\"/"/g')\nSSH_ORIGINAL_COMMAND="$last" exec sh -c "$forced"\n`,
    { mode: 0o755 },
  );
  const env = { ...noPrompt, GIT_SSH_COMMAND: fakeSsh };
  const work = path.join(root, 'ssh-work');
  const refused = await gitAsync(root, ['clone', 'ssh://git@slipway.test/viassh.git', work], env);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /alice needs read permission on viassh/);
  await slipway('admin', 'repo', 'grant', 'viassh', 'alice', 'write');
  const cloned = await gitAsync(root, ['clone', 'ssh://git@slipway.test/viassh.git', work], env);
  assert.equal(cloned.status, 0, cloned.stderr);
  commit(work, { 'ssh.txt': 'ssh\n' }, 'over ssh');
  const pushed = await gitAsync(work, ['push', 'origin', 'main'], env);
  assert.equal(pushed.status, 0, pushed.stderr);
  const pushes = (await slipway('x', 'activity', '--repo', 'viassh', '--json')).json as { action: string; user: string; result: string }[];
  assert.ok(pushes.some((e) => e.action === 'GitPush' && e.user === 'alice' && e.result === 'allowed'));
  assert.equal(git(work, ['ls-remote', 'origin', 'main'], env).split('\t')[0], git(work, ['rev-parse', 'HEAD']).trim());
});
