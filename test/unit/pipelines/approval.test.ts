import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
    const started = await cliResult(cli(box, ['pipeline', 'start', name, '--wait', '--json']));
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

// The approver is the one identity every record uses (runtime/common/identity.ts):
// SLIPWAY_USER, else git's user.email, else the login — it used to be $USER or "local-user".
test('an approval records who approved: SLIPWAY_USER, else git user.email', async () => {
  const box = sandbox();
  const saved = { user: process.env.SLIPWAY_USER, config: process.env.GIT_CONFIG_GLOBAL };
  try {
    const name = approvalPipeline(box, 'who');
    const decideAs = async (env: { SLIPWAY_USER?: string; GIT_CONFIG_GLOBAL?: string }) => {
      const execution = startExecution(box.state, name);
      await runUntilRest(box.state, name, execution.executionId);
      if (env.SLIPWAY_USER === undefined) delete process.env.SLIPWAY_USER;
      else process.env.SLIPWAY_USER = env.SLIPWAY_USER;
      if (env.GIT_CONFIG_GLOBAL) process.env.GIT_CONFIG_GLOBAL = env.GIT_CONFIG_GLOBAL;
      const decided = decideApproval(box.state, name, { stage: 'Approve', action: 'Approve', status: 'Approved' });
      return actionOf(decided, 'Approve', 'Approve').approval?.decision?.by;
    };
    assert.equal(await decideAs({ SLIPWAY_USER: 'release-manager' }), 'release-manager');
    const gitconfig = path.join(box.dir, 'approver.gitconfig');
    fs.writeFileSync(gitconfig, '[user]\n\temail = approver@example.com\n');
    assert.equal(await decideAs({ GIT_CONFIG_GLOBAL: gitconfig }), 'approver@example.com');
  } finally {
    if (saved.user === undefined) delete process.env.SLIPWAY_USER;
    else process.env.SLIPWAY_USER = saved.user;
    if (saved.config === undefined) delete process.env.GIT_CONFIG_GLOBAL;
    else process.env.GIT_CONFIG_GLOBAL = saved.config;
    box.cleanup();
  }
});
