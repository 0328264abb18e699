import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../runtime/cli/main';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, cwd);
  return { code, stdout, stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('--version and --help', async () => {
  const version = await cli(['--version'], os.tmpdir());
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  const help = await cli(['--help'], os.tmpdir());
  assert.equal(help.code, 0);
  assert.match(help.stdout, /validate/);
  assert.equal((await cli([], os.tmpdir())).code, 2);
});

test('unknown commands and options are usage errors (exit 2, one line)', async () => {
  const unknown = await cli(['frobnicate'], os.tmpdir());
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.trim().split('\n').length, 1);
  const badOption = await cli(['validate', '.', '--bogus'], os.tmpdir());
  assert.equal(badOption.code, 2);
  assert.match(badOption.stderr, /bogus/);
  const badFormat = await cli(['validate', '.', '--format', 'xml'], os.tmpdir());
  assert.equal(badFormat.code, 2);
  const missing = await cli(['validate', 'no-such-file.yml'], os.tmpdir());
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no-such-file\.yml/);
});

test('validate walks directories, finds Slipway files by name and content, and reports 1-based JSON positions', async () => {
  const dir = workspace({
    'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - [echo\n',
    'infra/app.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n',
    'notes/config.yml': 'just: [broken\n',
    'node_modules/x/buildspec.yml': 'broken: [\n',
  });
  const result = await cli(['validate', '.', '--format', 'json'], dir);
  assert.equal(result.code, 1);
  const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
  assert.ok(findings.length >= 1);
  for (const f of findings) {
    assert.equal(f.file, 'buildspec.yml');
    assert.equal(f.severity, 'error');
    assert.equal(f.code, 'E0000');
    assert.ok((f.line as number) >= 5);
    assert.ok((f.column as number) >= 1);
    assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
  }
});

test('validate exits 0 on clean files and prints text and SARIF', async () => {
  const dir = workspace({ 'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n' });
  const text = await cli(['validate', 'template.yaml'], dir);
  assert.equal(text.code, 0);
  assert.match(text.stderr, /1 file checked: 0 errors/);
  const broken = workspace({ 'buildspec.yml': 'version: 0.2\nphases: {\n' });
  const sarif = await cli(['validate', '.', '--format', 'sarif'], broken);
  assert.equal(sarif.code, 1);
  const log = JSON.parse(sarif.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].results[0].ruleId, 'E0000');
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'buildspec.yml');
});

test('--kind forces a kind for files with other names; --ignore-checks drops findings', async () => {
  const dir = workspace({ 'ci/build.yaml': 'version: 0.2\nphases: [\n' });
  const forced = await cli(['validate', 'ci', '--kind', 'buildspec', '--format', 'json'], dir);
  assert.equal(forced.code, 1);
  const ignored = await cli(['validate', 'ci', '--kind', 'buildspec', '--ignore-checks', 'E0000', '--format', 'json'], dir);
  assert.equal(ignored.code, 0);
  assert.deepEqual(JSON.parse(ignored.stdout), []);
  assert.equal((await cli(['validate', 'ci', '--kind', 'nonsense'], dir)).code, 2);
});

test('param and secret nouns store values in the state home', async () => {
  const dir = workspace({});
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(dir, 'kms.key');
  assert.equal((await cli(['param', 'put', '/a/b', 'v1'], dir)).code, 0);
  assert.equal((await cli(['param', 'get', '/a/b'], dir)).stdout, 'v1\n');
  assert.equal((await cli(['param', 'get', '/missing'], dir)).code, 2);
  assert.equal((await cli(['secret', 'put', 'db', 's3cr3t'], dir)).code, 0);
  assert.equal((await cli(['secret', 'get', 'db'], dir)).stdout, 's3cr3t\n');
  assert.ok(!fs.readFileSync(path.join(dir, '.slipway', 'params', 'secrets.json'), 'utf8').includes('s3cr3t'));
});
