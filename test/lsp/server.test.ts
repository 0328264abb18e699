import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { folderChangesUntil } from '../unit/file-appears';
import { TestClient } from './client';

let client: TestClient;

before(async () => {
  assert.ok(fs.existsSync(path.resolve(__dirname, '../../dist/server.js')), 'run `npm run build` first');
  client = new TestClient();
});

after(async () => {
  await client.dispose();
});

test('initialize advertises the language features', async () => {
  const { capabilities } = await client.initialize();
  for (const capability of ['completionProvider', 'hoverProvider', 'definitionProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'codeActionProvider']) {
    assert.ok(capabilities[capability], capability);
  }
});

test('a broken buildspec gets a syntax error with its exact range, and the fix clears it', async () => {
  const uri = 'file:///work/project/buildspec.yml';
  const waiting = client.diagnostics(uri);
  await client.open(uri, 'version: 0.2\nphases:\n  build:\n    commands:\n      - "unterminated\n');
  const published = await waiting;
  assert.equal(published.diagnostics.length, 1);
  const [d] = published.diagnostics;
  assert.equal(d.code, 'E0000');
  assert.equal(d.source, 'slipway');
  assert.equal(d.severity, 1);
  assert.equal(d.range.start.line, 4);
  assert.equal(d.range.start.character, 8, JSON.stringify(d.range));

  const kind = client.notifications.find((n) => n.method === 'slipway/documentKind' && (n.params as { uri: string }).uri === uri);
  assert.deepEqual(kind?.params, { uri, kind: 'buildspec' });

  const cleared = client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  await client.change(uri, 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "terminated"\n');
  await cleared;
});

test('CloudFormation short tags are not errors; files of no Slipway kind get no diagnostics', async () => {
  const template = 'file:///work/project/app.template.yaml';
  const t = client.diagnostics(template);
  await client.open(template, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-b"\n');
  assert.deepEqual((await t).diagnostics.filter((d) => d.code === 'E0000'), []);

  const other = 'file:///work/project/docker-compose.yml';
  const o = client.diagnostics(other);
  await client.open(other, 'services: [broken\n');
  assert.deepEqual((await o).diagnostics, []);
});

test('JSON documents are checked strictly', async () => {
  const uri = 'file:///work/project/appspec.json';
  const waiting = client.diagnostics(uri);
  await client.open(uri, '{\n  "version": 0.0,\n  "hooks": {},\n}\n', 'json');
  const published = await waiting;
  assert.equal(published.diagnostics[0]?.code, 'E0000');
  assert.equal(published.diagnostics[0]?.range.start.line, 3);
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///work/project/buildspec.yml';
  const cleared = client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  await client.close(uri);
  await cleared;
});

test('folding ranges cover nested maps', async () => {
  const uri = 'file:///work/project/fold/buildspec.yml';
  const ready = client.diagnostics(uri);
  await client.open(uri, 'version: 0.2\nphases:\n  build:\n    commands:\n      - a\n      - b\n');
  await ready;
  const ranges = await client.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(ranges.some((r) => r.startLine === 1 && r.endLine === 5), JSON.stringify(ranges));
  assert.ok(ranges.some((r) => r.startLine === 3 && r.endLine === 5), JSON.stringify(ranges));
});

test('slipway/validateFiles checks files on disk', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-lsp-'));
  fs.writeFileSync(path.join(dir, 'buildspec.yml'), 'version: 0.2\nphases: [\n');
  fs.writeFileSync(path.join(dir, 'readme.yml'), 'not: [ours\n');
  const result = await client.request<{ filesChecked: number; findings: Array<{ uri: string; code: string }> }>('slipway/validateFiles', { paths: [dir] });
  assert.equal(result.filesChecked, 1);
  assert.equal(result.findings[0].uri, pathToFileURL(path.join(dir, 'buildspec.yml')).toString());
  assert.equal(result.findings[0].code, 'E0000');
});

test('starts through the V8 code cache: the first server saves it, the next one runs from it', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-code-cache-test-'));
  try {
    const env = { ...process.env, SLIPWAY_CODE_CACHE: folder };
    const first = new TestClient(env);
    await first.initialize();
    await folderChangesUntil(folder, () => fs.readdirSync(folder).some((f) => f.endsWith('.bin')));
    await first.dispose();
    const saved = fs.readdirSync(folder);
    assert.equal(saved.length, 1);
    assert.match(saved[0], /^server-[0-9a-f]+\.bin$/);
    const second = new TestClient(env);
    const result = await second.initialize();
    assert.ok(result.capabilities.hoverProvider, 'the server started from the cache answers');
    const uri = 'file:///work/project/cached.template.yaml';
    const waiting = second.diagnostics(uri);
    await second.open(uri, 'Resources:\n  B:\n    Type: AWS::S3::Buckett\n');
    assert.equal((await waiting).diagnostics[0]?.code, 'E3006');
    await second.dispose();
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
