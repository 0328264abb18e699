import type { PipelineDeclaration, StageDeclaration, VariableCheckRule } from '../model';
import { resolveConfiguration, visibleVariables } from './variables';
import type { ActionState, ExecutionRecord, PipelineRecord, StageState } from './records';

/**
 * The pure part of the engine: given fresh records, what changes next. Each function
 * mutates the record it is handed (inside the store's read-modify-write) and says
 * what happened, so that the driver can persist, launch actions and loop.
 */

export interface ActionRef {
  executionId: string;
  stage: string;
  action: string;
}

/** AWS approvals expire after seven days. */
export const APPROVAL_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** onFailure RETRY retries a failed stage automatically this many times. */
export const AUTOMATIC_RETRIES = 1;

export function stageDeclaration(declaration: PipelineDeclaration, name: string): StageDeclaration {
  const stage = declaration.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`the pipeline has no stage "${name}"`);
  return stage;
}

export function newStageState(stage: StageDeclaration): StageState {
  return {
    name: stage.name,
    status: 'NotStarted',
    attempt: 0,
    autoRetries: 0,
    actions: stage.actions.map((a) => ({ name: a.name, status: 'NotStarted', attempt: 0 })),
  };
}

export function currentStage(execution: ExecutionRecord): StageState | undefined {
  return execution.stages.find((s) => s.status === 'InProgress');
}

/** The stage the execution waits to enter: the first not started one, when every earlier stage succeeded. */
export function nextStage(execution: ExecutionRecord): StageState | undefined {
  for (const stage of execution.stages) {
    if (stage.status === 'Succeeded' || stage.status === 'Skipped') continue;
    return stage.status === 'NotStarted' ? stage : undefined;
  }
  return undefined;
}

function finish(execution: ExecutionRecord, status: ExecutionRecord['status'], summary?: string): void {
  execution.status = status;
  execution.endTime = new Date().toISOString();
  if (summary) execution.statusSummary = summary;
}

export type StageOutcome =
  | { kind: 'none' }
  | { kind: 'launch'; actions: ActionRef[] }
  | { kind: 'changed' }
  | { kind: 'rollback'; stage: string };

/**
 * Moves an execution forward inside its current stage: settles approval decisions and
 * expiries, handles a stop request, starts the next runOrder group, completes the stage.
 * `running` tells which actions a live process is running (the rest of the InProgress
 * ones are approvals waiting for a decision).
 */
