import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideApproval, runUntilRest, startExecution } from '../../../runtime/pipelines';
import { actionOf, cli, cliResult, command, create, gitRepo, localSource, run, sandbox, type Sandbox } from './helpers';

function approvalPipeline(box: Sandbox, name: string): string {
  gitRepo(box.dir, { 'a.txt': 'a' });
  return create(
    box,
    `pipeline:
  name: ${name}
  stages:
${localSource()}    - name: Approve
      actions:
        - name: Approve
          actionTypeId: { category: Approval, owner: AWS, provider: Manual, version: "1" }
          configuration: { CustomData: "Ship #{SourceVariables.CommitId}?", ExternalEntityLink: "https://example.com/review" }
    - name: Deploy
      actions:
${command('Deploy', `echo deployed > ${box.dir}/deployed`)}`,
  );
}

test('an approval started by one process is approved by another, which carries the execution on', async () => {
  const box = sandbox();
  try {
    const name = approvalPipeline(box, 'cross');
    const started = await cliResult(cli(box, ['pipeline', 'start', name, '--json']));
    assert.equal(started.code, 0, started.stderr);
    const view = JSON.parse(started.stdout);
    assert.equal(view.pipelineExecution.status, 'InProgress');
    const approve = view.stageStates.find((s: { stageName: string }) => s.stageName === 'Approve').actionStates[0].latestExecution;
    assert.equal(approve.status, 'InProgress');
    assert.match(approve.token, /^[0-9a-f-]{36}$/, 'a waiting approval shows its token, as GetPipelineState does');
    assert.equal(approve.externalExecutionUrl, 'https://example.com/review');
    const waiting = actionOf(box.pipelines.requireExecution(name, view.pipelineExecutionId), 'Approve', 'Approve');
    assert.match(waiting.approval!.customData!, /^Ship [0-9a-f]{40}\?$/);

    decideApproval(box.state, name, { stage: 'Approve', action: 'Approve', status: 'Approved', summary: 'looks good' });
    const done = (await runUntilRest(box.state, name, view.pipelineExecutionId))!;
    assert.equal(done.status, 'Succeeded');
    assert.equal(actionOf(done, 'Approve', 'Approve').summary, 'looks good');
    assert.equal(actionOf(done, 'Approve', 'Approve').approval?.decision?.status, 'Approved');
    assert.equal(actionOf(done, 'Deploy', 'Deploy').status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});

test('a rejection from another process fails the execution; later stages never run', async () => {
  const box = sandbox();
  try {
    const name = approvalPipeline(box, 'reject');
    const waiting = await run(box, name);
    assert.equal(waiting.status, 'InProgress');
    const rejected = await cliResult(cli(box, ['pipeline', 'approve', name, '--stage', 'Approve', '--action', 'Approve', '--reject', '--summary', 'not today', '--json']));
    assert.equal(rejected.code, 1, rejected.stderr);
    const view = JSON.parse(rejected.stdout);
    assert.equal(view.pipelineExecution.status, 'Failed');
    assert.match(view.pipelineExecution.statusSummary, /Stage Approve failed: Approve \(Rejected by .*: not today\)/);
    assert.equal(view.stageStates[2].latestExecution, undefined, 'the stage after the rejection never ran');
    const again = await cliResult(cli(box, ['pipeline', 'approve', name, '--stage', 'Approve', '--action', 'Approve']));
    assert.equal(again.code, 2);
    assert.match(again.stderr, /no approval is waiting at Approve\/Approve/);
  } finally {
    box.cleanup();
  }
});

test('approving a waiting execution in-process resumes it from the stored state', async () => {
  const box = sandbox();
  try {
    const name = approvalPipeline(box, 'inproc');
    const execution = startExecution(box.state, name);
    const rested = (await runUntilRest(box.state, name, execution.executionId))!;
    assert.equal(actionOf(rested, 'Approve', 'Approve').status, 'InProgress');
    decideApproval(box.state, name, { stage: 'Approve', action: 'Approve', status: 'Approved' });
    assert.throws(() => decideApproval(box.state, name, { stage: 'Approve', action: 'Approve', status: 'Approved' }), /no approval is waiting/);
    assert.equal((await runUntilRest(box.state, name, execution.executionId))!.status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});
