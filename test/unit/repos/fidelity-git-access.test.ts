// Scenario tests of how builds and git clients reach hosted repositories, each named after the AWS page it follows.
import '../../../runtime/plugins';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Server } from 'node:http';
import { createEndpoint } from '../../../runtime/api/server';
import { liveEndpoint } from '../../../runtime/common/endpoint-record';
import { StateStore } from '../../../runtime/common/state';
import { runBuild } from '../../../runtime/builds/runner';
import { listen } from '../../../runtime/repos/http';
import { readUser } from '../../../runtime/common/users';
import { gitAsync, seededRepo, slipway, tempAccount } from './helpers';

const { root, home } = tempAccount();
const store = new StateStore(home);
const ROLE = 'codebuild-clones-service-role';
let server: Server;
let url: string;

before(async () => {
  await seededRepo(root, 'hosted');
  assert.equal((await slipway('dev@example.com', 'repo', 'grant', 'hosted', ROLE, 'read')).code, 0);
  server = createEndpoint(store);
  url = await listen(server, '127.0.0.1', 0);
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
});

function pulls(): Array<Record<string, unknown>> {
  return store.readLines<Record<string, unknown>>('activity.jsonl').filter((e) => e.action === 'GitPull');
}

async function buildIn(name: string, buildspec: string) {
  const src = path.join(root, name);
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(src, 'buildspec.yml'), buildspec);
  const record = await runBuild({ store, source: src });
  return { record, log: fs.readFileSync(record.logFile, 'utf8') };
}

test('CodeBuild build-spec-ref env/git-credential-helper: yes lets git in the build clone a hosted repository over HTTP as the build\'s service role', async () => {
  assert.equal(liveEndpoint(store)?.url, url, 'the endpoint records where it listens');
  const clone = (helper: string) =>
    `version: 0.2\nenv:\n  git-credential-helper: ${helper}\nphases:\n  build:\n    commands:\n      - GIT_TERMINAL_PROMPT=0 git clone -q ${url}/hosted.git copy\n      - test -f copy/README.md\n      - GIT_TERMINAL_PROMPT=0 git clone -q https://git-codecommit.us-east-1.amazonaws.com/v1/repos/hosted aws-url\n      - test -f aws-url/src/app.js\n`;
  const before = pulls().length;
  const ran = await buildIn('clones', clone('yes'));
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  assert.match(ran.log, new RegExp(`git-credential-helper: git reaches ${url.replace(/[.]/g, '\\.')} \\(and CodeCommit clone URLs\\) as ${ROLE}`));
  const mine = pulls().slice(before);
  assert.deepEqual(mine.map((e) => [e.user, e.via, e.repository]), [[ROLE, 'http', 'hosted'], [ROLE, 'http', 'hosted']]);
  // The build's token is its own: revoked when the build ends, never written where the user keeps git config.
  assert.deepEqual(readUser(store, ROLE)?.tokens, []);
  assert.doesNotMatch(fs.readFileSync(process.env.GIT_CONFIG_GLOBAL!, 'utf8'), /credential|insteadOf/);
  assert.doesNotMatch(ran.log, /slw_/, 'the token never reaches the log');

  // Without it the same clone is refused (no credentials), as in CodeBuild.
  const without = await buildIn('clones', clone('no'));
  assert.equal(without.record.status, 'FAILED');
  assert.equal(without.record.phases.find((p) => p.name === 'BUILD')?.status, 'FAILED');
});

test('CodeBuild build-spec-ref env/git-credential-helper: with no endpoint serving the state home, one line says why nothing is configured', async () => {
  const saved = store.read('endpoint.json');
  store.remove('endpoint.json');
  try {
    const ran = await buildIn('no-endpoint', 'version: 0.2\nenv:\n  git-credential-helper: yes\nphases:\n  build:\n    commands: ["true"]\n');
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.deepEqual(ran.record.warnings, [`env.git-credential-helper: no credential helper configured: no Slipway endpoint serves ${home} (start one with slipway serve); hosted repositories are still reached by their path`]);
  } finally {
    store.write(saved, 'endpoint.json');
  }
});

test('CodeBuild git-credential-helper: a crafted endpoint record naming another host is not believed (the token is never sent there)', () => {
  const saved = store.read<Record<string, unknown>>('endpoint.json')!;
  try {
    store.write({ ...saved, url: 'http://203.0.113.9:4566' }, 'endpoint.json');
    assert.equal(liveEndpoint(store), undefined);
    store.write({ ...saved, owner: { pid: 2 ** 22 + 7, host: (saved.owner as { host: string }).host } }, 'endpoint.json');
    assert.equal(liveEndpoint(store), undefined, 'a record whose process is gone is ignored');
  } finally {
    store.write(saved, 'endpoint.json');
  }
});

test('CodeCommit monitoring (CloudTrail GitPull): pulls Slipway serves or performs are in the activity log — HTTP fetch, a build\'s repo: source', async () => {
  const before = pulls().length;
  const denied = await gitAsync(root, ['clone', '-q', `${url}/hosted.git`, path.join(root, 'anon')], { GIT_TERMINAL_PROMPT: '0' });
  assert.notEqual(denied.status, 0);
  const spec = path.join(root, 'plain-buildspec.yml');
  fs.writeFileSync(spec, 'version: 0.2\nphases:\n  build:\n    commands: ["test -f README.md"]\n');
  const record = await runBuild({ store, source: 'repo:hosted@main', buildspec: spec });
  assert.equal(record.status, 'SUCCEEDED');
  const mine = pulls().slice(before);
  assert.ok(mine.some((e) => e.via === 'build' && e.repository === 'hosted' && e.user === 'codebuild-adhoc-service-role' && typeof e.commit === 'string'), JSON.stringify(mine));
});
