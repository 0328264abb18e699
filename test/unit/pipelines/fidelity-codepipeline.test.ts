// Scenario tests of CodePipeline behaviours, each named after the AWS page it follows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { retryStage, runUntilRest, startExecution, stopExecution, PipelineStore } from '../../../runtime/pipelines';
import { actionOf, cli, cliResult, command, create, fileAppears, gitRepo, localSource, run, sandbox } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('CodePipeline RetryStageExecution: ALL_ACTIONS re-runs every action of the stage, FAILED_ACTIONS only the failed ones', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const fixed = path.join(box.dir, 'fixed');
    const name = create(box, `pipeline:\n  name: modes\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Good', 'true')}${command('Flaky', `test -e ${fixed}`)}`);
    const failed = await run(box, name);
    assert.equal(failed.status, 'Failed');
    assert.throws(() => retryStage(box.state, name, 'Build', failed.executionId, 'SOME' as never), /retry mode must be FAILED_ACTIONS or ALL_ACTIONS/);
    retryStage(box.state, name, 'Build', failed.executionId, 'ALL_ACTIONS');
    const again = (await runUntilRest(box.state, name, failed.executionId))!;
    assert.equal(again.status, 'Failed');
    assert.equal(actionOf(again, 'Build', 'Good').attempt, 2, 'ALL_ACTIONS ran the succeeded action again');
    fs.writeFileSync(fixed, '');
    retryStage(box.state, name, 'Build', failed.executionId, 'FAILED_ACTIONS');
    const done = (await runUntilRest(box.state, name, failed.executionId))!;
    assert.equal(done.status, 'Succeeded');
    assert.equal(actionOf(done, 'Build', 'Good').attempt, 2, 'FAILED_ACTIONS left it alone');
    assert.equal(actionOf(done, 'Build', 'Flaky').attempt, 3);
    assert.match(done.executionId, UUID);
  } finally {
    box.cleanup();
  }
});

test('CodePipeline stop a pipeline execution: a stage of a Stopped execution can be retried; a second stop-and-wait is refused', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const started = path.join(box.dir, 'started');
    const release = path.join(box.dir, 'release');
    const name = create(
      box,
      `pipeline:\n  name: stopped\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Wait', `touch ${started}; i=0; while [ ! -e ${release} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; test -e ${release}`)}${command('Later', 'true', '          runOrder: 2\n')}`,
    );
    const execution = startExecution(box.state, name);
    const driving = runUntilRest(box.state, name, execution.executionId);
    await fileAppears(started);
    const stopping = stopExecution(box.state, name, {});
    await assert.rejects(stopExecution(box.state, name, {}), /already Stopping \(stop and wait\); only --abandon can be asked now/);
    fs.writeFileSync(release, '');
    const stopped = await stopping;
    await driving;
    assert.equal(stopped.status, 'Stopped');
    assert.equal(actionOf(stopped, 'Build', 'Later').status, 'NotStarted');

    retryStage(box.state, name, 'Build', stopped.executionId);
    const done = (await runUntilRest(box.state, name, stopped.executionId))!;
    assert.equal(done.status, 'Succeeded');
    assert.equal(actionOf(done, 'Build', 'Later').status, 'Succeeded');
    assert.equal(new PipelineStore(box.state).requireExecution(name, done.executionId).stopRequest, undefined);
  } finally {
    box.cleanup();
  }
});

test('CodePipeline StartPipelineExecution: start answers with a UUID pipelineExecutionId at once; --wait drives it to the end', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const release = path.join(box.dir, 'release');
    const done = path.join(box.dir, 'done');
    const name = create(box, `pipeline:\n  name: async\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Wait', `while [ ! -e ${release} ]; do sleep 0.05; done; touch ${done}`)}`);
    const started = await cliResult(cli(box, ['pipeline', 'start', name, '--json']));
    assert.equal(started.code, 0, started.stderr);
    const { pipelineExecutionId } = JSON.parse(started.stdout);
    assert.match(pipelineExecutionId, UUID);
    // The command returned while the action still waits for `release`: the execution is running in the background.
    assert.equal(new PipelineStore(box.state).requireExecution(name, pipelineExecutionId).status, 'InProgress');
    fs.writeFileSync(release, '');
    await fileAppears(done);

    const waited = await cliResult(cli(box, ['pipeline', 'start', name, '--wait', '--json']));
    assert.equal(waited.code, 0, waited.stderr);
    // GetPipelineExecution's shape, under pipelineExecution.
    assert.equal(JSON.parse(waited.stdout).pipelineExecution.status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});
