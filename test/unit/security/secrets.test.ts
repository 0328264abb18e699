// Secrets never printed (issue 13; issue 20 class 2, secrets across lines and encodings): a
// multi-line secret (PEM key, JSON document) is masked line by line and in its JSON-escaped
// forms in the live log, build.log, `build logs`, stack events and reasons, change sets and drift.
import '../../../runtime/plugins';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ParameterStore, SecretMasker } from '../../../runtime/common/params';
import { main } from '../../../runtime/cli/main';
import { StackEngine } from '../../../runtime/stacks/engine';
import { loadTemplate } from '../../../runtime/stacks/template-source';
import { build, sandbox } from '../builds/helpers';
import { ProjectStore } from '../../../runtime/builds/projects';
import { create, gitRepo, localSource, run as runPipeline, sandbox as pipelineSandbox } from '../pipelines/helpers';

const PEM = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'b3JhbmdlLWtleS1saW5lLXR3by1mb3ItdGhlLXRlc3Q=', '-----END PRIVATE KEY-----'].join('\n');
const JSON_DOC = JSON.stringify({ user: 'admin', password: 'hunter2-Quite-Long', host: 'db.internal' }, null, 2);
const LINES = ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'b3JhbmdlLWtleS1saW5lLXR3by1mb3ItdGhlLXRlc3Q=', 'hunter2-Quite-Long'];

/** Everything written under a folder, as one text (state, logs, records). */
function allText(dir: string): string {
  let text = '';
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) text += fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return text;
}

function assertNoSecret(text: string, where: string): void {
  for (const line of LINES) assert.ok(!text.includes(line), `${where} holds a secret line: ${line}`);
  assert.ok(!text.includes(JSON.stringify(PEM).slice(1, -1)), `${where} holds the JSON-escaped key`);
}

test('the masker covers every line of a multi-line secret and its JSON-escaped forms (once and twice)', () => {
  const masker = new SecretMasker();
  masker.add(PEM);
  masker.add(JSON_DOC);
  const escaped = JSON.stringify(PEM);
  const twice = JSON.stringify(JSON.stringify({ key: PEM }));
  for (const text of [PEM, escaped, twice, JSON_DOC, JSON.stringify(JSON_DOC), `reason: ${LINES[0]} failed`, JSON_DOC.split('\n')[2]]) {
    assertNoSecret(masker.mask(text), JSON.stringify(text).slice(0, 40));
  }
  assert.equal(masker.mask('{\n}\n-----'), '{\n}\n-----', 'short lines such as braces are not masked on their own');
});

test('a build printing a multi-line secret line by line, JSON-escaped, and in a failure shows none of it anywhere', async (t) => {
  const box = sandbox();
  t.after(box.cleanup);
  const params = new ParameterStore(box.store);
  params.putSecret('tls-key', PEM);
  params.putSecret('db', JSON_DOC);
  const spec = [
    'version: 0.2',
    'env:',
    '  secrets-manager:',
    '    KEY: tls-key',
    '    DB: db',
    '  exported-variables: [LINE]',
    'phases:',
    '  build:',
    '    commands:',
    '      - printf "%s\\n" "$KEY"',
    `      - 'node -e "console.log(JSON.stringify(process.env.KEY)); console.log(JSON.stringify({db: process.env.DB}))"'`,
    '      - export LINE="$(printf "%s" "$KEY" | sed -n 2p)"',
    '      - echo "$DB" | sed -n 3p',
    '      - test "$(printf "%s" "$KEY" | sed -n 3p)" = nope',
  ].join('\n');
  const ran = await build(box.store, box.src, spec);
  assert.equal(ran.record.status, 'FAILED');
  assertNoSecret(ran.lines.map((l) => l.text).join('\n'), 'the live log');
  assertNoSecret(ran.log, 'build.log');
  assertNoSecret(JSON.stringify(ran.record), 'the build record');
  let logs = '';
  const previousHome = process.env.SLIPWAY_HOME;
  process.env.SLIPWAY_HOME = box.home;
  t.after(() => (previousHome === undefined ? delete process.env.SLIPWAY_HOME : (process.env.SLIPWAY_HOME = previousHome)));
  assert.equal(await main(['build', 'logs', ran.record.id], { stdout: (s) => (logs += s), stderr: () => {} }), 0);
  assertNoSecret(logs, '`build logs`');
  assertNoSecret(allText(box.home), 'the state home');
});

