import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ParameterStore } from '../../../runtime/common/params';
import { runBuild } from '../../../runtime/builds/runner';
import { build, sandbox, write } from './helpers';

describe('build environment', () => {
  let box: ReturnType<typeof sandbox>;
  before(() => {
    box = sandbox();
  });
  after(() => box.cleanup());

  it('sets the CODEBUILD_* variables and starts in CODEBUILD_SRC_DIR', async () => {
    const ran = await build(
      box.store,
      box.src,
      [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands:',
        '      - \'echo "pwd=$(pwd) src=$CODEBUILD_SRC_DIR"\'',
        '      - \'echo "id=$CODEBUILD_BUILD_ID number=$CODEBUILD_BUILD_NUMBER ok=$CODEBUILD_BUILD_SUCCEEDING"\'',
        '      - \'echo "arn=$CODEBUILD_BUILD_ARN start=$CODEBUILD_START_TIME region=$AWS_REGION/$AWS_DEFAULT_REGION init=$CODEBUILD_INITIATOR"\'',
      ].join('\n'),
    );
    const pwd = /^pwd=(\S+) src=(\S+)$/m.exec(ran.log);
    assert.ok(pwd && pwd[1] === pwd[2] && pwd[1].endsWith('/src'), ran.log);
    assert.notEqual(pwd[1], box.src);
    assert.match(ran.log, new RegExp(`^id=${ran.record.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} number=${ran.record.number} ok=1$`, 'm'));
    assert.match(ran.log, /^arn=arn:aws:codebuild:us-east-1:000000000000:build\/src:[0-9a-f-]+ start=\d{13} region=us-east-1\/us-east-1 init=slipway\/\S+$/m);
  });

  it('runs every command in one shell: cd and export carry over, also across phases', async () => {
    const ran = await build(
      box.store,
      box.src,
      'version: 0.2\nphases:\n  install:\n    commands: ["mkdir -p sub && cd sub", "export CARRIED=yes"]\n  build:\n    commands: [\'echo "in $(basename $(pwd)) carried=$CARRIED"\']\n',
    );
    assert.match(ran.log, /^in sub carried=yes$/m);
  });

  it('version 0.1 runs each command in its own shell', async () => {
    const ran = await build(box.store, box.src, 'version: 0.1\nphases:\n  build:\n    commands: ["export CARRIED=yes; cd /tmp", \'echo "carried=${CARRIED:-no} in $(pwd)"\']\n');
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.match(ran.log, /^carried=no in \S+\/src$/m);
  });

  it('keeps the shell state after a command that exits the shell', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    on-failure: CONTINUE\n    commands: ["export KEPT=1; cd /tmp", "exit 4"]\n  post_build:\n    commands: [\'echo "kept=$KEPT dir=$(pwd)"\']\n');
    assert.match(ran.log, /exit status 4/);
    assert.match(ran.log, /^kept=1 dir=\/tmp$/m);
  });

  it('runs with /bin/sh when env.shell says so', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nenv:\n  shell: /bin/sh\nphases:\n  build:\n    commands: [\'echo "bash=${BASH_VERSION:-none}"\']\n');
    assert.match(ran.log, /^bash=none$/m);
    const bash = await build(box.store, box.src, 'version: 0.2\nenv:\n  shell: bash\nphases:\n  build:\n    commands: [\'echo "bash=${BASH_VERSION:-none}"\']\n');
    assert.match(bash.log, /^bash=\d/m);
  });

  it('resolves parameter-store and secrets-manager values and masks them everywhere', async () => {
    const params = new ParameterStore(box.store);
    params.putParameter('/app/db-password', 'hunter2-param', 'SecureString');
    params.putSecret('app/creds', JSON.stringify({ token: 'tok-s3cr3t-value', user: 'admin' }));
    const ran = await build(
      box.store,
      box.src,
      [
        'version: 0.2',
        'env:',
        '  parameter-store:',
        '    DB_PASSWORD: /app/db-password',
        '  secrets-manager:',
        '    TOKEN: app/creds:token',
        '  exported-variables: [TOKEN, LEAK]',
        'phases:',
        '  build:',
        '    commands:',
        '      - echo "db=$DB_PASSWORD token=$TOKEN"',
        '      - export LEAK="prefix-$DB_PASSWORD"',
        '      - \'[ "$DB_PASSWORD" = hunter2-param ]\'',
      ].join('\n'),
    );
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.match(ran.log, /^db=\*\*\* token=\*\*\*$/m);
    assert.deepEqual(ran.record.exportedVariables, { LEAK: 'prefix-***' }, 'a secrets-manager variable is never exported');
    const everything = ran.log + fs.readFileSync(path.join(box.home, 'builds', 'runs', fs.readdirSync(path.join(box.home, 'builds', 'runs')).find((d) => ran.record.id.endsWith(d.split('--').pop()!))!, 'build.json'), 'utf8');
    assert.doesNotMatch(everything, /hunter2|tok-s3cr3t/);
    assert.ok(ran.lines.every((l) => !l.text.includes('hunter2')));
  });

  it('fails the recorded build in DOWNLOAD_SOURCE when a parameter is missing, before any command runs', async () => {
    const before = box.store.list('builds', 'runs').length;
    const ran = await build(box.store, box.src, 'version: 0.2\nenv:\n  parameter-store:\n    X: /missing/param\nphases:\n  build:\n    commands: [echo ran]\n');
    assert.equal(ran.record.status, 'FAILED');
    assert.equal(ran.phase('DOWNLOAD_SOURCE')?.status, 'FAILED');
    assert.match(ran.phase('DOWNLOAD_SOURCE')?.contexts?.[0]?.message ?? '', /parameter \/missing\/param/);
    assert.equal(ran.phase('BUILD'), undefined);
    assert.equal(box.store.list('builds', 'runs').length, before + 1);
  });

  it('captures exported-variables after POST_BUILD and lets --env override buildspec variables', async () => {
    const ran = await build(
      box.store,
      box.src,
      'version: 0.2\nenv:\n  variables:\n    GREETING: hello\n    STAGE: dev\n  exported-variables: [GREETING, STAGE, LATE, NEVER_SET]\nphases:\n  build:\n    commands: ["echo $GREETING"]\n  post_build:\n    commands: ["LATE=set-in-post"]\n',
      { env: { STAGE: 'prod' } },
    );
    assert.deepEqual(ran.record.exportedVariables, { GREETING: 'hello', STAGE: 'prod', LATE: 'set-in-post' });
  });

  it('warns when runtime-versions does not match the machine, naming both versions', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 1\n    commands: ["true"]\n');
    const warning = ran.record.warnings.find((w) => w.includes('nodejs'));
    assert.ok(warning, JSON.stringify(ran.record.warnings));
    assert.match(warning!, new RegExp(`nodejs 1 requested, but this machine has node ${process.versions.node.replace(/\./g, '\\.')}`));
    assert.match(ran.log, /Warning: runtime-versions: nodejs 1/);
    const ok = await build(box.store, box.src, `version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: ${process.versions.node.split('.')[0]}\n`);
    assert.deepEqual(ok.record.warnings, []);
  });

  it('run-as switches user when running as root, and refuses an unknown user', { skip: process.getuid?.() !== 0 && 'needs root' }, async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nrun-as: nobody\nphases:\n  build:\n    commands: ["whoami", "touch made-by-nobody"]\n');
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.match(ran.log, /^nobody$/m);
    fs.writeFileSync(path.join(box.src, 'buildspec.yml'), 'version: 0.2\nrun-as: no-such-user-xyz\nphases:\n  build:\n    commands: [whoami]\n');
    await assert.rejects(runBuild({ store: box.store, source: box.src }), /run-as no-such-user-xyz: there is no user/);
  });

  it('never lets a build change the source folder', async () => {
    write(box.src, { 'data.txt': 'original\n' });
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["echo changed > data.txt", "rm buildspec.yml", "touch new-file"]\n');
    assert.equal(ran.record.status, 'SUCCEEDED');
    assert.equal(fs.readFileSync(path.join(box.src, 'data.txt'), 'utf8'), 'original\n');
    assert.ok(fs.existsSync(path.join(box.src, 'buildspec.yml')));
    assert.ok(!fs.existsSync(path.join(box.src, 'new-file')));
    fs.rmSync(path.join(box.src, 'data.txt'));
  });
});
