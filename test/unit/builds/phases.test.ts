import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { build, sandbox } from './helpers';

const ALL = ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING', 'COMPLETED'];

describe('phase transitions', () => {
  let box: ReturnType<typeof sandbox>;
  before(() => {
    box = sandbox();
  });
  after(() => box.cleanup());

  it('a successful build goes through every phase with durations', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hello\n');
    assert.equal(ran.record.status, 'SUCCEEDED');
    assert.deepEqual(ran.phases, ALL);
    for (const p of ran.record.phases.slice(0, -1)) assert.equal(typeof p.durationMs, 'number');
    assert.match(ran.log, /Entering phase BUILD\n.*Running command echo hello\nhello\n/);
  });

  it('an INSTALL failure skips to FINALIZING', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  install:\n    commands: ["false", "echo never"]\n  build:\n    commands: [echo build]\n');
    assert.equal(ran.record.status, 'FAILED');
    assert.deepEqual(ran.phases, ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'FINALIZING', 'COMPLETED']);
    assert.equal(ran.phase('INSTALL')?.status, 'FAILED');
    assert.equal(ran.phase('INSTALL')?.contexts?.[0].statusCode, 'COMMAND_EXECUTION_ERROR');
    assert.doesNotMatch(ran.log, /never|^build$/m);
  });

  it('a PRE_BUILD failure skips to FINALIZING', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  pre_build:\n    commands: ["exit 3"]\n  build:\n    commands: [echo build]\n  post_build:\n    commands: [echo post]\n');
    assert.equal(ran.record.status, 'FAILED');
    assert.deepEqual(ran.phases, ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'FINALIZING', 'COMPLETED']);
    assert.match(ran.phase('PRE_BUILD')!.contexts![0].message, /exit status 3/);
  });

  it('a BUILD failure still runs POST_BUILD with CODEBUILD_BUILD_SUCCEEDING=0 and attempts UPLOAD_ARTIFACTS', async () => {
    const ran = await build(
      box.store,
      box.src,
      'version: 0.2\nphases:\n  build:\n    commands: ["echo out > out.txt", "false"]\n  post_build:\n    commands: [\'echo "succeeding=$CODEBUILD_BUILD_SUCCEEDING"\']\nartifacts:\n  files: [out.txt]\n',
    );
    assert.equal(ran.record.status, 'FAILED');
    assert.deepEqual(ran.phases, ALL);
    assert.equal(ran.phase('BUILD')?.status, 'FAILED');
    assert.equal(ran.phase('POST_BUILD')?.status, 'SUCCEEDED');
    assert.equal(ran.phase('UPLOAD_ARTIFACTS')?.status, 'SUCCEEDED');
    assert.match(ran.log, /^succeeding=0$/m);
    assert.equal(ran.record.artifacts?.files, 1);
  });

  it('a POST_BUILD failure still uploads artifacts and fails the build', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  post_build:\n    commands: ["false"]\nartifacts:\n  files: [buildspec.yml]\n');
    assert.equal(ran.record.status, 'FAILED');
    assert.equal(ran.phase('UPLOAD_ARTIFACTS')?.status, 'SUCCEEDED');
  });

  it('finally runs after a failing command, and the phase still fails', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["false", "echo skipped"]\n    finally: ["echo cleanup ran"]\n');
    assert.equal(ran.phase('BUILD')?.status, 'FAILED');
    assert.match(ran.log, /^cleanup ran$/m);
    assert.doesNotMatch(ran.log, /^skipped$/m);
  });

  it('finally runs after success too, and a failing finally fails the phase', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["echo main"]\n    finally: ["echo fin", "false"]\n');
    assert.match(ran.log, /^main$\n(.*\n)*fin$/m);
    assert.equal(ran.phase('BUILD')?.status, 'FAILED');
  });

  it('on-failure CONTINUE goes on to the next phase; the build still fails', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  pre_build:\n    on-failure: CONTINUE\n    commands: ["false"]\n  build:\n    commands: ["echo build ran"]\n');
    assert.equal(ran.phase('PRE_BUILD')?.status, 'FAILED');
    assert.equal(ran.phase('BUILD')?.status, 'SUCCEEDED');
    assert.match(ran.log, /^build ran$/m);
    assert.equal(ran.record.status, 'FAILED');
  });

  it('on-failure ABORT in BUILD skips POST_BUILD and UPLOAD_ARTIFACTS', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    on-failure: ABORT\n    commands: ["false"]\n  post_build:\n    commands: ["echo post ran"]\n');
    assert.deepEqual(ran.phases, ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'FINALIZING', 'COMPLETED']);
    assert.doesNotMatch(ran.log, /post ran$/m);
  });

  it('on-failure RETRY-count reruns the phase until it succeeds', async () => {
    const ran = await build(
      box.store,
      box.src,
      'version: 0.2\nphases:\n  build:\n    on-failure: RETRY-3\n    commands:\n      - \'n=$(cat /tmp/$CODEBUILD_BUILD_NUMBER-try 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/$CODEBUILD_BUILD_NUMBER-try; echo "try $n"; [ $n -ge 3 ]\'\n      - rm -f /tmp/$CODEBUILD_BUILD_NUMBER-try\n',
    );
    assert.equal(ran.phase('BUILD')?.status, 'SUCCEEDED');
    assert.equal(ran.record.status, 'SUCCEEDED');
    assert.match(ran.log, /^try 3$/m);
    assert.equal((ran.log.match(/Retrying phase BUILD/g) ?? []).length, 2);
  });

  it('on-failure RETRY-regex does not retry when the output does not match', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    on-failure: RETRY-2-network glitch\n    commands: ["echo compile error; false"]\n');
    assert.equal(ran.phase('BUILD')?.status, 'FAILED');
    assert.doesNotMatch(ran.log, /Retrying/);
    assert.match(ran.log, /Not retrying BUILD/);
  });
});
