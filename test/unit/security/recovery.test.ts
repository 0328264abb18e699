// A state home may be shipped inside a workspace, so crash recovery trusts nothing it reads
// (issue 13): it deletes only folders Slipway created (marked, under the state home or the
// temp folder) and signals only groups it can prove its own, logging one line for each skip.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { BuildStore, type BuildRecord } from '../../../runtime/builds/records';
import { markOwned, OWNER_MARKER } from '../../../runtime/common/owned-folder';
import { PipelineStore } from '../../../runtime/pipelines/engine/store';
import { settleAbandonedWork } from '../../../runtime/recovery';
import { abandonedOperation, running, securityBox, snapshot, stderrOf, victimProcess } from './crafted-state';

function victimFolder(dir: string): string {
  const victim = path.join(dir, 'victim');
  fs.mkdirSync(path.join(victim, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(victim, 'sub', 'keep.txt'), 'precious');
  return victim;
}

function craftedBuild(home: string, builds: BuildStore, id: string, extra: Partial<BuildRecord> = {}): void {
  const record = {
    id,
    arn: `arn:aws:codebuild:us-east-1:000000000000:build/${id}`,
    number: 1,
    project: 'p',
    status: 'IN_PROGRESS',
    currentPhase: 'BUILD',
    startTime: new Date().toISOString(),
    initiator: 'x',
    source: home,
    buildspec: 'buildspec.yml',
    phases: [],
    exportedVariables: {},
    secondaryArtifacts: [],
    reports: [],
    warnings: [],
    logFile: builds.logFile(id),
    ...extra,
  } as unknown as BuildRecord;
  builds.save(record);
}

test('the exact reproduction: operations/build--x.json naming any folder does not delete it (extension start, untrusted)', async (t) => {
  const box = securityBox(t);
  const victim = victimFolder(box.dir);
  const before = snapshot(victim);
  const targets = [victim, box.dir, os.homedir(), '/', path.join(box.home, '..'), 'relative/dir', 42];
  targets.forEach((workspace, i) => abandonedOperation(box.state, 'build', `x${i}`, { workspace }));
  const log = await stderrOf(() => settleAbandonedWork(box.state, false));
  assert.deepEqual(snapshot(victim), before, 'nothing outside the roots changed');
  assert.ok(fs.existsSync(box.home), 'the state home is intact');
  assert.equal(log.trim().split('\n').length, targets.length, log);
  for (const line of log.trim().split('\n')) assert.match(line, /^slipway: recovery of build x\d skipped: its workspace was kept: /);
});

test('a workspace is deleted only with the marker and token of its own operation, never through a link', async (t) => {
  const box = securityBox(t);
  const builds = new BuildStore(box.state);
  const victim = victimFolder(box.dir);
  const ours = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-own-'));
  t.after(() => fs.rmSync(ours, { recursive: true, force: true }));
  const token = markOwned(ours);
  // A marker planted by the crafted state, with a token that does not match; a link in the state home to the victim.
  fs.writeFileSync(path.join(victim, OWNER_MARKER), 'f'.repeat(32));
  fs.mkdirSync(box.home, { recursive: true });
  fs.symlinkSync(victim, path.join(box.home, 'link'));
  const before = snapshot(victim);
  abandonedOperation(box.state, 'build', 'a', { workspace: victim, token: '0'.repeat(32) });
  abandonedOperation(box.state, 'build', 'b', { workspace: path.join(box.home, 'link'), token: 'f'.repeat(32) });
  abandonedOperation(box.state, 'build', 'c', { workspace: path.join(box.home, 'link', 'sub'), token: 'f'.repeat(32) });
  abandonedOperation(box.state, 'build', 'd', { workspace: ours, token: 'not-a-token' });
  const log = await stderrOf(() => builds.settleAbandoned());
  assert.deepEqual(snapshot(victim), before);
  assert.ok(fs.existsSync(ours), 'a bad token keeps even a real workspace');
  assert.match(log, /build a skipped: .*does not match/);
  assert.match(log, /build b skipped: .*not a folder/);
  assert.match(log, /build c skipped: .*no Slipway owner marker/);
  assert.match(log, /build d skipped: .*no owner token/);
  abandonedOperation(box.state, 'build', 'e', { workspace: ours, token });
  await builds.settleAbandoned();
  assert.ok(!fs.existsSync(ours), "Slipway's own marked workspace is removed");
});

test('crafted build, pipeline and deployment records naming process groups signal nothing (1, the victim, our own)', { skip: process.platform !== 'linux' }, async (t) => {
  const box = securityBox(t);
  const victim = victimProcess(t);
  const builds = new BuildStore(box.state);
  const crafted = [{ pid: 1, startTime: '1' }, { pid: victim.pid }, { pid: victim.pid, startTime: '1' }, { pid: process.pid, startTime: '1' }, 1, victim.pid];
  crafted.forEach((group, i) => {
    craftedBuild(box.home, builds, `p:b${i}`, { processGroup: group as never });
    abandonedOperation(box.state, 'build', `p:b${i}`, {});
  });
  // A pipeline execution whose action names the victim's group.
  const pipelines = new PipelineStore(box.state);
  box.state.write({ name: 'pl', version: 1, declaration: { name: 'pl', stages: [{ name: 'S', actions: [] }, { name: 'B', actions: [] }] }, transitions: {} }, 'pipelines', 'pl', 'pipeline.json');
  box.state.write(
    {
      pipelineName: 'pl',
      pipelineVersion: 1,
      executionId: 'e1',
      status: 'InProgress',
      startTime: new Date().toISOString(),
      stages: [{ name: 'B', status: 'InProgress', attempt: 1, autoRetries: 0, actions: [{ name: 'A', status: 'InProgress', attempt: 1, processGroup: { pid: victim.pid, startTime: '7' } }] }],
      variables: {},
      namespaces: {},
      artifacts: {},
      sourceRevisions: [],
    },
    'pipelines',
    'pl',
    'executions',
    '00000001--e1.json',
  );
  abandonedOperation(box.state, 'pipeline', 'pl', { pid: 999999 });
  const log = await stderrOf(() => settleAbandonedWork(box.state, false));
  assert.ok(running(victim.pid), 'the victim still runs');
  assert.match(log, /recovery of build p:b0 skipped: its shell was not signalled: .*not a process id of 2 or more/);
  assert.match(log, /recovery of pipeline pl action A skipped: its process group was not signalled: .*another time/);
  for (const line of log.trim().split('\n')) assert.match(line, /^slipway: recovery of .* skipped: /);
  for (let i = 0; i < crafted.length; i++) assert.equal(builds.get(`p:b${i}`)?.status, 'FAILED');
  const execution = pipelines.executions('pl').find((e) => e.executionId === 'e1');
  assert.equal(execution?.status, 'Failed', 'a dead driver leaves no execution InProgress for status/list/history');
});