export function advanceWithinStage(
  execution: ExecutionRecord,
  declaration: PipelineDeclaration,
  isRunning: (ref: ActionRef) => boolean,
  now = Date.now(),
): StageOutcome {
  if (execution.status !== 'InProgress' && execution.status !== 'Stopping') return { kind: 'none' };
  let changed = false;
  const stage = currentStage(execution);
  const ref = (action: ActionState): ActionRef => ({ executionId: execution.executionId, stage: stage!.name, action: action.name });

  if (execution.stopRequest) {
    if (execution.status === 'InProgress') {
      execution.status = 'Stopping';
      changed = true;
    }
    for (const action of stage?.actions ?? []) {
      // Waiting approvals are nobody's running work: they are abandoned by either kind of stop.
      if (action.status === 'InProgress' && !isRunning(ref(action))) {
        action.status = 'Abandoned';
        action.endTime = new Date(now).toISOString();
        action.summary = execution.stopRequest.reason ?? 'the execution was stopped';
        changed = true;
      }
    }
    if (stage && stage.actions.some((a) => a.status === 'InProgress')) return changed ? { kind: 'changed' } : { kind: 'none' };
    if (stage) stage.status = 'Stopped';
    finish(execution, 'Stopped', execution.stopRequest.reason ?? 'Stopped by a user');
    return { kind: 'changed' };
  }
  if (!stage) return { kind: 'none' };
  const declared = stageDeclaration(declaration, stage.name);

  for (const action of stage.actions) {
    if (action.status !== 'InProgress' || !action.approval) continue;
    const decision = action.approval.decision;
    if (decision) {
      action.status = decision.status === 'Approved' ? 'Succeeded' : 'Failed';
      action.endTime = decision.at;
      action.summary = decision.summary ?? `${decision.status} by ${decision.by}`;
      if (decision.status === 'Rejected') action.errorMessage = `Rejected by ${decision.by}${decision.summary ? `: ${decision.summary}` : ''}`;
      changed = true;
    } else if (Date.parse(action.approval.expiresAt) <= now) {
      action.status = 'Failed';
      action.endTime = new Date(now).toISOString();
      action.errorMessage = 'The approval request expired after 7 days';
      changed = true;
    }
  }
  if (stage.actions.some((a) => a.status === 'InProgress')) return changed ? { kind: 'changed' } : { kind: 'none' };

  if (stage.actions.some((a) => a.status === 'Failed')) {
    const failure = declared.onFailure;
    if (failure?.result === 'RETRY' && stage.autoRetries < AUTOMATIC_RETRIES) {
      stage.autoRetries++;
      resetForRetry(stage, failure.retryMode === 'ALL_ACTIONS');
      return { kind: 'changed' };
    }
    stage.status = 'Failed';
    const failed = stage.actions.filter((a) => a.status === 'Failed').map((a) => a.name);
    const reason = stage.actions.find((a) => a.status === 'Failed')?.errorMessage;
    finish(execution, 'Failed', `Stage ${stage.name} failed: ${failed.join(', ')}${reason ? ` (${reason})` : ''}`);
    if (failure?.result === 'ROLLBACK' && !execution.rollback) return { kind: 'rollback', stage: stage.name };
    return { kind: 'changed' };
  }

  const waiting = stage.actions.filter((a) => a.status === 'NotStarted');
  if (waiting.length > 0) {
    const order = Math.min(...waiting.map((a) => runOrderOf(declared, a.name)));
    const group = waiting.filter((a) => runOrderOf(declared, a.name) === order);
    const startTime = new Date(now).toISOString();
    for (const action of group) {
      action.status = 'InProgress';
      action.attempt++;
      action.startTime = startTime;
      delete action.endTime;
      delete action.summary;
      delete action.errorMessage;
      delete action.approval;
      delete action.externalUrl;
    }
    return { kind: 'launch', actions: group.map(ref) };
  }

  stage.status = 'Succeeded';
  if (allDone(execution)) finish(execution, 'Succeeded', execution.rollback ? `Rolled back stage ${execution.rollback.stage}` : undefined);
  return { kind: 'changed' };
}

function runOrderOf(stage: StageDeclaration, action: string): number {
  return stage.actions.find((a) => a.name === action)?.runOrder ?? 1;
}

/** Failed (or all) actions go back to NotStarted; the stage runs again from its first such group. */
export function resetForRetry(stage: StageState, allActions: boolean): void {
  stage.status = 'InProgress';
  stage.attempt++;
  for (const action of stage.actions) {
    if (allActions || action.status === 'Failed' || action.status === 'Abandoned') action.status = 'NotStarted';
  }
}

export interface EntryDecision {
  enter: { executionId: string; stage: string }[];
  supersede: { executionId: string; by: string }[];
  stop: string[];
}

/**
 * Which waiting executions enter which stage. In SUPERSEDED and QUEUED mode a stage
 * holds one execution at a time; executions waiting at a locked stage (or a disabled
 * transition) are superseded by a newer one arriving (SUPERSEDED) or wait their turn
 * in order (QUEUED). In PARALLEL mode only disabled transitions hold an execution.
 * `executions` are the active ones, oldest first.
 */
