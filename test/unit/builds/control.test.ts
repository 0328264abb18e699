import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { main } from '../../../runtime/cli/main';
import { BuildStore } from '../../../runtime/builds/records';
import { runBuild, startBuild } from '../../../runtime/builds/runner';
import { testCli } from '../cli-bundle';
import { sandbox, waitFor } from './helpers';

/** Dead, or a zombie nobody reaped yet (a container's pid 1 may never reap). */
function gone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** `gone(pid)` once the kernel has delivered a SIGKILL sent just before (it may take a moment on a busy machine); false after 5 s. */
async function goneSoon(pid: number): Promise<boolean> {
  for (let waited = 0; !gone(pid); waited += 50) {
    if (waited >= 5000) return false;
    await setTimeout(50);
  }
  return true;
}

const SLOW = 'version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 1000 & echo $! > "$CODEBUILD_SRC_DIR/../bg.pid"; sleep 1000\n';

describe('build control', () => {
  let box: ReturnType<typeof sandbox>;
  before(() => {
    box = sandbox();
    fs.writeFileSync(path.join(box.src, 'buildspec.yml'), SLOW);
  });
  after(() => box.cleanup());

  it('--timeout ends the build TIMED_OUT and kills the whole process tree', async () => {
    let bgFile = '';
    const record = await runBuild({
      store: box.store,
      source: box.src,
      timeoutSeconds: 1,
      keepWorkspace: true,
      onLog: (line) => {
        if (line.text.includes('Source:')) bgFile = path.join(/ in (\S+)$/.exec(line.text)![1], '..', 'bg.pid');
      },
    });
    assert.equal(record.status, 'TIMED_OUT');
    assert.equal(record.phases.find((p) => p.name === 'BUILD')?.status, 'TIMED_OUT');
    assert.ok(!record.phases.some((p) => p.name === 'POST_BUILD'));
    const pid = Number(fs.readFileSync(bgFile, 'utf8'));
    assert.ok(await goneSoon(pid), `background process ${pid} still runs`);
    fs.rmSync(path.dirname(record.workspace!), { recursive: true, force: true });
  });

  it('a stop requested before the record names the shell still ends the running command (StopBuild from another process)', async () => {
    // What StopBuild does when the record it reads has no process group yet: only the request file.
    const marker = path.join(box.root, 'finished-anyway');
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    fs.writeFileSync(path.join(box.src, 'stop-window.yml'), `version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 20; touch ${marker}\n`);
    const handle = await startBuild({ store: box.store, source: box.src, buildspec: 'stop-window.yml', onLog: (l) => l.text.includes('Running command sleep') && started() });
    await running;
    fs.writeFileSync(new BuildStore(box.store).stopFile(handle.record.id), new Date().toISOString());
    const record = await handle.finished;
    assert.equal(record.status, 'STOPPED');
    assert.equal(fs.existsSync(marker), false, 'the command ran to its end after the stop was requested');
  });

  it('stop ends the build STOPPED', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const handle = await startBuild({ store: box.store, source: box.src, onLog: (l) => l.text.includes('Running command sleep') && started() });
    await running;
    handle.stop();
    const record = await handle.finished;
    assert.equal(record.status, 'STOPPED');
    assert.equal(record.phases.find((p) => p.name === 'BUILD')?.status, 'STOPPED');
  });

  it('`slipway build stop` from another command ends a running build', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const handle = await startBuild({ store: box.store, source: box.src, onLog: (l) => l.text.includes('Running command sleep') && started() });
    await running;
    const builds = new BuildStore(box.store);
    await waitFor(path.dirname(builds.logFile(handle.id)), () => !!builds.get(handle.id)?.processGroup);
    const out: string[] = [];
    process.env.SLIPWAY_HOME = box.home;
    const code = await main(['build', 'stop', handle.id], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) }, box.root);
    assert.equal(code, 0, out.join(''));
    delete process.env.SLIPWAY_HOME;
    const record = await handle.finished;
    assert.equal(record.status, 'STOPPED');
  });

  it('a runner killed with SIGKILL leaves a build the next start marks FAILED', async () => {
    const env = { ...process.env, SLIPWAY_HOME: box.home };
    const [command, ...argv] = testCli();
    const child = spawn(command, [...argv, 'build', 'run', box.src], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (stderr.includes('Running command sleep')) resolve();
      });
      child.on('exit', () => reject(new Error(`runner ended early: ${stderr}`)));
    });
    const builds = new BuildStore(box.store);
    const id = builds.list().find((b) => b.status === 'IN_PROGRESS')!.id;
    await waitFor(path.dirname(builds.logFile(id)), () => !!builds.get(id)?.processGroup);
    const pgid = builds.get(id)!.processGroup!.pid;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    assert.equal(builds.get(id)?.status, 'IN_PROGRESS');
    assert.deepEqual(await builds.settleAbandoned(), [{ kind: 'build', id }]);
    const record = builds.get(id)!;
    assert.equal(record.status, 'FAILED');
    assert.equal(record.phases.find((p) => p.name === 'BUILD')?.contexts?.[0].statusCode, 'RUNNER_DIED');
    assert.ok(await goneSoon(pgid), 'the orphaned shell was ended');
    assert.deepEqual(await builds.settleAbandoned(), []);
  });

  it('several builds at once never interfere', async () => {
    fs.writeFileSync(path.join(box.src, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "$WHO" > who.txt\n      - cat who.txt\n');
    const records = await Promise.all(['a', 'b', 'c'].map((who) => runBuild({ store: box.store, source: box.src, env: { WHO: who } })));
    assert.deepEqual(new Set(records.map((r) => r.number)).size, 3);
    for (const [i, who] of ['a', 'b', 'c'].entries()) {
      assert.equal(records[i].status, 'SUCCEEDED');
      assert.match(fs.readFileSync(records[i].logFile, 'utf8'), new RegExp(`^${who}$`, 'm'));
    }
    assert.ok(!fs.existsSync(path.join(box.src, 'who.txt')));
  });
});
