import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { executionView, retryStage, runUntilRest, setTransition, PipelineStore } from '../../../runtime/pipelines';
import { actionOf, commit, command, create, gitRepo, localSource, run, sandbox } from './helpers';

test('a disabled transition holds executions at the stage boundary until it is enabled', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const name = create(box, `pipeline:\n  name: gate\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Build', 'true')}`);
    assert.throws(() => setTransition(box.state, name, 'Build', false), /needs --reason/);
    assert.throws(() => setTransition(box.state, name, 'Source', false, 'x'), /first stage/);
    setTransition(box.state, name, 'Build', false, 'release freeze');
    const held = await run(box, name);
    assert.equal(held.status, 'InProgress');
    assert.equal(held.stages[1].status, 'NotStarted');
    const view = executionView(new PipelineStore(box.state).require(name), held);
    assert.deepEqual(view.stages[1].inboundTransition, { enabled: false, reason: 'release freeze' });
    setTransition(box.state, name, 'Build', true);
    const done = (await runUntilRest(box.state, name, held.executionId))!;
    assert.equal(done.status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});

test('retry re-runs only the failed actions of the failed stage', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const fixed = path.join(box.dir, 'fixed');
    const name = create(
      box,
      `pipeline:\n  name: retry\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Good', 'true')}${command('Flaky', `test -e ${fixed}`)}    - name: After\n      actions:\n${command('After', 'true')}`,
    );
    const failed = await run(box, name);
    assert.equal(failed.status, 'Failed');
    assert.match(failed.statusSummary!, /Stage Build failed: Flaky \(the command exited with code 1\)/);
    assert.throws(() => retryStage(box.state, name, 'Source'), /no failed or stopped execution to retry/);
    fs.writeFileSync(fixed, '');
    retryStage(box.state, name, 'Build');
    const done = (await runUntilRest(box.state, name, failed.executionId))!;
    assert.equal(done.status, 'Succeeded');
    assert.equal(actionOf(done, 'Build', 'Good').attempt, 1, 'the succeeded action did not run again');
    assert.equal(actionOf(done, 'Build', 'Flaky').attempt, 2);
    assert.equal(done.stages[1].attempt, 2);
    assert.equal(actionOf(done, 'After', 'After').status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});

test('onFailure RETRY retries the failed stage automatically', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const tried = path.join(box.dir, 'tried');
    const name = create(
      box,
      `pipeline:\n  name: auto\n  stages:\n${localSource()}    - name: Build\n      onFailure: { result: RETRY, retryConfiguration: { retryMode: FAILED_ACTIONS } }\n      actions:\n${command('Flaky', `if [ -e ${tried} ]; then exit 0; fi; touch ${tried}; exit 1`)}`,
    );
    const done = await run(box, name);
    assert.equal(done.status, 'Succeeded', done.statusSummary);
    assert.equal(actionOf(done, 'Build', 'Flaky').attempt, 2);
    assert.equal(done.stages[1].autoRetries, 1);
  } finally {
    box.cleanup();
  }
});

test('onFailure FAIL (the default) fails the execution at the first failed stage', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const name = create(box, `pipeline:\n  name: fail\n  stages:\n${localSource()}    - name: Build\n      onFailure: { result: FAIL }\n      actions:\n${command('Broken', 'exit 3')}    - name: Never\n      actions:\n${command('Never', 'true')}`);
    const done = await run(box, name);
    assert.equal(done.status, 'Failed');
    assert.equal(actionOf(done, 'Build', 'Broken').errorMessage, 'the command exited with code 3');
    assert.equal(done.stages[2].status, 'NotStarted');
  } finally {
    box.cleanup();
  }
});

test('onFailure ROLLBACK re-runs the stage with the last successful execution’s artifacts', async () => {
  const box = sandbox();
  try {
    const repo = gitRepo(box.dir, { 'version.txt': 'good-1' });
    const deployed = path.join(box.dir, 'deployed.txt');
    const name = create(
      box,
      `pipeline:\n  name: rollback\n  stages:\n${localSource()}    - name: Deploy\n      onFailure: { result: ROLLBACK }\n      actions:\n${command('Deploy', `cat version.txt > ${deployed}; ! grep -q bad version.txt`, '          inputArtifacts: [{ name: Src }]\n')}`,
    );
    const first = await run(box, name);
    assert.equal(first.status, 'Succeeded');
    commit(repo, { 'version.txt': 'bad-2' }, 'break it');
    const second = await run(box, name);
    assert.equal(second.status, 'Failed');
    const executions = box.pipelines.executions(name);
    assert.equal(executions.length, 3);
    const rollback = executions[2];
    assert.equal(rollback.trigger.triggerType, 'AutomatedRollback');
    assert.deepEqual(rollback.rollback, { stage: 'Deploy', targetExecutionId: first.executionId, failedExecutionId: second.executionId });
    assert.equal(rollback.status, 'Succeeded');
    assert.deepEqual(rollback.stages.map((s) => s.name), ['Deploy']);
    assert.equal(fs.readFileSync(deployed, 'utf8'), 'good-1', 'the earlier revision is deployed again');
  } finally {
    box.cleanup();
  }
});
