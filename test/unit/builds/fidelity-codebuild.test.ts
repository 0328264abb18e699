// Scenario tests of CodeBuild behaviours, each named after the AWS page it follows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../../runtime/cli/main';
import { ParameterStore } from '../../../runtime/common/params';
import { build, sandbox, write } from './helpers';

test('CodeBuild build-spec-ref: default shell is /bin/sh unless env.shell is bash', async () => {
  const box = sandbox();
  try {
    const plain = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: [\'echo "bash=${BASH_VERSION:-none}"\']\n');
    assert.match(plain.log, /^bash=none$/m);
    const bash = await build(box.store, box.src, 'version: 0.2\nenv:\n  shell: bash\nphases:\n  build:\n    commands: [\'echo "bash=${BASH_VERSION:-none}"\']\n');
    assert.match(bash.log, /^bash=\d/m);
  } finally {
    box.cleanup();
  }
});

test('CodeBuild build-spec-ref: exported-variables never exports AWS_ names or Parameter Store / Secrets Manager variables', async () => {
  const box = sandbox();
  try {
    const params = new ParameterStore(box.store);
    params.putParameter('/app/plain', 'plain-value');
    params.putSecret('app/creds', 'secret-value');
    const ran = await build(
      box.store,
      box.src,
      'version: 0.2\nenv:\n  parameter-store:\n    FROM_SSM: /app/plain\n  secrets-manager:\n    FROM_SM: app/creds\n  exported-variables: [AWS_REGION, AWS_MINE, FROM_SSM, FROM_SM, MINE]\nphases:\n  build:\n    commands: ["export AWS_MINE=x MINE=kept"]\n',
    );
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.deepEqual(ran.record.exportedVariables, { MINE: 'kept' });
  } finally {
    box.cleanup();
  }
});

test('CodeBuild build-spec-ref: artifacts name is evaluated by the shell (app-$CODEBUILD_BUILD_NUMBER names app-1), primary and secondary', async () => {
  const box = sandbox();
  try {
    write(box.src, { 'out/a.txt': 'a' });
    const ran = await build(
      box.store,
      box.src,
      'version: 0.2\nphases:\n  build:\n    commands: ["export FLAVOUR=blue"]\nartifacts:\n  files: ["out/**/*"]\n  name: app-$CODEBUILD_BUILD_NUMBER\n  secondary-artifacts:\n    extra:\n      files: ["out/**/*"]\n      name: extra-${FLAVOUR}\n',
    );
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.equal(ran.record.artifacts?.name, `app-${ran.record.number}`);
    assert.equal(ran.record.secondaryArtifacts[0].name, 'extra-blue');
    const escaping = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["export UP=.."]\nartifacts:\n  files: ["out/**/*"]\n  name: $UP\n');
    assert.equal(escaping.record.status, 'FAILED', 'an evaluated name is still checked');
    assert.equal(escaping.phase('UPLOAD_ARTIFACTS')?.status, 'FAILED');
  } finally {
    box.cleanup();
  }
});

test('CodeBuild test-report-group-naming: a report group named in the buildspec is <project>-<report group key>', async () => {
  const box = sandbox();
  try {
    write(box.src, { 'r/j.xml': '<testsuite name="s"><testcase name="ok"/></testsuite>' });
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["true"]\nreports:\n  unit:\n    files: ["r/*.xml"]\n    file-format: JUNITXML\n');
    assert.deepEqual(ran.record.reports.map((r) => r.name), [`${ran.record.project}-unit`]);
  } finally {
    box.cleanup();
  }
});

test('CodeBuild build-env-ref-env-vars (source): empty directories of a folder source are kept in the workspace', async () => {
  const box = sandbox();
  try {
    fs.mkdirSync(path.join(box.src, 'logs', 'empty'), { recursive: true });
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["test -d logs/empty && echo kept-empty"]\n');
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.match(ran.log, /^kept-empty$/m);
  } finally {
    box.cleanup();
  }
});

test('CodeBuild build-spec-ref env/parameter-store: a missing value fails the recorded build in DOWNLOAD_SOURCE', async () => {
  const box = sandbox();
  try {
    const ran = await build(box.store, box.src, 'version: 0.2\nenv:\n  secrets-manager:\n    S: no/such-secret\nphases:\n  build:\n    commands: [echo never]\n');
    assert.equal(ran.record.status, 'FAILED');
    assert.deepEqual(ran.phases.slice(0, 4), ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE']);
    assert.equal(ran.phase('DOWNLOAD_SOURCE')?.status, 'FAILED');
    assert.doesNotMatch(ran.log, /^never$/m);
  } finally {
    box.cleanup();
  }
});

test('Secrets Manager ListSecrets: slipway secret list --json prints one JSON document', async () => {
  const box = sandbox();
  const previous = process.env.SLIPWAY_HOME;
  process.env.SLIPWAY_HOME = box.home;
  try {
    new ParameterStore(box.store).putSecret('app/one', 'hidden-value');
    let stdout = '';
    const code = await main(['secret', 'list', '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
    assert.equal(code, 0);
    const list = JSON.parse(stdout);
    assert.deepEqual(list.map((s: { id: string }) => s.id), ['app/one']);
    assert.doesNotMatch(stdout, /hidden-value/);
  } finally {
    if (previous === undefined) delete process.env.SLIPWAY_HOME;
    else process.env.SLIPWAY_HOME = previous;
    box.cleanup();
  }
});

test('CodeBuild build-spec-ref env/git-credential-helper: yes is never silently nothing (with no endpoint, a warning says why); other values are refused', async () => {
  const box = sandbox();
  try {
    const ran = await build(box.store, box.src, 'version: 0.2\nenv:\n  git-credential-helper: yes\nphases:\n  build:\n    commands: ["true"]\n');
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.ok(ran.record.warnings.some((w) => /git-credential-helper: no credential helper configured: no Slipway endpoint serves/.test(w)), JSON.stringify(ran.record.warnings));
    const quiet = await build(box.store, box.src, 'version: 0.2\nenv:\n  git-credential-helper: no\nphases:\n  build:\n    commands: ["true"]\n');
    assert.ok(!quiet.record.warnings.some((w) => w.includes('git-credential-helper')));
    await assert.rejects(build(box.store, box.src, 'version: 0.2\nenv:\n  git-credential-helper: maybe\nphases:\n  build:\n    commands: ["true"]\n'), /git-credential-helper must be yes or no/);
  } finally {
    box.cleanup();
  }
});
