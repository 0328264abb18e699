// CodePipeline operations called as the endpoint calls them, checked against the API reference:
// https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_Operations.html
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codepipelineService } from '../../../runtime/api/codepipeline';
import { gitRepo } from '../pipelines/helpers';
import { apiSandbox, caller, errorCode, poll } from './helpers';

type Execution = { pipelineExecution: { status: string } };

describe('CodePipeline API (API_Operations)', () => {
  const box = apiSandbox();
  const call = caller(codepipelineService, box.ctx);
  let repo = '';
  const flag = path.join(box.root, 'flag');
  before(() => {
    repo = gitRepo(box.root, { 'README.md': 'hello\n' });
  });
  after(() => box.cleanup());

  const declaration = (name: string) => ({
    name,
    roleArn: 'arn:aws:iam::000000000000:role/pipe',
    artifactStore: { type: 'S3', location: 'artifacts' },
    pipelineType: 'V2',
    executionMode: 'QUEUED',
    stages: [
      { name: 'Source', actions: [{ name: 'Src', actionTypeId: { category: 'Source', owner: 'Custom', provider: 'LocalGit', version: '1' }, configuration: { RepositoryPath: repo, BranchName: 'main' }, outputArtifacts: [{ name: 'Out' }] }] },
      { name: 'Approve', actions: [{ name: 'Gate', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, configuration: { CustomData: 'ship it?' } }] },
      { name: 'Check', actions: [{ name: 'Flag', actionTypeId: { category: 'Invoke', owner: 'Custom', provider: 'Command', version: '1' }, configuration: { Command: `test -f ${flag}` }, inputArtifacts: [{ name: 'Out' }] }] },
    ],
  });
  const execution = (id: string) => call<Execution>('GetPipelineExecution', { pipelineName: 'app', pipelineExecutionId: id });
  const settled = (id: string) => poll(box.store.home, () => execution(id), (out) => !['InProgress', 'Stopping'].includes(out.pipelineExecution.status));

  it('CreatePipeline stores the declaration and starts an execution; GetPipeline and ListPipelines return it (API_CreatePipeline)', async () => {
    const created = await call('CreatePipeline', { pipeline: declaration('app') });
    assert.equal(created.pipeline.version, 1);
    assert.equal(created.pipeline.roleArn, 'arn:aws:iam::000000000000:role/pipe');
    assert.deepEqual(created.pipeline.stages[0].actions[0].outputArtifacts, [{ name: 'Out' }]);
    assert.equal(await errorCode(call('CreatePipeline', { pipeline: declaration('app') })), 'PipelineNameInUseException');
    assert.equal(await errorCode(call('CreatePipeline', { pipeline: { name: 'bad', stages: [] } })), 'InvalidStructureException');
    const got = await call('GetPipeline', { name: 'app' });
    assert.equal(got.metadata.pipelineArn, 'arn:aws:codepipeline:us-east-1:000000000000:app');
    assert.deepEqual((await call('ListPipelines')).pipelines.map((p: { name: string }) => p.name), ['app']);
    const executions = await call('ListPipelineExecutions', { pipelineName: 'app' });
    assert.equal(executions.pipelineExecutionSummaries[0].trigger.triggerType, 'CreatePipeline');
    assert.equal(await errorCode(call('GetPipeline', { name: 'ghost' })), 'PipelineNotFoundException');
  });

  it('GetPipelineState gives the approval token; PutApprovalResult with it lets the execution go on (API_PutApprovalResult)', async () => {
    const first = (await call('ListPipelineExecutions', { pipelineName: 'app' })).pipelineExecutionSummaries[0].pipelineExecutionId;
    const state = await poll(box.store.home, () => call('GetPipelineState', { name: 'app' }), (out) => !!out.stageStates[1].actionStates[0].latestExecution?.token);
    assert.equal(state.stageStates[0].latestExecution.status, 'Succeeded');
    assert.equal(state.stageStates[1].latestExecution.pipelineExecutionId, first);
    const gate = state.stageStates[1].actionStates[0].latestExecution;
    assert.equal(gate.status, 'InProgress');
    assert.equal(await errorCode(call('PutApprovalResult', { pipelineName: 'app', stageName: 'Approve', actionName: 'Gate', result: { status: 'Approved', summary: 'ok' }, token: '00000000-0000-0000-0000-000000000000' })), 'InvalidApprovalTokenException');
    const approved = await call('PutApprovalResult', { pipelineName: 'app', stageName: 'Approve', actionName: 'Gate', result: { status: 'Approved', summary: 'ok' }, token: gate.token });
    assert.equal(typeof approved.approvedAt, 'number');
    assert.equal(await errorCode(call('PutApprovalResult', { pipelineName: 'app', stageName: 'Approve', actionName: 'Gate', result: { status: 'Approved' }, token: gate.token })), 'ApprovalAlreadyCompletedException');
    // The Check stage fails until the flag file exists.
    assert.equal((await settled(first)).pipelineExecution.status, 'Failed');
    const actions = await call('ListActionExecutions', { pipelineName: 'app', filter: { pipelineExecutionId: first } });
    assert.deepEqual(actions.actionExecutionDetails.map((d: { actionName: string; status: string }) => `${d.actionName}:${d.status}`), ['Src:Succeeded', 'Gate:Succeeded', 'Flag:Failed']);
  });

  it('RetryStageExecution retries FAILED_ACTIONS and ALL_ACTIONS of a failed stage (API_RetryStageExecution)', async () => {
    const first = (await call('ListPipelineExecutions', { pipelineName: 'app' })).pipelineExecutionSummaries[0].pipelineExecutionId;
    assert.equal(await errorCode(call('RetryStageExecution', { pipelineName: 'app', stageName: 'Approve', pipelineExecutionId: first, retryMode: 'FAILED_ACTIONS' })), 'StageNotRetryableException');
    await call('RetryStageExecution', { pipelineName: 'app', stageName: 'Check', pipelineExecutionId: first, retryMode: 'FAILED_ACTIONS' });
    assert.equal((await settled(first)).pipelineExecution.status, 'Failed');
    fs.writeFileSync(flag, '');
    await call('RetryStageExecution', { pipelineName: 'app', stageName: 'Check', pipelineExecutionId: first, retryMode: 'ALL_ACTIONS' });
    assert.equal((await settled(first)).pipelineExecution.status, 'Succeeded');
    assert.equal(await errorCode(call('RetryStageExecution', { pipelineName: 'app', stageName: 'Check', pipelineExecutionId: first, retryMode: 'SOME' })), 'ValidationException');
  });

  it('DisableStageTransition holds an execution before the stage; EnableStageTransition releases it (API_DisableStageTransition)', async () => {
    await call('DisableStageTransition', { pipelineName: 'app', stageName: 'Source', transitionType: 'Outbound', reason: 'freeze' });
    let state = await call('GetPipelineState', { name: 'app' });
    assert.deepEqual([state.stageStates[1].inboundTransitionState.enabled, state.stageStates[1].inboundTransitionState.disabledReason], [false, 'freeze']);
    const { pipelineExecutionId } = await call('StartPipelineExecution', { name: 'app' });
    await poll(box.store.home, () => call('GetPipelineState', { name: 'app' }), (out) => out.stageStates[0].latestExecution?.pipelineExecutionId === pipelineExecutionId && out.stageStates[0].latestExecution.status === 'Succeeded');
    assert.equal((await execution(pipelineExecutionId)).pipelineExecution.status, 'InProgress');
    await call('EnableStageTransition', { pipelineName: 'app', stageName: 'Approve', transitionType: 'Inbound' });
    state = await poll(box.store.home, () => call('GetPipelineState', { name: 'app' }), (out) => !!out.stageStates[1].actionStates[0].latestExecution?.token && out.stageStates[1].latestExecution.pipelineExecutionId === pipelineExecutionId);
    assert.equal(state.stageStates[1].inboundTransitionState.enabled, true);
    assert.equal(await errorCode(call('DisableStageTransition', { pipelineName: 'app', stageName: 'Check', transitionType: 'Outbound', reason: 'x' })), 'ValidationException');
    assert.equal(await errorCode(call('DisableStageTransition', { pipelineName: 'app', stageName: 'Nope', transitionType: 'Inbound', reason: 'x' })), 'StageNotFoundException');
  });

  it('StopPipelineExecution stops the waiting execution; a second stop is refused (API_StopPipelineExecution)', async () => {
    const id = (await call('ListPipelineExecutions', { pipelineName: 'app' })).pipelineExecutionSummaries[0].pipelineExecutionId;
    await call('StopPipelineExecution', { pipelineName: 'app', pipelineExecutionId: id, abandon: true, reason: 'enough' });
    assert.equal((await settled(id)).pipelineExecution.status, 'Stopped');
    assert.equal(await errorCode(call('StopPipelineExecution', { pipelineName: 'app', pipelineExecutionId: id })), 'PipelineExecutionNotStoppableException');
    assert.equal(await errorCode(call('GetPipelineExecution', { pipelineName: 'app', pipelineExecutionId: 'nope' })), 'PipelineExecutionNotFoundException');
  });

  it('UpdatePipeline makes a new version; DeletePipeline removes it (API_UpdatePipeline)', async () => {
    const updated = await call('UpdatePipeline', { pipeline: { ...declaration('app'), stages: declaration('app').stages.slice(0, 2) } });
    assert.equal(updated.pipeline.version, 2);
    assert.equal((await call('GetPipeline', { name: 'app', version: 1 })).pipeline.stages.length, 3);
    await call('DeletePipeline', { name: 'app' });
    assert.deepEqual((await call('ListPipelines')).pipelines, []);
  });
});