export function decideEntries(pipeline: PipelineRecord, executions: ExecutionRecord[]): EntryDecision {
  const decision: EntryDecision = { enter: [], supersede: [], stop: [] };
  const mode = pipeline.declaration.executionMode;
  const waitingAt = new Map<string, ExecutionRecord[]>();
  for (const execution of executions) {
    if (execution.status !== 'InProgress' && execution.status !== 'Stopping') continue;
    if (currentStage(execution)) continue;
    const next = nextStage(execution);
    if (!next) continue;
    if (execution.stopRequest) {
      decision.stop.push(execution.executionId);
      continue;
    }
    const list = waitingAt.get(next.name) ?? [];
    list.push(execution);
    waitingAt.set(next.name, list);
  }
  const firstStage = pipeline.declaration.stages[0]?.name;
  for (const [stage, waiting] of waitingAt) {
    const transition = pipeline.transitions[stage];
    const open = stage === firstStage || transition?.enabled !== false;
    if (mode === 'PARALLEL') {
      if (open) for (const e of waiting) decision.enter.push({ executionId: e.executionId, stage });
      continue;
    }
    const occupied = executions.some((e) => (e.status === 'InProgress' || e.status === 'Stopping') && currentStage(e)?.name === stage);
    // A rollback goes first: it restores the stage that just failed.
    const rollbacks = waiting.filter((e) => e.rollback);
    const ordinary = waiting.filter((e) => !e.rollback);
    if (mode === 'SUPERSEDED' && ordinary.length > 1) {
      const newest = ordinary.at(-1)!.executionId;
      for (const older of ordinary.slice(0, -1)) decision.supersede.push({ executionId: older.executionId, by: newest });
      ordinary.splice(0, ordinary.length - 1);
    }
    if (!open || occupied) continue;
    const chosen = rollbacks[0] ?? (mode === 'SUPERSEDED' ? ordinary.at(-1) : ordinary[0]);
    if (chosen) decision.enter.push({ executionId: chosen.executionId, stage });
  }
  return decision;
}

function allDone(execution: ExecutionRecord): boolean {
  return execution.stages.every((s) => s.status === 'Succeeded' || s.status === 'Skipped');
}

/** Whether one VariableCheck rule passes (MATCHES uses JavaScript regular expressions, close to Java's). */
export function rulePasses(rule: VariableCheckRule, variables: Record<string, string>): { passed: boolean; actual?: string; error?: string } {
  let actual: string;
  try {
    actual = resolveConfiguration({ Variable: rule.variable }, variables).Variable;
  } catch (error) {
    return { passed: false, error: (error as Error).message };
  }
  switch (rule.operator) {
    case 'EQ':
      return { passed: actual === rule.value, actual };
    case 'NE':
      return { passed: actual !== rule.value, actual };
    case 'CONTAINS':
      return { passed: actual.includes(rule.value), actual };
    case 'MATCHES':
      try {
        return { passed: new RegExp(rule.value).test(actual), actual };
      } catch (error) {
        return { passed: false, actual, error: `invalid regular expression: ${(error as Error).message}` };
      }
  }
}

/**
 * Enters a stage: its beforeEntry conditions run first; a failing condition with
 * result FAIL fails the stage (and the execution), with SKIP it skips the stage.
 */
export function enterStage(execution: ExecutionRecord, stageName: string, declaration: PipelineDeclaration): boolean {
  const stage = execution.stages.find((s) => s.name === stageName);
  if (!stage || stage.status !== 'NotStarted' || execution.status !== 'InProgress') return false;
  const declared = stageDeclaration(declaration, stageName);
  const fresh = newStageState(declared);
  Object.assign(stage, fresh, { status: 'InProgress', attempt: 1 });
  const variables = visibleVariables(execution);
  for (const condition of declared.beforeEntry ?? []) {
    const failed = condition.rules
      .map((rule) => ({ rule, outcome: rulePasses(rule, variables) }))
      .find(({ outcome }) => !outcome.passed);
    if (!failed) continue;
    const why = failed.outcome.error ?? `${failed.rule.variable} is "${failed.outcome.actual}", not ${failed.rule.operator} "${failed.rule.value}"`;
    stage.conditionSummary = `Entry condition rule ${failed.rule.name} failed: ${why}`;
    if (condition.result === 'SKIP') {
      stage.status = 'Skipped';
      if (allDone(execution)) finish(execution, 'Succeeded');
    } else {
      stage.status = 'Failed';
      finish(execution, 'Failed', `Stage ${stage.name} failed: ${stage.conditionSummary}`);
    }
    return true;
  }
  return true;
}

export function supersede(execution: ExecutionRecord, by?: string): boolean {
  if (execution.status !== 'InProgress' || currentStage(execution)) return false;
  finish(execution, 'Superseded', by ? `Superseded by execution ${by}` : 'Superseded by a newer execution');
  return true;
}

export function stopWaiting(execution: ExecutionRecord): boolean {
  if ((execution.status !== 'InProgress' && execution.status !== 'Stopping') || currentStage(execution)) return false;
  finish(execution, 'Stopped', execution.stopRequest?.reason ?? 'Stopped by a user');
  return true;
}
