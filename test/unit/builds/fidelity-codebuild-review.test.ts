// Scenario tests of CodeBuild buildspec behaviours, each named after the AWS page it follows
// (Build specification reference, build-spec-ref.html; one sandbox for the file).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { build, sandbox, write } from './helpers';

const box = sandbox();
after(() => box.cleanup());

const status = (ran: Awaited<ReturnType<typeof build>>, phase: string) => ran.phase(phase)?.status;

test('CodeBuild build-spec-ref finally: a finally block runs after a failing command, and the phase still fails', async () => {
  const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["false", "echo never"]\n    finally: ["echo cleaned-up"]\n');
  assert.equal(ran.record.status, 'FAILED');
  assert.equal(status(ran, 'BUILD'), 'FAILED');
  assert.match(ran.log, /^cleaned-up$/m);
  assert.doesNotMatch(ran.log, /^never$/m, 'the commands after a failing one do not run');
});

test('CodeBuild build-spec-ref phases: a BUILD failure goes on to POST_BUILD (with CODEBUILD_BUILD_SUCCEEDING=0) and UPLOAD_ARTIFACTS', async () => {
  const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["exit 3"]\n  post_build:\n    commands: ["echo succeeding=$CODEBUILD_BUILD_SUCCEEDING"]\n');
  assert.equal(ran.record.status, 'FAILED');
  assert.equal(status(ran, 'POST_BUILD'), 'SUCCEEDED');
  assert.match(ran.log, /^succeeding=0$/m);
  assert.ok(ran.phases.includes('UPLOAD_ARTIFACTS'));
});

test('CodeBuild build-spec-ref phases: an INSTALL or PRE_BUILD failure skips to FINALIZING (no BUILD, POST_BUILD or UPLOAD_ARTIFACTS)', async () => {
  const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  pre_build:\n    commands: ["false"]\n  build:\n    commands: ["echo never"]\n');
  assert.equal(ran.record.status, 'FAILED');
  assert.ok(!ran.phases.includes('BUILD') && !ran.phases.includes('POST_BUILD') && !ran.phases.includes('UPLOAD_ARTIFACTS'), ran.phases.join());
  assert.ok(ran.phases.includes('FINALIZING'));
});

test('CodeBuild build-spec-ref on-failure: CONTINUE moves on to the next phase; ABORT ends the build', async () => {
  const go = await build(box.store, box.src, 'version: 0.2\nphases:\n  install:\n    on-failure: CONTINUE\n    commands: ["false"]\n  build:\n    commands: ["echo build-ran"]\n');
  assert.equal(go.record.status, 'FAILED');
  assert.match(go.log, /^build-ran$/m);
  const stop = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    on-failure: ABORT\n    commands: ["false"]\n  post_build:\n    commands: ["echo post-ran"]\n');
  assert.equal(stop.record.status, 'FAILED');
  assert.doesNotMatch(stop.log, /^post-ran$/m);
  assert.ok(!stop.phases.includes('UPLOAD_ARTIFACTS'));
});

test('CodeBuild build-spec-ref version 0.2: every command runs in the same shell instance (cd and exports carry to later commands and phases)', async () => {
  fs.mkdirSync(path.join(box.src, 'sub'), { recursive: true });
  const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  install:\n    commands: ["cd sub", "export CARRIED=yes"]\n  build:\n    commands: ["echo dir=$(basename $(pwd)) carried=$CARRIED"]\n');
  assert.match(ran.log, /^dir=sub carried=yes$/m);
});

test('CodeBuild build-spec-ref artifacts: base-directory strips its prefix; discard-paths: yes flattens the files', async () => {
  write(box.src, { 'dist/app/a.js': 'a', 'dist/app/lib/b.js': 'b', 'dist/skip.map': 'm' });
  const ran = await build(
    box.store,
    box.src,
    'version: 0.2\nphases:\n  build:\n    commands: ["true"]\nartifacts:\n  base-directory: dist\n  files: ["app/**/*"]\n  secondary-artifacts:\n    flat:\n      base-directory: dist\n      files: ["app/**/*"]\n      discard-paths: yes\n',
    { keepWorkspace: false },
  );
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  const list = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  assert.deepEqual(list(ran.record.artifacts!.location), ['app/a.js', 'app/lib/b.js']);
  assert.deepEqual(list(ran.record.secondaryArtifacts[0].location), ['a.js', 'b.js']);
});

