import * as fs from 'node:fs';
import * as path from 'node:path';
import { actionProviderFor, describeType, type ActionOutcome } from '../actions/provider';
import type { ActionDeclaration } from '../model';
import { ArtifactStore } from './artifacts';
import type { ActionState, ExecutionRecord, PipelineRecord } from './records';
import type { ActionRef } from './step';
import { APPROVAL_LIFETIME_MS } from './step';
import type { PipelineStore } from './store';
import { resolveConfiguration, visibleVariables } from './variables';

/**
 * Runs one action that the driver marked InProgress: lays out its input artifacts,
 * resolves its configuration, calls its provider, stores what it produced and
 * records the outcome on the execution.
 */
export async function runAction(pipelines: PipelineStore, pipeline: PipelineRecord, ref: ActionRef, signal: AbortSignal): Promise<void> {
  const declared = findAction(pipeline, ref);
  const log = (line: string): void => pipelines.appendLog(pipeline.name, ref.executionId, { stage: ref.stage, action: ref.action, line });
  const workRoot = pipelines.state.path('pipelines', pipeline.name, 'work', ref.executionId, `${ref.stage}--${ref.action}`);
  let outcome: ActionOutcome;
  let produced: Record<string, string> = {};
  try {
    const execution = pipelines.requireExecution(pipeline.name, ref.executionId);
    const provider = actionProviderFor(declared.actionTypeId);
    if (!provider) throw new Error(`no local provider for action type ${describeType(declared.actionTypeId)}`);
    const variables = visibleVariables(execution);
    const configuration = resolveConfiguration(declared.configuration, variables);
    setAction(pipelines, pipeline, ref, (a) => (a.resolvedConfiguration = configuration));
    fs.rmSync(workRoot, { recursive: true, force: true });
    const artifacts = new ArtifactStore(pipelines.state);
    const inputs = declared.inputArtifacts.map((name) => {
      const id = execution.artifacts[name];
      if (!id) throw new Error(`input artifact "${name}" was not produced in this execution`);
      const dir = path.join(workRoot, 'in', name);
      artifacts.materialize(id, dir);
      return { name, dir, id };
    });
    const outputs = declared.outputArtifacts.map((name) => {
      const dir = path.join(workRoot, 'out', name);
      fs.mkdirSync(dir, { recursive: true });
      return { name, dir };
    });
    const workDir = path.join(workRoot, 'work');
    fs.mkdirSync(workDir, { recursive: true });
    log(`running ${describeType(declared.actionTypeId)} (attempt ${currentAttempt(execution, ref)})`);
    outcome = await provider.run({
      store: pipelines.state,
      pipelineName: pipeline.name,
      executionId: ref.executionId,
      stageName: ref.stage,
      action: declared,
      configuration,
      inputs,
      outputs,
      workDir,
      baseDir: pipeline.baseDir,
      sourceRevision: execution.trigger.sourceRevisions?.[declared.name],
      variables,
      log,
      progress: (update) => setAction(pipelines, pipeline, ref, (a) => Object.assign(a, update)),
      signal,
    });
    if (signal.aborted && outcome.status !== 'Failed') outcome = { status: 'Failed', errorMessage: 'abandoned' };
    if (outcome.status === 'Succeeded') {
      for (const output of outputs) produced[output.name] = artifacts.ingest(output.dir);
    }
  } catch (error) {
    outcome = { status: 'Failed', errorMessage: (error as Error).message };
    produced = {};
  } finally {
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
  if (outcome.status !== 'Waiting') log(outcome.status === 'Failed' ? `failed: ${outcome.errorMessage}` : 'succeeded');
  record(pipelines, pipeline, ref, declared, outcome, produced, signal.aborted);
}

function findAction(pipeline: PipelineRecord, ref: ActionRef): ActionDeclaration {
  const stage = pipeline.declaration.stages.find((s) => s.name === ref.stage);
  const action = stage?.actions.find((a) => a.name === ref.action);
  if (!action) throw new Error(`pipeline ${pipeline.name} has no action ${ref.stage}/${ref.action}`);
  return action;
}

function currentAttempt(execution: ExecutionRecord, ref: ActionRef): number {
  return execution.stages.find((s) => s.name === ref.stage)?.actions.find((a) => a.name === ref.action)?.attempt ?? 1;
}

function setAction(pipelines: PipelineStore, pipeline: PipelineRecord, ref: ActionRef, change: (action: ActionState, execution: ExecutionRecord) => void): void {
  pipelines.updateExecution(pipeline.name, ref.executionId, (execution) => {
    const action = execution.stages.find((s) => s.name === ref.stage)?.actions.find((a) => a.name === ref.action);
    if (action) change(action, execution);
  });
}

function record(
  pipelines: PipelineStore,
  pipeline: PipelineRecord,
  ref: ActionRef,
  declared: ActionDeclaration,
  outcome: ActionOutcome,
  produced: Record<string, string>,
  abandoned: boolean,
): void {
  setAction(pipelines, pipeline, ref, (action, execution) => {
    if (action.status !== 'InProgress') return; // settled meanwhile (crash recovery ran)
    const now = new Date().toISOString();
    if (outcome.summary !== undefined) action.summary = outcome.summary;
    if (outcome.externalUrl !== undefined) action.externalUrl = outcome.externalUrl;
    if (outcome.status === 'Waiting') {
      action.approval = { ...outcome.approval, expiresAt: outcome.approval.expiresAt || new Date(Date.now() + APPROVAL_LIFETIME_MS).toISOString() };
      return;
    }
    action.endTime = now;
    if (outcome.status === 'Failed') {
      action.status = abandoned ? 'Abandoned' : 'Failed';
      action.errorMessage = outcome.errorMessage;
      if (action.summary === undefined) action.summary = outcome.errorMessage;
      return;
    }
    action.status = 'Succeeded';
    if (outcome.outputVariables) {
      action.outputVariables = outcome.outputVariables;
      if (declared.namespace) execution.namespaces[declared.namespace] = outcome.outputVariables;
    }
    Object.assign(execution.artifacts, produced);
    if (outcome.revision) {
      execution.sourceRevisions = execution.sourceRevisions.filter((r) => r.actionName !== declared.name);
      execution.sourceRevisions.push({ actionName: declared.name, ...outcome.revision });
    }
  });
}
