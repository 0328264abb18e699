import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import { commit, git, gitAsync, seededRepo, slipway, tempAccount } from './helpers';

const { root, home } = tempAccount();

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that fails the first `failFirst` requests with 500. */
async function receiver(failFirst: number): Promise<{ url: string; received: Received[]; close: () => void }> {
  const received: Received[] = [];
  let calls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      if (calls <= failFirst) {
        res.writeHead(500).end('try later');
        return;
      }
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => server.close() };
}

test('a push is POSTed signed with HMAC-SHA256, retried after a 500, and the delivery recorded', async (t) => {
  const hook = await receiver(1);
  t.after(hook.close);
  const { work } = await seededRepo(root, 'hooked');
  const added = await slipway('admin', 'repo', 'trigger', 'add', 'hooked', '--name', 'ci', '--url', hook.url, '--secret', 's3cret', '--events', 'updateReference,createReference,pull_request', '--branch', 'main', '--json');
  assert.equal(added.code, 0, added.stderr);
  assert.ok(!JSON.stringify(added.json).includes('s3cret'));
  assert.ok(!fs.readFileSync(path.join(home, 'repos', 'hooked.git', 'slipway.json'), 'utf8').includes('s3cret'), 'the secret is sealed at rest');

  commit(work, { 'a.txt': 'a\n' }, 'change');
  assert.equal((await gitAsync(work, ['push', '-q', 'origin', 'main'], { SLIPWAY_USER: 'alice' })).status, 0);
  assert.equal((await gitAsync(work, ['push', '-q', 'origin', 'HEAD:refs/heads/other'], { SLIPWAY_USER: 'alice' })).status, 0);

  assert.equal(hook.received.length, 1, 'one delivery: pushes to "other" do not match --branch main');
  const [delivery] = hook.received;
  const expected = `sha256=${createHmac('sha256', 's3cret').update(delivery.body).digest('hex')}`;
  assert.equal(delivery.headers['x-slipway-signature-256'], expected);
  assert.equal(delivery.headers['x-slipway-event'], 'ReferenceChanges');
  const [record] = JSON.parse(delivery.body).Records;
  assert.equal(record.eventSourceARN, 'arn:aws:codecommit:us-east-1:000000000000:hooked');
  assert.equal(record.userIdentityARN, 'arn:aws:iam::000000000000:user/alice');
  assert.deepEqual(record.codecommit.references, [{ commit: git(work, ['rev-parse', 'HEAD']).trim(), ref: 'refs/heads/main' }]);

  const deliveries = (await slipway('admin', 'repo', 'trigger', 'deliveries', 'hooked', '--json')).json;
  assert.equal(deliveries.length, 1);
  assert.equal(deliveries[0].ok, true);
  assert.deepEqual(deliveries[0].attempts.map((a: { status: number }) => a.status), [500, 204]);
});

test('pull request events reach triggers; the activity log counts active users per month', async (t) => {
  const hook = await receiver(0);
  t.after(hook.close);
  const { work } = await seededRepo(root, 'events');
  await slipway('admin', 'repo', 'trigger', 'add', 'events', '--name', 'all', '--url', hook.url, '--secret', 'k', '--events', 'all');
  git(work, ['checkout', '-q', '-b', 'topic']);
  commit(work, { 't.txt': 't\n' }, 'topic');
  assert.equal((await gitAsync(work, ['push', '-q', 'origin', 'topic'], { SLIPWAY_USER: 'alice' })).status, 0);
  const pr = await slipway('alice', 'pr', 'create', 'events', '--source', 'topic', '--destination', 'main', '--title', 'T', '--json');
  await slipway('bob', 'pr', 'comment', 'events', pr.json.pullRequest.slipway.number, '--body', 'hi');
  await slipway('alice', 'pr', 'merge', 'events', pr.json.pullRequest.slipway.number, '--strategy', 'fast-forward');
  const events = hook.received.map((r) => r.headers['x-slipway-event']);
  assert.deepEqual(events, ['ReferenceChanges', 'pull_request', 'pull_request_comment', 'ReferenceChanges', 'pull_request_merge']);

  const log = await slipway('x', 'activity', '--repo', 'events', '--json');
  assert.ok(log.json.some((e: { action: string; user: string }) => e.action === 'GitPush' && e.user === 'alice'));
  assert.ok(log.json.some((e: { action: string; user: string }) => e.action === 'PostCommentForPullRequest' && e.user === 'bob'));
  const month = new Date().toISOString().slice(0, 7);
  const active = await slipway('x', 'activity', '--active-users', '--month', month, '--json');
  assert.ok(active.json.users.includes('alice') && active.json.users.includes('bob'));
  assert.equal((await slipway('x', 'activity', '--active-users', '--month', '1999-01', '--json')).json.count, 0);
  assert.equal((await slipway('x', 'activity', '--active-users', '--month', '2024-13')).code, 2);
});
