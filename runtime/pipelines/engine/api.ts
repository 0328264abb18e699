import { InputError } from '../../common/errors';
import { currentUser } from '../../common/identity';
import type { AbandonedWorkSettler } from '../../common/settled';
import type { StateStore } from '../../common/state';
import { actionProviderFor, configurationKeys, describeType } from '../actions/provider';
import type { PipelineDeclaration } from '../model';
import { drivePipeline, newExecutionId, settleAbandonedPipelines } from './driver';
import { TERMINAL, type ExecutionRecord, type ExecutionTrigger, type PipelineRecord } from './records';
import { currentStage, newStageState, resetForRetry } from './step';
import { PipelineStore } from './store';
import { startVariables } from './variables';

/** The engine's public functions: what the CLI, the extension, stack resources and push hooks call. */

export interface CreateOptions {
  sourceFile?: string;
  baseDir: string;
  managedBy?: PipelineRecord['managedBy'];
}

/** Refuses action types and configuration keys the engine cannot run, naming the action's line. */
export function checkRunnable(declaration: PipelineDeclaration, file?: string): void {
  for (const stage of declaration.stages) {
    for (const action of stage.actions) {
      const provider = actionProviderFor(action.actionTypeId);
      if (!provider) throw new InputError(`action "${action.name}": Slipway has no local provider for ${describeType(action.actionTypeId)}`, file, action.line);
      for (const required of provider.required) {
        if (!(required in action.configuration)) throw new InputError(`action "${action.name}": configuration needs "${required}"`, file, action.line);
      }
      const allowed = configurationKeys(provider);
      for (const key of Object.keys(action.configuration)) {
        if (!allowed.includes(key)) {
          throw new InputError(`action "${action.name}": ${provider.provider} does not take configuration "${key}" (${allowed.join(', ')})`, file, action.line);
        }
      }
    }
  }
}

export function createPipeline(state: StateStore, declaration: PipelineDeclaration, options: CreateOptions): PipelineRecord {
  checkRunnable(declaration, options.sourceFile);
  const pipelines = new PipelineStore(state);
  return state.withLockSync(`pipeline-${declaration.name}`, () => {
    if (pipelines.get(declaration.name)) throw new InputError(`pipeline "${declaration.name}" already exists (use pipeline update)`, options.sourceFile);
    const now = new Date().toISOString();
    const record: PipelineRecord = {
      name: declaration.name,
      version: 1,
      declaration,
      sourceFile: options.sourceFile,
      baseDir: options.baseDir,
      created: now,
      updated: now,
      transitions: {},
      managedBy: options.managedBy,
    };
    state.write(declaration, 'pipelines', declaration.name, 'versions', '1.json');
    pipelines.save(record);
    state.activity({ kind: 'pipeline', action: 'create', pipeline: declaration.name });
    return record;
  });
}

/** A new version; executions in progress finish with the version they started with, as in AWS. */
export function updatePipeline(state: StateStore, declaration: PipelineDeclaration, options: CreateOptions): PipelineRecord {
  checkRunnable(declaration, options.sourceFile);
  const pipelines = new PipelineStore(state);
  const record = pipelines.update(declaration.name, (r) => {
    r.version++;
    r.declaration = declaration;
    r.sourceFile = options.sourceFile ?? r.sourceFile;
    r.baseDir = options.baseDir;
    r.updated = new Date().toISOString();
    for (const stage of Object.keys(r.transitions)) if (!declaration.stages.some((s) => s.name === stage)) delete r.transitions[stage];
    state.write(declaration, 'pipelines', r.name, 'versions', `${r.version}.json`);
  });
  state.activity({ kind: 'pipeline', action: 'update', pipeline: declaration.name, version: record.version });
  return record;
}

export async function deletePipeline(state: StateStore, name: string): Promise<void> {
  const pipelines = new PipelineStore(state);
  pipelines.require(name);
  for (const execution of pipelines.executions(name)) {
    if (!TERMINAL.has(execution.status)) await stopExecution(state, name, { executionId: execution.executionId, abandon: true, reason: 'the pipeline was deleted' });
  }
  pipelines.remove(name);
  state.activity({ kind: 'pipeline', action: 'delete', pipeline: name });
}

export interface StartOptions {
  variables?: Record<string, string>;
  trigger?: ExecutionTrigger;
}