test('CodeBuild build-spec-ref artifacts/exclude-paths: excluded files are not in the artifact', async () => {
  write(box.src, { 'out/keep.txt': 'k', 'out/tmp/drop.txt': 'd', 'out/x.log': 'l' });
  const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["true"]\nartifacts:\n  files: ["out/**/*"]\n  exclude-paths: ["out/tmp/**/*", "**/*.log"]\n');
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  const files = fs.readdirSync(ran.record.artifacts!.location, { recursive: true }).map(String).filter((f) => f.includes('.'));
  assert.deepEqual(files.sort(), [path.join('out', 'keep.txt')]);
});

test('CodeBuild build-spec-ref exported-variables: the value exported is the one at the end of the build (post_build included)', async () => {
  const ran = await build(box.store, box.src, 'version: 0.2\nenv:\n  exported-variables: [STAGE]\nphases:\n  build:\n    commands: ["export STAGE=build"]\n  post_build:\n    commands: ["export STAGE=post"]\n');
  assert.deepEqual(ran.record.exportedVariables, { STAGE: 'post' });
});

test('CodeBuild build-spec-ref on-failure: RETRY-2 runs a failing phase again up to two more times', async () => {
  const counter = path.join(box.root, 'attempts');
  const ran = await build(box.store, box.src, `version: 0.2\nphases:\n  build:\n    on-failure: RETRY-2\n    commands: ["echo x >> ${counter}", "test $(wc -l < ${counter}) -ge 3"]\n`);
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  assert.equal(fs.readFileSync(counter, 'utf8').split('\n').filter(Boolean).length, 3);
});

test('CodeBuild build-env-ref-env-vars: a start-build override beats the buildspec\'s env variables; CODEBUILD_SRC_DIR is where commands start', async () => {
  const ran = await build(box.store, box.src, 'version: 0.2\nenv:\n  variables:\n    LEVEL: buildspec\n    PORT: 8080\nphases:\n  build:\n    commands: [\'echo level=$LEVEL port=$PORT\', \'test "$(pwd)" = "$CODEBUILD_SRC_DIR" && echo in-src\']\n', { env: { LEVEL: 'override' } });
  assert.match(ran.log, /^level=override port=8080$/m);
  assert.match(ran.log, /^in-src$/m);
});

test('CodeBuild build-spec-ref artifacts/files: no file matching the patterns fails UPLOAD_ARTIFACTS ("no matching artifact paths found")', async () => {
  const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["true"]\nartifacts:\n  files: ["nothing-here/**/*"]\n');
  assert.equal(ran.record.status, 'FAILED');
  assert.equal(status(ran, 'UPLOAD_ARTIFACTS'), 'FAILED');
  assert.match(JSON.stringify(ran.phase('UPLOAD_ARTIFACTS')?.contexts), /no matching artifact paths found/);
});

test('CodeBuild test-reporting: failed test cases are reported without failing a build whose commands succeeded', async () => {
  write(box.src, { 'reports/r.xml': '<testsuite name="s" tests="2" failures="1"><testcase name="ok"/><testcase name="bad"><failure message="boom"/></testcase></testsuite>' });
  const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["true"]\nreports:\n  unit:\n    files: ["reports/*.xml"]\n    file-format: JUNITXML\n');
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  assert.equal(ran.record.reports[0].status, 'FAILED');
});

test('CodeBuild build-env-ref-env-vars CODEBUILD_BUILD_NUMBER: builds of one project are numbered 1, 2, 3 …', async () => {
  const spec = 'version: 0.2\nphases:\n  build:\n    commands: ["echo number=$CODEBUILD_BUILD_NUMBER"]\n';
  const first = await build(box.store, box.src, spec);
  const second = await build(box.store, box.src, spec);
  assert.equal(second.record.number, first.record.number + 1);
  assert.match(second.log, new RegExp(`^number=${second.record.number}$`, 'm'));
});
