import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideApproval, runUntilRest, type ExecutionRecord } from '../../../runtime/pipelines';
import { command, create, gitRepo, localSource, run, sandbox, type Sandbox } from './helpers';

/** Source → Gate (a manual approval, which holds its stage) → Done. */
function gated(box: Sandbox, mode: string): string {
  gitRepo(box.dir, { 'a.txt': 'a' });
  return create(
    box,
    `pipeline:
  name: gated-${mode.toLowerCase()}
  pipelineType: V2
  executionMode: ${mode}
  stages:
${localSource()}    - name: Gate
      actions:
        - name: Gate
          actionTypeId: { category: Approval, owner: AWS, provider: Manual, version: "1" }
    - name: Done
      actions:
${command('Done', 'true')}`,
  );
}

const stage = (e: ExecutionRecord, name: string) => e.stages.find((s) => s.name === name)!.status;

async function threeExecutions(box: Sandbox, name: string) {
  const e1 = await run(box, name);
  const e2 = await run(box, name);
  const e3 = await run(box, name);
  const read = (e: ExecutionRecord) => box.pipelines.requireExecution(name, e.executionId);
  return { e1, e2, e3, read };
}

test('SUPERSEDED: a newer execution supersedes one waiting at a locked stage', async () => {
  const box = sandbox();
  try {
    const name = gated(box, 'SUPERSEDED');
    const { e1, e2, e3, read } = await threeExecutions(box, name);
    assert.equal(stage(read(e1), 'Gate'), 'InProgress');
    assert.equal(read(e2).status, 'Superseded');
    assert.match(read(e2).statusSummary!, new RegExp(`Superseded by execution ${e3.executionId}`));
    assert.equal(read(e3).status, 'InProgress');
    assert.equal(stage(read(e3), 'Gate'), 'NotStarted', 'waits at the boundary');
    decideApproval(box.state, name, { stage: 'Gate', action: 'Gate', status: 'Approved' });
    await runUntilRest(box.state, name);
    assert.equal(read(e1).status, 'Succeeded');
    assert.equal(stage(read(e3), 'Gate'), 'InProgress', 'the newest waiting execution entered');
  } finally {
    box.cleanup();
  }
});

test('QUEUED: waiting executions enter a locked stage one by one in order', async () => {
  const box = sandbox();
  try {
    const name = gated(box, 'QUEUED');
    const { e1, e2, e3, read } = await threeExecutions(box, name);
    assert.deepEqual([e1, e2, e3].map((e) => read(e).status), ['InProgress', 'InProgress', 'InProgress']);
    assert.deepEqual([e2, e3].map((e) => stage(read(e), 'Gate')), ['NotStarted', 'NotStarted']);
    decideApproval(box.state, name, { stage: 'Gate', action: 'Gate', status: 'Approved' });
    await runUntilRest(box.state, name);
    assert.equal(read(e1).status, 'Succeeded');
    assert.equal(stage(read(e2), 'Gate'), 'InProgress', 'the oldest waiting execution entered');
    assert.equal(stage(read(e3), 'Gate'), 'NotStarted');
    decideApproval(box.state, name, { stage: 'Gate', action: 'Gate', status: 'Approved' });
    await runUntilRest(box.state, name);
    assert.equal(read(e2).status, 'Succeeded');
    assert.equal(stage(read(e3), 'Gate'), 'InProgress');
  } finally {
    box.cleanup();
  }
});

test('PARALLEL: executions do not wait for each other', async () => {
  const box = sandbox();
  try {
    const name = gated(box, 'PARALLEL');
    const { e1, e2, e3, read } = await threeExecutions(box, name);
    assert.deepEqual([e1, e2, e3].map((e) => stage(read(e), 'Gate')), ['InProgress', 'InProgress', 'InProgress']);
    decideApproval(box.state, name, { stage: 'Gate', action: 'Gate', status: 'Approved' });
    await runUntilRest(box.state, name);
    assert.deepEqual([e1, e2, e3].map((e) => read(e).status), ['Succeeded', 'InProgress', 'InProgress']);
  } finally {
    box.cleanup();
  }
});
