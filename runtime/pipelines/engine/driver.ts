import { killRecordedGroup } from '../../common/process';
import type { Settled } from '../../common/settled';
import type { StateStore } from '../../common/state';
import { uuid } from '../../common/ids';
import type { PipelineDeclaration } from '../model';
import type { ExecutionRecord, PipelineRecord } from './records';
import { runAction } from './run-action';
import {
  advanceWithinStage,
  decideEntries,
  enterStage,
  newStageState,
  stageDeclaration,
  stopWaiting,
  supersede,
  type ActionRef,
} from './step';
import { PipelineStore } from './store';

const ACTIVE = new Set(['InProgress', 'Stopping']);
/** How often a driver with running actions looks for stop requests and approvals made by other processes. */
const POLL_MS = 150;

const key = (ref: ActionRef): string => `${ref.executionId}/${ref.stage}/${ref.action}`;

export function declarationOf(pipelines: PipelineStore, pipeline: PipelineRecord, version: number): PipelineDeclaration {
  if (version === pipeline.version) return pipeline.declaration;
  return pipelines.state.read<PipelineDeclaration>('pipelines', pipeline.name, 'versions', `${version}.json`) ?? pipeline.declaration;
}

/**
 * Finishes honestly what a dead process left running: its actions become Failed and
 * the process groups they spawned are ended. Called before any driving and reading.
 */
export async function settleAbandonedPipelines(state: StateStore): Promise<Settled[]> {
  const pipelines = new PipelineStore(state);
  const settled = await state.settleAbandoned<{ pid: number }>('pipeline', (op) => {
    for (const execution of pipelines.executions(op.id)) {
      if (!ACTIVE.has(execution.status)) continue;
      pipelines.updateExecution(op.id, execution.executionId, (record) => {
        let recovered = false;
        for (const stage of record.stages) {
          for (const action of stage.actions) {
            if (action.status !== 'InProgress' || (action.approval && !action.approval.decision)) continue;
            if (action.processGroup) {
              const outcome = killRecordedGroup(action.processGroup);
              if (!outcome.killed && !outcome.gone) state.recoverySkipped(`pipeline ${op.id} action ${action.name}`, `its process group was not signalled: ${outcome.reason}`);
            }
            action.status = 'Failed';
            action.endTime = new Date().toISOString();
            action.errorMessage = `the process running this action (pid ${op.owner.pid}) ended before it finished`;
            action.summary = action.errorMessage;
            recovered = true;
          }
        }
        // Only an execution whose work the dead driver was running ends here (a new one waits for its driver).
        if (recovered) settleStage(record, `the process driving this execution (pid ${op.owner.pid}) ended before it finished`);
      });
      pipelines.appendLog(op.id, execution.executionId, { line: `recovered: the driving process (pid ${op.owner.pid}) died; its running actions are marked Failed` });
    }
  });
  return settled.map((op) => ({ kind: 'pipeline', id: op.id }));
}

/**
 * Ends an execution whose driver died once nothing of its current stage runs any more, so
 * status, list and history do not show it in progress until the next start. Only waiting
 * approvals keep it open (a decision can still move it on).
 */
function settleStage(execution: ExecutionRecord, reason: string): void {
  const stage = execution.stages.find((s) => s.status === 'InProgress');
  if (stage?.actions.some((a) => a.status === 'InProgress')) return;
  const now = new Date().toISOString();
  if (stage) stage.status = execution.stopRequest ? 'Stopped' : 'Failed';
  execution.status = execution.stopRequest ? 'Stopped' : 'Failed';
  execution.endTime = now;
  execution.lastUpdateTime = now;
  const failed = stage?.actions.filter((a) => a.status === 'Failed').map((a) => a.name) ?? [];
  execution.statusSummary = stage ? `Stage ${stage.name} failed: ${failed.join(', ')} (${reason})` : reason;
}

/**
 * Drives every active execution of a pipeline as far as it can go without outside
 * input, in this process. Only one process drives a pipeline at a time (a lock);
 * returns 'busy' when another does.
 */
