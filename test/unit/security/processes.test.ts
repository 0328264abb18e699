// Signals go only to process groups provably Slipway's own (issue 13, "Recovery trusts nothing
// it reads"): pid and start time recorded and matched, never a group id below 2, never a group
// that is not the recorded child's.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { killGroup, killRecordedGroup, spawnGroup, startTimeOf, groupOf } from '../../../runtime/common/process';
import { main } from '../../../runtime/cli/main';
import { StackEngine } from '../../../runtime/stacks/engine';
import { StateStore } from '../../../runtime/common/state';
import { crashedStackDeploy } from '../stacks/crashed-deploy';
import { running, victimProcess } from './crafted-state';

const linux = process.platform === 'linux';

/** Waits (at most 5 s) for a signalled process to finish dying: no event tells it, so this polls. */
async function ended(pid: number): Promise<void> {
  for (let i = 0; i < 250 && running(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('crafted group ids are refused with a reason: below 2, negative, fractional, not numbers', { skip: !linux }, () => {
  for (const pid of [1, 0, -1, 1.5, Number.NaN, '1', null]) {
    const outcome = killRecordedGroup({ pid, startTime: '1' });
    assert.equal(outcome.killed, false);
    assert.match((outcome as { reason: string }).reason, /not a process id of 2 or more/);
  }
  for (const crafted of [undefined, null, 42, 'x', [], {}]) assert.equal(killRecordedGroup(crafted).killed, false);
});

test('a live group is not signalled without its recorded start time, or with another one (pid reuse)', { skip: !linux }, (t) => {
  const victim = victimProcess(t);
  for (const startTime of [undefined, '', 'abc', String(Number(victim.startTime) + 1), '0']) {
    const outcome = killRecordedGroup({ pid: victim.pid, startTime });
    assert.equal(outcome.killed, false, `start time ${startTime}`);
    assert.match((outcome as { reason: string }).reason, /no recorded start time|another time than the recorded one/);
  }
  assert.ok(running(victim.pid), 'the victim still runs');
});

test("Slipway's own process and group, and a process that does not lead its group, are never signalled", { skip: !linux }, (t) => {
  const own = killRecordedGroup({ pid: process.pid, startTime: startTimeOf(process.pid) });
  assert.match((own as { reason: string }).reason, /Slipway's own/);
  // A child of a detached shell: its group is the shell's, not its own.
  const shell = spawn('/bin/sh', ['-c', 'sleep 300 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => process.kill(-shell.pid!, 'SIGKILL'));
  return new Promise<void>((resolve) => {
    shell.stdout!.once('data', (chunk: Buffer) => {
      const member = Number(chunk.toString().trim());
      const outcome = killRecordedGroup({ pid: member, startTime: startTimeOf(member) });
      assert.match((outcome as { reason: string }).reason, /does not lead its own process group/);
      assert.ok(running(member));
      resolve();
    });
  });
});

test('the recorded group of a child Slipway started is killed', { skip: !linux }, async (t) => {
  const child = spawnGroup('/bin/sh', ['-c', 'sleep 300 & wait'], { stdio: 'ignore' });
  t.after(() => killGroup(child, 'SIGKILL'));
  const group = groupOf(child)!;
  assert.equal(group.pid, child.pid);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  assert.deepEqual(killRecordedGroup(group), { killed: true });
  await exited;
});

test('killGroup ends what a script left behind after it exited (hook timeouts used to return early)', { skip: !linux }, async (t) => {
  const child = spawnGroup('/bin/sh', ['-c', 'sleep 300 >/dev/null 2>&1 & echo $!'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let background = 0;
  child.stdout!.on('data', (c: Buffer) => (background = Number(c.toString().trim())));
  await new Promise((resolve) => child.once('close', resolve));
  t.after(() => running(background) && process.kill(background, 'SIGKILL'));
  assert.ok(running(background), 'the background process outlived its script');
  killGroup(child, 'SIGKILL');
  await ended(background);
  assert.ok(!running(background), 'the whole group went');
});

test('a SIGKILLed stack deploy ends its Slipway::Local::Command on settle (not left running through ROLLBACK_COMPLETE)', { skip: !linux }, async () => {
  const { dir, home, orphan } = await crashedStackDeploy({ keepOrphan: true });
  try {
    assert.ok(running(orphan), 'the command outlived the deploy');
    const engine = new StackEngine(new StateStore(home));
    assert.deepEqual(await engine.settleAbandoned(), [{ kind: 'stack', id: 'crash' }]);
    assert.equal(engine.describe('crash').status, 'ROLLBACK_COMPLETE');
    await ended(orphan);
    assert.ok(!running(orphan), 'the command was killed with its group');
    assert.equal(engine.describe('crash').resources.Slow?.process, undefined, 'no process left recorded');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--timeout beyond Node timers (2^31-1 ms) is refused with a one-line reason instead of firing at once', async () => {
  for (const value of ['100000000', '2147484', '1e309', '-5', '0', 'soon']) {
    let stderr = '';
    const code = await main(['build', 'run', path.resolve(__dirname), `--timeout=${value}`], { stdout: () => {}, stderr: (text) => (stderr += text) });
    assert.equal(code, 2, value);
    assert.match(stderr, /--timeout expects a number of seconds from 1 to 129600/);
    assert.equal(stderr.trim().split('\n').length, 1);
  }
});