/** Records a new execution (it runs when a process drives the pipeline). */
export function startExecution(state: StateStore, name: string, options: StartOptions = {}): ExecutionRecord {
  const pipelines = new PipelineStore(state);
  const pipeline = pipelines.require(name);
  const now = new Date().toISOString();
  const execution: ExecutionRecord = {
    pipelineName: name,
    pipelineVersion: pipeline.version,
    executionId: newExecutionId(),
    executionMode: pipeline.declaration.executionMode,
    status: 'InProgress',
    trigger: options.trigger ?? { triggerType: 'StartPipelineExecution' },
    startTime: now,
    lastUpdateTime: now,
    variables: startVariables(pipeline.declaration.variables, options.variables ?? {}),
    namespaces: {},
    artifacts: {},
    sourceRevisions: [],
    stages: pipeline.declaration.stages.map(newStageState),
  };
  pipelines.addExecution(execution);
  state.activity({ kind: 'pipeline', action: 'start', pipeline: name, executionId: execution.executionId, trigger: execution.trigger.triggerType });
  return execution;
}

/**
 * Drives the pipeline until nothing more can happen without outside input: the
 * execution finished, or waits for an approval, a transition or a stage another
 * waiting execution holds. When another process drives, waits for it to finish.
 */
export async function runUntilRest(state: StateStore, name: string, executionId?: string): Promise<ExecutionRecord | undefined> {
  const pipelines = new PipelineStore(state);
  for (;;) {
    const outcome = await drivePipeline(state, name);
    const execution = executionId ? pipelines.requireExecution(name, executionId) : undefined;
    if (outcome === 'done' || (execution && TERMINAL.has(execution.status))) return execution;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Decision {
  stage: string;
  action: string;
  status: 'Approved' | 'Rejected';
  summary?: string;
  by?: string;
}

/** PutApprovalResult: records the decision on the waiting approval; the caller drives on. */
export function decideApproval(state: StateStore, name: string, decision: Decision): ExecutionRecord {
  const pipelines = new PipelineStore(state);
  pipelines.require(name);
  const waiting = pipelines
    .executions(name)
    .filter((e) => e.status === 'InProgress')
    .find((e) => e.stages.some((s) => s.name === decision.stage && s.actions.some((a) => a.name === decision.action && a.status === 'InProgress' && a.approval && !a.approval.decision)));
  if (!waiting) throw new InputError(`no approval is waiting at ${decision.stage}/${decision.action} of pipeline "${name}"`);
  const updated = pipelines.updateExecution(name, waiting.executionId, (record) => {
    const action = record.stages.find((s) => s.name === decision.stage)?.actions.find((a) => a.name === decision.action);
    if (!action?.approval || action.approval.decision || action.status !== 'InProgress') throw new InputError(`the approval at ${decision.stage}/${decision.action} was already decided`);
    action.approval.decision = { status: decision.status, summary: decision.summary, by: decision.by ?? currentUser(), at: new Date().toISOString() };
  });
  state.activity({ kind: 'pipeline', action: decision.status === 'Approved' ? 'approve' : 'reject', pipeline: name, executionId: waiting.executionId, stage: decision.stage });
  return updated;
}

export const RETRY_MODES = ['FAILED_ACTIONS', 'ALL_ACTIONS'] as const;
export type RetryMode = (typeof RETRY_MODES)[number];

/**
 * RetryStageExecution: re-runs the failed actions of a stage (FAILED_ACTIONS) or the
 * whole stage from its first action (ALL_ACTIONS, only with no action in progress), in
 * an execution that failed or was stopped there (CodePipeline User Guide, "Retry a
 * failed action in a stage"; "Stop a pipeline execution").
 */
export function retryStage(state: StateStore, name: string, stage: string, executionId?: string, mode: RetryMode = 'FAILED_ACTIONS'): ExecutionRecord {
  const pipelines = new PipelineStore(state);
  const pipeline = pipelines.require(name);
  if (!RETRY_MODES.includes(mode)) throw new InputError(`retry mode must be ${RETRY_MODES.join(' or ')}, not "${mode}"`);
  if (!pipeline.declaration.stages.some((s) => s.name === stage)) throw new InputError(`pipeline "${name}" has no stage "${stage}"`);
  const all = pipelines.executions(name);
  const target = executionId
    ? pipelines.requireExecution(name, executionId)
    : all.filter((e) => e.stages.some((s) => s.name === stage && s.status !== 'NotStarted')).at(-1);
  const retryable = new Set(['Failed', 'Stopped']);
  if (!target || !retryable.has(target.status) || !retryable.has(target.stages.find((s) => s.name === stage)?.status ?? '')) {
    throw new InputError(`stage "${stage}" of pipeline "${name}" has no failed or stopped execution to retry${target ? ` (latest is ${target.status})` : ''}`);
  }
  if (mode === 'ALL_ACTIONS' && target.stages.find((s) => s.name === stage)!.actions.some((a) => a.status === 'InProgress')) {
    throw new InputError(`stage "${stage}" still has actions in progress: retry it with FAILED_ACTIONS, or wait`);
  }
  if (pipeline.declaration.executionMode !== 'PARALLEL') {
    const holder = all.find((e) => !TERMINAL.has(e.status) && currentStage(e)?.name === stage);
    if (holder) throw new InputError(`stage "${stage}" is in use by execution ${holder.executionId}`);
  }
  const updated = pipelines.updateExecution(name, target.executionId, (record) => {
    const state = record.stages.find((s) => s.name === stage)!;
    resetForRetry(state, mode === 'ALL_ACTIONS');
    record.status = 'InProgress';
    delete record.endTime;
    delete record.statusSummary;
    delete record.stopRequest;
  });
  state.activity({ kind: 'pipeline', action: 'retry', pipeline: name, executionId: target.executionId, stage, retryMode: mode });
  return updated;
}

/** StopPipelineExecution: finish in-progress actions (default) or abandon them. */
export async function stopExecution(
  state: StateStore,
  name: string,
  options: { executionId?: string; abandon?: boolean; reason?: string },
): Promise<ExecutionRecord> {
  const pipelines = new PipelineStore(state);
  pipelines.require(name);
  const target = options.executionId
    ? pipelines.requireExecution(name, options.executionId)
    : pipelines.executions(name).filter((e) => e.status === 'InProgress' || e.status === 'Stopping').at(-1);
  if (!target || TERMINAL.has(target.status)) throw new InputError(`pipeline "${name}" has no execution in progress to stop`);
  pipelines.updateExecution(name, target.executionId, (record) => {
    // DuplicatedStopRequestException: a stop can only be escalated from "stop and wait" to "stop and abandon".
    if (record.stopRequest && !(options.abandon && !record.stopRequest.abandon)) {
      throw new InputError(
        `execution ${record.executionId} is already Stopping (${record.stopRequest.abandon ? 'stop and abandon' : 'stop and wait'}); ${record.stopRequest.abandon ? 'it cannot be asked again' : 'only --abandon can be asked now'}`,
      );
    }
    record.stopRequest = { abandon: !!options.abandon, reason: options.reason, at: new Date().toISOString() };
  });
  state.activity({ kind: 'pipeline', action: 'stop', pipeline: name, executionId: target.executionId, abandon: !!options.abandon });
  return (await runUntilRest(state, name, target.executionId))!;
}

/** EnableStageTransition / DisableStageTransition (inbound transition of a stage). */
export function setTransition(state: StateStore, name: string, stage: string, enabled: boolean, reason?: string): PipelineRecord {
  const pipelines = new PipelineStore(state);
  const record = pipelines.update(name, (r) => {
    const index = r.declaration.stages.findIndex((s) => s.name === stage);
    if (index < 0) throw new InputError(`pipeline "${name}" has no stage "${stage}"`);
    if (index === 0) throw new InputError(`stage "${stage}" is the first stage: it has no inbound transition`);
    if (!enabled && !reason) throw new InputError('disabling a transition needs --reason');
    r.transitions[stage] = { enabled, reason: enabled ? undefined : reason, lastChangedAt: new Date().toISOString() };
  });
  state.activity({ kind: 'pipeline', action: enabled ? 'enable-transition' : 'disable-transition', pipeline: name, stage, reason });
  return record;
}

/**
 * The pipeline engine's crash recovery (AbandonedWorkSettler), for readers too: a status
 * never shows work of a dead process as in progress.
 */
export function pipelineSettler(state: StateStore): AbandonedWorkSettler {
  return { settleAbandoned: () => settleAbandonedPipelines(state) };
}

