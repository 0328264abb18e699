// Stepping into a paused build (CodeBuild user guide, "View a running build in Session Manager":
// codebuild-breakpoint pauses a build that has a session; codebuild-resume continues it; without
// a session both are ignored).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { attachPlan, resumeBuild } from '../../../runtime/builds/debug-session';
import { BuildStore, type BuildRecord } from '../../../runtime/builds/records';
import { startBuild, type BuildRequest } from '../../../runtime/builds/runner';
import { sandbox, write } from './helpers';

const BREAKPOINT = [
  'version: 0.2',
  'env:',
  '  exported-variables: [GREETING, WHERE]',
  'phases:',
  '  pre_build:',
  '    commands:',
  '      - export BEFORE=set-before-the-pause',
  '      - codebuild-breakpoint',
  '  build:',
  '    commands:',
  '      - export WHERE="$(basename "$(pwd)")"',
  "      - 'echo \"after the pause: $GREETING $BEFORE in $WHERE\"'",
  '',
].join('\n');

/** Starts a build and resolves with its handle once it reports a pause (from its own updates, no polling). */
async function startPaused(request: BuildRequest) {
  let onPause: (record: BuildRecord) => void = () => undefined;
  const paused = new Promise<BuildRecord>((resolve) => (onPause = resolve));
  const handle = await startBuild({ ...request, onUpdate: (record) => record.paused && onPause(record) });
  return { handle, paused: await Promise.race([paused, handle.finished.then((r) => assert.fail(`the build ended ${r.status} without pausing`))]) };
}

/** Runs the attached shell with `input` typed into it (it is interactive: `sh -i`). */
function attached(builds: BuildStore, id: string, input: string): Promise<string> {
  const plan = attachPlan(builds, id, { TERM: 'dumb' });
  const child = spawn(plan.file, plan.args, { env: plan.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', () => resolve(output)));
}

describe('debug sessions', () => {
  let box: ReturnType<typeof sandbox>;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  for (const shell of ['bash', 'sh'])
  it(`codebuild-breakpoint pauses with the shell state intact; what the attached shell does carries into the rest of the build (${shell})`, async () => {
    write(box.src, { 'buildspec.yml': BREAKPOINT.replace('env:\n', `env:\n  shell: ${shell}\n`), 'sub/keep.txt': 'x' });
    const { handle, paused } = await startPaused({ store: box.store, source: box.src, debugSession: {} });
    assert.equal(paused.paused?.phase, 'PRE_BUILD');
    assert.equal(paused.paused?.reason, 'breakpoint');
    const builds = new BuildStore(box.store);
    assert.equal(builds.get(handle.id)?.paused?.command, 'codebuild-breakpoint', 'other processes see the pause in the record');
    const output = await attached(builds, handle.id, 'echo "inside: $BEFORE"\nexport GREETING=hello\ncd sub\ncodebuild-resume\n');
    assert.match(output, /inside: set-before-the-pause/, 'the attached shell has the build\'s exported variables');
    const record = await handle.finished;
    assert.equal(record.status, 'SUCCEEDED');
    assert.equal(record.paused, undefined);
    assert.deepEqual(record.exportedVariables, { GREETING: 'hello', WHERE: 'sub' });
    assert.match(fs.readFileSync(record.logFile, 'utf8'), /after the pause: hello set-before-the-pause in sub/);
    assert.equal(record.debugSession?.sessionEnabled, true);
  });

  it('without a debug session codebuild-breakpoint is ignored, as CodeBuild ignores it', async () => {
    write(box.src, { 'buildspec.yml': BREAKPOINT });
    const { handle } = { handle: await startBuild({ store: box.store, source: box.src, onUpdate: (r) => assert.equal(r.paused, undefined) }) };
    const record = await handle.finished;
    assert.equal(record.status, 'SUCCEEDED');
    assert.match(fs.readFileSync(record.logFile, 'utf8'), /Ignoring codebuild-breakpoint: the build has no debug session/);
  });

  it('pause-on-failure stops at the first failing command; --retry runs it again after the attached shell fixed the cause', async () => {
    write(box.src, { 'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - test -f fixed.txt\n      - echo fixed and done\n' });
    const { handle, paused } = await startPaused({ store: box.store, source: box.src, debugSession: { pauseOnFailure: true } });
    assert.deepEqual({ reason: paused.paused?.reason, command: paused.paused?.command, exitCode: paused.paused?.exitCode }, { reason: 'failure', command: 'test -f fixed.txt', exitCode: 1 });
    await attached(new BuildStore(box.store), handle.id, 'touch fixed.txt\ncodebuild-resume --retry\n');
    const record = await handle.finished;
    assert.equal(record.status, 'SUCCEEDED');
    assert.match(fs.readFileSync(record.logFile, 'utf8'), /fixed and done/);
  });

  it('resuming without retry keeps the failure: the phase fails as it would have', async () => {
    write(box.src, { 'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - "false"\n' });
    const { handle } = await startPaused({ store: box.store, source: box.src, debugSession: { pauseOnFailure: true } });
    resumeBuild(new BuildStore(box.store), handle.id);
    const record = await handle.finished;
    assert.equal(record.status, 'FAILED');
    assert.equal(record.phases.find((p) => p.name === 'BUILD')?.status, 'FAILED');
  });

  it('stop works while paused, and paused time within the limit does not count against the timeout', async () => {
    write(box.src, { 'buildspec.yml': BREAKPOINT });
    const { handle } = await startPaused({ store: box.store, source: box.src, timeoutSeconds: 2, debugSession: { pauseLimitSeconds: 3600 } });
    // The build would have timed out after 2 s; it is still paused when another process asks it to stop.
    const builds = new BuildStore(box.store);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // lets the original timeout pass while paused: nothing to wait on
    assert.equal(builds.get(handle.id)?.status, 'IN_PROGRESS');
    builds.requestStop(handle.id);
    const record = await handle.finished;
    assert.equal(record.status, 'STOPPED');
  });

  it('beyond the pause limit, paused time counts: a build paused with no limit times out while paused', async () => {
    write(box.src, { 'buildspec.yml': BREAKPOINT });
    const { handle } = await startPaused({ store: box.store, source: box.src, timeoutSeconds: 1, debugSession: { pauseLimitSeconds: 0 } });
    const record = await handle.finished;
    assert.equal(record.status, 'TIMED_OUT');
    assert.equal(record.phases.find((p) => p.name === 'PRE_BUILD')?.status, 'TIMED_OUT');
  });

  it('refuses to attach to or resume a build that is not paused, and retry after a breakpoint', async () => {
    write(box.src, { 'buildspec.yml': BREAKPOINT });
    const { handle } = await startPaused({ store: box.store, source: box.src, debugSession: {} });
    const builds = new BuildStore(box.store);
    assert.throws(() => resumeBuild(builds, handle.id, 'retry'), /paused at a breakpoint, not a failure/);
    resumeBuild(builds, handle.id);
    const record = await handle.finished;
    assert.throws(() => attachPlan(builds, record.id), /is not paused \(status SUCCEEDED\)/);
    assert.throws(() => resumeBuild(builds, record.id), /is not paused/);
    assert.ok(!fs.existsSync(path.join(builds.dir(record.id), 'debug-session.json')), 'the session channel is gone with the pause');
  });
});