test('stack events, failure reasons, change sets and drift never show a NoEcho or secret-reference value; an untouched file is IN_SYNC', async (t) => {
  const box = sandbox();
  t.after(box.cleanup);
  new ParameterStore(box.store).putSecret('tls-key', PEM);
  const template = path.join(box.root, 'template.yaml');
  fs.writeFileSync(
    template,
    [
      'Parameters:',
      '  Doc: {Type: String, NoEcho: true}',
      'Resources:',
      '  Key:',
      '    Type: Slipway::Local::File',
      '    Properties: {Path: key.pem, Content: "{{resolve:secretsmanager:tls-key}}"}',
      '  Fails:',
      '    Type: Slipway::Local::Command',
      '    DependsOn: Key',
      '    Properties:',
      '      Create: !Sub "printf \'%s\\n\' \'${Doc}\' >&2; cat key.pem >&2; exit 3"',
    ].join('\n'),
  );
  const engine = new StackEngine(box.store);
  const changeSet = await engine.createChangeSet({ stackName: 's1', template: loadTemplate(template).body, templatePath: template, parameters: { Doc: JSON_DOC } });
  assertNoSecret(JSON.stringify(changeSet), 'the change set');
  await engine.executeChangeSet('s1', changeSet.name).catch(() => undefined);
  const events = engine.stacks.events('s1');
  assert.ok(events.some((e) => e.status === 'CREATE_FAILED'), 'the command failed with its output as the reason');
  assertNoSecret(JSON.stringify(events), 'stack events and reasons');
  assertNoSecret(JSON.stringify(engine.describe('s1')), 'describe');
  assertNoSecret(allText(box.home), 'the state home');

  // Drift on a kept file: untouched is IN_SYNC, changed is reported by digest only.
  const kept = new StackEngine(box.store);
  const keep = path.join(box.root, 'keep.yaml');
  fs.writeFileSync(keep, 'Resources:\n  Key:\n    Type: Slipway::Local::File\n    Properties: {Path: kept.pem, Content: "{{resolve:secretsmanager:tls-key}}"}\n');
  const second = await kept.createChangeSet({ stackName: 's2', template: loadTemplate(keep).body, templatePath: keep, parameters: {} });
  await kept.executeChangeSet('s2', second.name);
  assert.equal((await kept.detectDrift('s2')).status, 'IN_SYNC', 'an untouched file is not MODIFIED');
  fs.writeFileSync(path.join(box.root, 'kept.pem'), `${PEM}\nextra`);
  const drift = await kept.detectDrift('s2');
  assert.equal(drift.resources[0].driftStatus, 'MODIFIED');
  assertNoSecret(JSON.stringify(drift), 'drift');
  assert.match(String(drift.resources[0].differences[0].actual), /^sha256:[0-9a-f]{64}$/);
});

test('a pipeline whose CodeBuild action prints and fails on a multi-line secret keeps it out of summaries, logs and records', async () => {
  const box = pipelineSandbox();
  try {
    gitRepo(box.dir, {
      'buildspec.yml': [
        'version: 0.2',
        'env:',
        '  exported-variables: [LINE]',
        'phases:',
        '  build:',
        '    commands:',
        '      - printf "%s\\n" "$KEY"',
        '      - export LINE="$(printf "%s" "$KEY" | sed -n 2p)"',
        '      - test "$(printf "%s" "$KEY" | sed -n 3p)" = nope',
        '',
      ].join('\n'),
    });
    new ProjectStore(box.state).create({ name: 'proj', env: {}, cachePaths: [] });
    new ParameterStore(box.state).putSecret('tls-key', PEM);
    const env = JSON.stringify([{ name: 'KEY', value: 'tls-key', type: 'SECRETS_MANAGER' }]);
    const name = create(
      box,
      `pipeline:
  name: leaky
  stages:
${localSource()}    - name: Build
      actions:
        - name: Build
          actionTypeId: { category: Build, owner: AWS, provider: CodeBuild, version: "1" }
          configuration: { ProjectName: proj, EnvironmentVariables: ${JSON.stringify(env)} }
          inputArtifacts: [{ name: Src }]
          namespace: BuildVariables
`,
    );
    const done = await runPipeline(box, name);
    assert.equal(done.status, 'Failed');
    assert.match(allText(box.home), /\*\*\*/, 'the build did print the secret (masked), so the check below means something');
    assertNoSecret(JSON.stringify(done), 'the execution record and its summaries');
    assertNoSecret(allText(box.home), 'the state home (pipeline logs, build logs, records)');
  } finally {
    box.cleanup();
  }
});

test('encoded forms: a secret printed base64-encoded (alone, after a prefix, URL-safe) or URL-encoded is masked in every output', async (t) => {
  const secret = 'sk-live-Quite/Long+Secret value?';
  const encodings = [
    Buffer.from(secret).toString('base64'),
    Buffer.from(`user:${secret}`).toString('base64'),
    Buffer.from(`ab${secret}`).toString('base64url'),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
  ];
  // What stays visible is the filler's and the padding's characters, never a run the secret decides.
  const leaks = (text: string) => encodings.filter((encoded) => text.includes(encoded.slice(4, -4)));
  const masker = new SecretMasker();
  masker.add(secret);
  for (const encoded of encodings) assert.deepEqual(leaks(masker.mask(`Authorization: Basic ${encoded}\n`)), [], encoded);
  assert.equal(masker.mask('aGVsbG8gd29ybGQ= hello%20world'), 'aGVsbG8gd29ybGQ= hello%20world', 'other encoded text is left alone');

  const box = sandbox();
  t.after(box.cleanup);
  new ParameterStore(box.store).putSecret('api', secret);
  const spec = [
    'version: 0.2',
    'env:',
    '  secrets-manager:',
    '    API: api',
    'phases:',
    '  build:',
    '    commands:',
    '      - printf "%s" "$API" | base64 -w0; echo',
    '      - printf "user:%s" "$API" | base64 -w0; echo',
    `      - 'node -e "console.log(Buffer.from(\\"ab\\" + process.env.API).toString(\\"base64url\\")); console.log(encodeURIComponent(process.env.API))"'`,
    `      - 'node -e "console.log(encodeURIComponent(process.env.API).replace(/%20/g, \\"+\\")); process.exit(3)"'`,
  ].join('\n');
  const ran = await build(box.store, box.src, spec);
  assert.equal(ran.record.status, 'FAILED', ran.log);
  for (const [where, text] of [['the live log', ran.lines.map((l) => l.text).join('\n')], ['build.log', ran.log], ['the state home', allText(box.home)]] as const) {
    assert.deepEqual(leaks(text), [], `${where} shows an encoded secret`);
  }
  assert.match(ran.log, /\*\*\*/);
});
