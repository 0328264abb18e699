import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { exits, isRunning, groupSandbox, tracedRevision, waitForFile, writeRevision } from './helpers';

const setup = (t: { after: (fn: () => void) => void }) => groupSandbox(t, { instances: ['a', 'b'], autoRollback: true });

/** A revision whose BeforeInstall says it started (and its pid), then waits to be killed. */
function hangingRevision(dir: string, started: string): string {
  const spec = 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\nhooks:\n  BeforeInstall:\n    - location: scripts/hang.sh\n      timeout: 600\n';
  return writeRevision(dir, { 'appspec.yml': spec, 'app/version.txt': 'hang\n', 'scripts/hang.sh': `#!/bin/sh\necho $$ > "${started}.tmp" && mv "${started}.tmp" "${started}"\nexec sleep 300\n` });
}

test('stop ends a running deployment (Stopped, later instances Skipped); with --rollback the last good revision comes back', async (t) => {
  const box = setup(t);
  const trace = path.join(box.dir, 'trace');
  assert.equal((await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') })).status, 'Succeeded');
  const started = path.join(box.dir, 'started');
  let id = '';
  const running = box.engine.start('app', 'g', { revision: hangingRevision(path.join(box.dir, 'v2'), started), onProgress: (d) => (id ||= d.id) });
  await waitForFile(started);
  await box.engine.stop(id, true);
  const stopped = await running;
  assert.equal(stopped.status, 'Stopped');
  assert.equal(stopped.instances[0].status, 'Failed');
  assert.match(stopped.instances[0].events.find((e) => e.name === 'BeforeInstall')!.message!, /stopped with the deployment/);
  assert.equal(stopped.instances[1].status, 'Skipped');
  assert.equal(await exits(Number(fs.readFileSync(started, 'utf8'))), true, 'the running script was terminated');
  const rollback = box.engine.getDeployment(stopped.rollback!.id)!;
  assert.equal(rollback.creator, 'stopRollback');
  assert.equal(rollback.status, 'Succeeded');
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/version.txt'), 'utf8'), 'v1\n');
});

test('a deployment whose process was SIGKILLed is marked Failed by the next start, its scripts killed, and rolled back', async (t) => {
  const box = setup(t);
  const trace = path.join(box.dir, 'trace');
  assert.equal((await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') })).status, 'Succeeded');
  const started = path.join(box.dir, 'started');
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'crash-child.ts'), box.store.home, 'app', 'g', hangingRevision(path.join(box.dir, 'v2'), started)], { stdio: 'ignore' });
  await waitForFile(started);
  // The record notes the hanging script's pid within 50 ms of its start; wait for that write
  // (ApplicationStop's scripts, which ran before it, are recorded the same way).
  const abandonedId = await new Promise<string>((resolve) => {
    const check = () => {
      const d = box.engine.listDeployments().find((x) => x.instances[0].events.some((e) => e.name === 'BeforeInstall' && e.process));
      if (d) resolve(d.id);
      else setTimeout(check, 20);
    };
    check();
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const script = Number(fs.readFileSync(started, 'utf8'));
  assert.equal(isRunning(script), true, 'the script outlived its deployment process');

  const settled = await box.engine.settleAbandoned();
  assert.deepEqual(settled, [{ kind: 'deployment', id: abandonedId }]);
  const failed = box.engine.getDeployment(abandonedId)!;
  assert.equal(failed.status, 'Failed');
  assert.match(failed.errorMessage!, /process running this deployment ended/);
  assert.equal(failed.instances[0].events.find((e) => e.name === 'BeforeInstall')!.status, 'Failed');
  assert.equal(failed.instances[1].status, 'Skipped');
  assert.equal(await exits(script), true, 'recovery killed the orphaned script');
  assert.equal(box.engine.getDeployment(failed.rollback!.id)!.status, 'Succeeded');
  assert.deepEqual(await box.engine.settleAbandoned(), [], 'settled once');
});
