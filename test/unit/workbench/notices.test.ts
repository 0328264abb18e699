import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSnapshots, emptySnapshot, filterNotices, type Snapshot } from '../../../client/notifications/notices';
import type { ExecutionView } from '../../../runtime/pipelines';
import { shownStatus } from '../../../protocol/pipeline';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function build(status: string, extra: Record<string, unknown> = {}) {
  return { id: 'app:1', project: 'app', number: 1, status, startTime: at(5), durationMs: 3200, ...extra } as Snapshot['builds'] extends Map<string, infer B> ? B : never;
}

function execution(status: string, approvalStatus?: string, decided = false): ExecutionView {
  return {
    pipelineName: 'release',
    pipelineVersion: 1,
    executionId: 'e1',
    status,
    trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'me' },
    startTime: at(5),
    sourceRevisions: [],
    stages: [
      { name: 'Build', status: 'Succeeded', inboundTransition: { enabled: true }, actions: [] },
      {
        name: 'Approve',
        status: approvalStatus ?? 'NotStarted',
        inboundTransition: { enabled: true },
        actions: [{ name: 'Manager', category: 'Approval', provider: 'Manual', status: approvalStatus ?? 'NotStarted', attempt: 1, approval: approvalStatus ? { expiresAt: at(9999), customData: 'check the stack', ...(decided ? { decision: { status: 'Approved', by: 'me' } } : {}) } : undefined }],
      },
    ],
    variables: {},
    namespaces: {},
  } as unknown as ExecutionView;
}

function snap(parts: Partial<{ builds: unknown[]; executions: ExecutionView[]; deployments: unknown[] }>): Snapshot {
  const s = emptySnapshot();
  for (const b of (parts.builds ?? []) as Array<{ id: string }>) s.builds.set(b.id, b as never);
  for (const e of parts.executions ?? []) s.executions.set(`${e.pipelineName}/${e.executionId}`, e);
  for (const d of (parts.deployments ?? []) as Array<{ id: string }>) s.deployments.set(d.id, d as never);
  return s;
}

describe('workbench notifications', () => {
  it('a build seen running and then finished is announced once, with the next steps as buttons', () => {
    const running = snap({ builds: [build('IN_PROGRESS')] });
    const failed = snap({ builds: [build('FAILED')] });
    const [notice, ...rest] = diffSnapshots(running, failed, T0);
    assert.equal(rest.length, 0);
    assert.equal(notice.severity, 'error');
    assert.equal(notice.message, 'Slipway: build app #1 FAILED in 3.2 s.');
    assert.deepEqual(notice.actions.map((a) => a.title), ['Open Log', 'Run Again', 'Show Details']);
    assert.deepEqual(notice.actions[0].args, ['app:1']);
    assert.deepEqual(diffSnapshots(failed, failed, T0), [], 'nothing changed, nothing announced');
  });

  it('history is not news: work already finished before the window looked is not announced, work started since is', () => {
    const old = snap({ builds: [build('SUCCEEDED', { startTime: at(-60) })] });
    assert.deepEqual(diffSnapshots(emptySnapshot(), old, T0), []);
    const fresh = snap({ builds: [build('SUCCEEDED')] });
    assert.equal(diffSnapshots(emptySnapshot(), fresh, T0)[0].message, 'Slipway: build app #1 SUCCEEDED in 3.2 s.');
  });

  it('a paused build offers Open Terminal and Resume', () => {
    const paused = snap({ builds: [build('IN_PROGRESS', { paused: { phase: 'BUILD', command: 'npm test', reason: 'failure', exitCode: 1, since: at(7) } })] });
    const [notice] = diffSnapshots(snap({ builds: [build('IN_PROGRESS')] }), paused, T0);
    assert.equal(notice.message, 'Slipway: build app #1 paused at BUILD: npm test (exit status 1).');
    assert.deepEqual(notice.actions.map((a) => a.command), ['slipway.attachBuild', 'slipway.resumeBuild']);
    assert.equal(notice.needsYou, true);
  });

  it('a pipeline waiting for approval is announced with Review, Approve and Reject; its decision is not announced again', () => {
    const before = snap({ executions: [execution('InProgress')] });
    const waiting = snap({ executions: [execution('InProgress', 'InProgress')] });
    const [notice] = diffSnapshots(before, waiting, T0);
    assert.equal(notice.message, 'Slipway: pipeline release waits for approval at Approve / Manager: check the stack.');
    assert.deepEqual(notice.actions.map((a) => a.title), ['Review', 'Approve…', 'Reject…']);
    assert.deepEqual(notice.actions[1].args, [{ data: { pipeline: 'release', executionId: 'e1', stage: 'Approve', action: 'Manager' } }]);
    assert.deepEqual(diffSnapshots(waiting, waiting, T0), []);
    assert.deepEqual(diffSnapshots(waiting, snap({ executions: [execution('InProgress', 'InProgress', true)] }), T0), []);
  });

  it('a failed pipeline offers Retry of its failed stage; a failed deployment its details', () => {
    const failedExecution = execution('Failed');
    failedExecution.stages[0].status = 'Failed';
    const [pipeline] = diffSnapshots(snap({ executions: [execution('InProgress')] }), snap({ executions: [failedExecution] }), T0);
    assert.equal(pipeline.message, 'Slipway: pipeline release Failed at Build.');
    assert.deepEqual(pipeline.actions.map((a) => a.title), ['Open Pipeline', 'Retry']);
    const deployment = { id: 'd-1', application: 'web', group: 'prod', createTime: at(5), rollback: { id: 'd-2', status: 'Succeeded' }, errorMessage: 'ValidateService failed' };
    const [failed] = diffSnapshots(snap({ deployments: [{ ...deployment, status: 'InProgress' }] }), snap({ deployments: [{ ...deployment, status: 'Failed' }] }), T0);
    assert.equal(failed.message, 'Slipway: deployment d-1 Failed on web/prod: ValidateService failed (rolled back by d-2).');
    assert.deepEqual(failed.actions.map((a) => a.command), ['slipway.deployments.show']);
  });

  it('the level keeps everything, only what needs you, or nothing', () => {
    const notices = diffSnapshots(snap({ builds: [build('IN_PROGRESS'), build('IN_PROGRESS', { id: 'app:2', number: 2 })] }), snap({ builds: [build('SUCCEEDED'), build('FAILED', { id: 'app:2', number: 2 })] }), T0);
    assert.equal(filterNotices(notices, 'all').length, 2);
    assert.deepEqual(filterNotices(notices, 'failuresAndApprovals').map((n) => n.message), ['Slipway: build app #2 FAILED in 3.2 s.']);
    assert.deepEqual(filterNotices(notices, 'off'), []);
  });
});

describe('pipeline status words', () => {
  it('a stage that has not started is Waiting while its execution runs and Didn’t run after', async () => {
    assert.equal(shownStatus('NotStarted', 'InProgress'), 'Waiting');
    assert.equal(shownStatus('NotStarted', 'Failed'), 'Didn’t run');
    assert.equal(shownStatus('Succeeded', 'InProgress'), 'Succeeded');
  });
});
