import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runUntilRest, startExecution, stopExecution, type ExecutionRecord } from '../../../runtime/pipelines';
import { actionOf, cli, command, create, fileAppears, gitRepo, localSource, sandbox, type Sandbox } from './helpers';

/** True when the process is gone (or a zombie nobody reaped yet). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return / Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^\d+ \(.*\)/, ''));
  } catch {
    return true;
  }
}

/** Resolves when the pipeline's first execution satisfies the predicate (watching its folder). */
function recorded(box: Sandbox, name: string, predicate: (e: ExecutionRecord) => boolean): Promise<void> {
  const dir = box.state.ensure('pipelines', name, 'executions');
  return new Promise((resolve) => {
    const check = () => {
      const first = box.pipelines.executions(name)[0];
      if (first && predicate(first)) {
        watcher.close();
        resolve();
      }
    };
    const watcher = fs.watch(dir, check);
    check();
  });
}

test('stop --abandon ends the running action and stops the execution', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const started = path.join(box.dir, 'started');
    const name = create(box, `pipeline:\n  name: abandon\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Long', `touch ${started}; sleep 30`)}    - name: Next\n      actions:\n${command('Next', 'true')}`);
    const execution = startExecution(box.state, name);
    const driving = runUntilRest(box.state, name, execution.executionId);
    await fileAppears(started);
    const stopped = await stopExecution(box.state, name, { abandon: true, reason: 'wrong commit' });
    await driving;
    assert.equal(stopped.status, 'Stopped');
    assert.equal(stopped.statusSummary, 'wrong commit');
    assert.equal(actionOf(stopped, 'Build', 'Long').status, 'Abandoned');
    assert.equal(stopped.stages[1].status, 'Stopped');
    assert.equal(stopped.stages[2].status, 'NotStarted');
  } finally {
    box.cleanup();
  }
});

test('stop without --abandon lets the running action finish, then starts nothing more', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const started = path.join(box.dir, 'started');
    const release = path.join(box.dir, 'release');
    const name = create(
      box,
      `pipeline:\n  name: finish\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Wait', `touch ${started}; i=0; while [ ! -e ${release} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; test -e ${release}`)}    - name: Next\n      actions:\n${command('Next', 'true')}`,
    );
    const execution = startExecution(box.state, name);
    const driving = runUntilRest(box.state, name, execution.executionId);
    await fileAppears(started);
    const stopping = stopExecution(box.state, name, {}); // records the request before it first awaits
    assert.ok(box.pipelines.requireExecution(name, execution.executionId).stopRequest);
    fs.writeFileSync(release, '');
    const stopped = await stopping;
    await driving;
    assert.equal(stopped.status, 'Stopped');
    assert.equal(actionOf(stopped, 'Build', 'Wait').status, 'Succeeded');
    assert.equal(stopped.stages[2].status, 'NotStarted');
  } finally {
    box.cleanup();
  }
});

test('a process SIGKILLed mid-action leaves an execution that the next start marks Failed', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const pidFile = path.join(box.dir, 'pid');
    const name = create(
      box,
      `pipeline:\n  name: crash\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Long', `if [ -e ${pidFile} ]; then exit 0; fi; echo $$ > ${pidFile}.tmp && mv ${pidFile}.tmp ${pidFile}; sleep 60`)}`,
    );
    const child = cli(box, ['pipeline', 'start', name, '--wait']);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await fileAppears(pidFile);
    const actionPid = Number(fs.readFileSync(pidFile, 'utf8'));
    // The driver records the command's process group right after spawning it; kill after that.
    await recorded(box, name, (e) => e.stages[1].actions[0].processGroup !== undefined);
    child.kill('SIGKILL');
    await exited;
    const crashed = box.pipelines.executions(name)[0];
    assert.equal(crashed.status, 'InProgress', 'the dead process left it in progress');

    const next = startExecution(box.state, name);
    const done = (await runUntilRest(box.state, name, next.executionId))!;
    const recovered = box.pipelines.requireExecution(name, crashed.executionId);
    assert.equal(recovered.status, 'Failed');
    assert.match(actionOf(recovered, 'Build', 'Long').errorMessage!, /the process running this action \(pid \d+\) ended before it finished/);
    assert.ok(gone(actionPid), 'the orphaned command was ended too');
    assert.equal(done.status, 'Succeeded', 'the next execution runs normally');
    assert.deepEqual(box.state.abandonedOperations('pipeline'), []);
  } finally {
    box.cleanup();
  }
});