export async function drivePipeline(state: StateStore, name: string): Promise<'done' | 'busy'> {
  await settleAbandonedPipelines(state);
  const lock = `pipeline-drive-${name}`;
  if (!state.tryLock(lock)) return 'busy';
  const pipelines = new PipelineStore(state);
  state.beginOperation('pipeline', name, { pid: process.pid });
  const running = new Map<string, { done: Promise<void>; controller: AbortController }>();
  try {
    for (;;) {
      const { changed, launches } = step(pipelines, name, running);
      for (const ref of launches) {
        const controller = new AbortController();
        const pipeline = pipelines.require(name);
        const done = runAction(pipelines, pipeline, ref, controller.signal)
          .catch((error: Error) => pipelines.appendLog(name, ref.executionId, { stage: ref.stage, action: ref.action, line: `internal error: ${error.message}` }))
          .finally(() => running.delete(key(ref)));
        running.set(key(ref), { done, controller });
      }
      if (changed || launches.length > 0) continue;
      if (running.size === 0) break;
      await Promise.race([...[...running.values()].map((r) => r.done), delay(POLL_MS)]);
    }
  } finally {
    for (const { controller } of running.values()) controller.abort();
    await Promise.allSettled([...running.values()].map((r) => r.done));
    state.endOperation('pipeline', name);
    state.unlock(lock);
  }
  return 'done';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function step(
  pipelines: PipelineStore,
  name: string,
  running: Map<string, { done: Promise<void>; controller: AbortController }>,
): { changed: boolean; launches: ActionRef[] } {
  const pipeline = pipelines.get(name);
  if (!pipeline) return { changed: false, launches: [] };
  let changed = false;
  const launches: ActionRef[] = [];
  const active = () => pipelines.executions(name).filter((e) => ACTIVE.has(e.status));
  for (const execution of active()) {
    const declaration = declarationOf(pipelines, pipeline, execution.pipelineVersion);
    let outcome: ReturnType<typeof advanceWithinStage> = { kind: 'none' };
    const fresh = pipelines.updateExecution(name, execution.executionId, (record) => {
      outcome = advanceWithinStage(record, declaration, (ref) => running.has(key(ref)));
    });
    if (fresh.stopRequest?.abandon) {
      for (const [k, r] of running) if (k.startsWith(`${fresh.executionId}/`)) r.controller.abort();
    }
    const result = outcome as ReturnType<typeof advanceWithinStage>;
    if (result.kind === 'launch') launches.push(...result.actions);
    else if (result.kind === 'changed') changed = true;
    else if (result.kind === 'rollback') {
      changed = true;
      startRollback(pipelines, pipeline, fresh, result.stage);
    }
  }
  const decision = decideEntries(pipeline, active());
  for (const { executionId, by } of decision.supersede) {
    pipelines.updateExecution(name, executionId, (record) => (changed = supersede(record, by) || changed));
  }
  for (const executionId of decision.stop) {
    pipelines.updateExecution(name, executionId, (record) => (changed = stopWaiting(record) || changed));
  }
  for (const { executionId, stage } of decision.enter) {
    const execution = pipelines.execution(name, executionId);
    if (!execution) continue;
    const declaration = declarationOf(pipelines, pipeline, execution.pipelineVersion);
    pipelines.updateExecution(name, executionId, (record) => (changed = enterStage(record, stage, declaration) || changed));
    pipelines.appendLog(name, executionId, { stage, line: `entered stage ${stage}` });
  }
  return { changed, launches };
}

/**
 * onFailure ROLLBACK: a new execution re-runs the failed stage with the artifacts and
 * variables of the last execution that completed that stage, as AWS's automated rollback.
 */
function startRollback(pipelines: PipelineStore, pipeline: PipelineRecord, failed: ExecutionRecord, stageName: string): void {
  const target = pipelines
    .executions(pipeline.name)
    .filter((e) => e.executionId !== failed.executionId && e.stages.some((s) => s.name === stageName && s.status === 'Succeeded'))
    .at(-1);
  if (!target) {
    pipelines.appendLog(pipeline.name, failed.executionId, { stage: stageName, line: 'no earlier execution completed this stage: nothing to roll back to' });
    return;
  }
  const declaration = declarationOf(pipelines, pipeline, target.pipelineVersion);
  const now = new Date().toISOString();
  const rollback: ExecutionRecord = {
    pipelineName: pipeline.name,
    pipelineVersion: target.pipelineVersion,
    executionId: newExecutionId(),
    executionMode: declaration.executionMode,
    status: 'InProgress',
    trigger: { triggerType: 'AutomatedRollback', triggerDetail: failed.executionId },
    startTime: now,
    lastUpdateTime: now,
    variables: { ...target.variables },
    namespaces: structuredClone(target.namespaces),
    artifacts: { ...target.artifacts },
    sourceRevisions: [...target.sourceRevisions],
    stages: [newStageState(stageDeclaration(declaration, stageName))],
    rollback: { stage: stageName, targetExecutionId: target.executionId, failedExecutionId: failed.executionId },
  };
  pipelines.addExecution(rollback);
  pipelines.appendLog(pipeline.name, failed.executionId, { stage: stageName, line: `rolling back to execution ${target.executionId} in execution ${rollback.executionId}` });
}

/** CodePipeline's execution ids are UUIDs (StartPipelineExecution's pipelineExecutionId); listings are ordered by the store's sequence, not the id. */
export function newExecutionId(): string {
  return uuid();
}
