import * as path from 'node:path';
import * as vscode from 'vscode';
import { InputError } from '../../runtime/common/errors';
import { detectKind } from '../../runtime/common/kind';
import {
  PipelineStore,
  createPipeline,
  declarationDir,
  deletePipeline,
  loadPipelineFile,
  startExecution,
  stopExecution,
  updatePipeline,
} from '../../runtime/pipelines';
import { spawnDriver } from '../../runtime/pipelines/triggers';
import type { Ctx } from '../ctx';
import { openPipelinePanel } from './panel';
import { approveOrReject, retryFailedStage, toggleTransition } from './actions';
import type { CommandSpec } from '../common/command-spec';
import type { PipelineRowData } from './view';

/**
 * The Pipelines commands. Runs are handed to a detached `slipway pipeline drive`
 * worker, so a pipeline keeps going when the window reloads or closes; the views
 * follow it through the state home.
 */
export const PIPELINE_COMMANDS: Record<string, CommandSpec> = {
  'slipway.pipeline.create': { run: (ctx, uri?: unknown) => createFromFile(ctx, uri instanceof vscode.Uri ? uri : undefined), trust: 'Creating a pipeline', refresh: true },
  'slipway.pipeline.start': { run: releaseChange, trust: 'Running a pipeline', refresh: true },
  // Every decision drives the execution on: an approval runs the next actions, a rejection the failure path.
  'slipway.pipeline.approve': { run: (ctx, row?: PipelineRowData) => decide(ctx, row, 'Approved'), trust: 'Approving a pipeline stage', refresh: true },
  'slipway.pipeline.reject': { run: (ctx, row?: PipelineRowData) => decide(ctx, row, 'Rejected'), trust: 'Rejecting a pipeline stage', refresh: true },
  'slipway.pipeline.retry': { run: retry, trust: 'Retrying a pipeline stage', refresh: true },
  // Stopping lets (or makes) pending actions finish, which runs them.
  'slipway.pipeline.stop': { run: stop, trust: 'Stopping a pipeline execution', refresh: true },
  'slipway.pipeline.disableTransition': { run: (ctx, row?: PipelineRowData) => transition(ctx, row, false), refresh: true },
  // Enabling a transition runs the next stage.
  'slipway.pipeline.enableTransition': { run: (ctx, row?: PipelineRowData) => transition(ctx, row, true), trust: 'Enabling a stage transition', refresh: true },
  'slipway.pipeline.open': { run: async (ctx, row?: PipelineRowData) => openPipelinePanel(ctx, row?.pipeline ?? (await pickPipeline(ctx))), refresh: true },
  // Deleting settles the executions in progress, which drives their pending actions.
  'slipway.pipeline.delete': { run: remove, trust: 'Deleting a pipeline', refresh: true },
};

async function pickPipeline(ctx: Ctx): Promise<string | undefined> {
  const names = new PipelineStore(ctx.store()).names();
  if (names.length === 0) {
    void vscode.window.showInformationMessage('Slipway: no pipelines yet. Create one from a pipeline declaration.', 'Create Pipeline…').then((choice) => {
      if (choice) void vscode.commands.executeCommand('slipway.pipeline.create');
    });
    return undefined;
  }
  return names.length === 1 ? names[0] : vscode.window.showQuickPick(names, { placeHolder: 'Pipeline' });
}

/** Creates (or updates) a pipeline from a declaration file and starts its first execution, as AWS does. */
async function createFromFile(ctx: Ctx, uri: vscode.Uri | undefined): Promise<string | undefined> {
  let file = uri?.fsPath;
  const active = vscode.window.activeTextEditor?.document;
  if (!file && active?.uri.scheme === 'file' && (ctx.kindOf(active.uri) === 'pipeline' || detectKind(active.uri.fsPath, active.getText()) === 'pipeline')) file = active.uri.fsPath;
  if (!file) {
    const found = await vscode.workspace.findFiles('**/*pipeline*.{json,yml,yaml}', '**/{node_modules,.slipway,dist}/**', 50);
    const pick = await vscode.window.showQuickPick(
      found.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
      { placeHolder: 'Pipeline declaration (CodePipeline V2, YAML or JSON)' },
    );
    file = pick?.uri.fsPath;
  }
  if (!file) return undefined;
  const state = ctx.store();
  let declaration;
  try {
    declaration = loadPipelineFile(file);
  } catch (error) {
    if (error instanceof InputError && error.file && error.line) {
      const document = await vscode.workspace.openTextDocument(error.file);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(error.line - 1, 0, error.line - 1, 0) });
    }
    throw error;
  }
  const options = { sourceFile: file, baseDir: declarationDir(file) };
  const exists = new PipelineStore(state).get(declaration.name);
  if (exists) {
    const choice = await vscode.window.showWarningMessage(`Pipeline ${declaration.name} exists. Update it from ${path.basename(file)}?`, { modal: true }, 'Update', 'Update and Release');
    if (!choice) return undefined;
    updatePipeline(state, declaration, options);
    if (choice === 'Update and Release') run(ctx, declaration.name);
  } else {
    createPipeline(state, declaration, options);
    startExecution(state, declaration.name, { trigger: { triggerType: 'CreatePipeline' } });
    spawnDriver(state.home, declaration.name);
  }
  openPipelinePanel(ctx, declaration.name);
  return declaration.name;
}

function run(ctx: Ctx, name: string, variables?: Record<string, string>): string {
  const execution = startExecution(ctx.store(), name, { variables });
  spawnDriver(ctx.stateHome, name);
  ctx.log.info(`pipeline ${name}: started execution ${execution.executionId}`);
  return execution.executionId;
}

/** "Release change": a new execution; declared variables can be overridden. */
async function releaseChange(ctx: Ctx, row: PipelineRowData | undefined): Promise<string | undefined> {
  const name = row?.pipeline ?? (await pickPipeline(ctx));
  if (!name) return undefined;
  const declared = new PipelineStore(ctx.store()).require(name).declaration.variables;
  const variables: Record<string, string> = {};
  for (const variable of declared) {
    const value = await vscode.window.showInputBox({
      title: `Release change: ${name}`,
      prompt: `#{variables.${variable.name}}${variable.description ? ` — ${variable.description}` : ''}`,
      value: variable.defaultValue ?? '',
    });
    if (value === undefined) return undefined;
    variables[variable.name] = value;
  }
  return run(ctx, name, variables);
}

function waitingApprovals(ctx: Ctx, name?: string): PipelineRowData[] {
  const pipelines = new PipelineStore(ctx.store());
  const result: PipelineRowData[] = [];
  for (const pipeline of name ? [name] : pipelines.names()) {
    for (const execution of pipelines.executions(pipeline)) {
      if (execution.status !== 'InProgress') continue;
      for (const stage of execution.stages) {
        for (const action of stage.actions) {
          if (action.status === 'InProgress' && action.approval && !action.approval.decision) {
            result.push({ pipeline, executionId: execution.executionId, stage: stage.name, action: action.name });
          }
        }
      }
    }
  }
  return result;
}

async function decide(ctx: Ctx, row: PipelineRowData | undefined, status: 'Approved' | 'Rejected'): Promise<void> {
  let target = row?.stage && row.action ? row : undefined;
  if (!target) {
    const waiting = waitingApprovals(ctx, row?.pipeline);
    if (waiting.length === 0) {
      void vscode.window.showInformationMessage('Slipway: no approval is waiting.');
      return;
    }
    const pick = await vscode.window.showQuickPick(
      waiting.map((w) => ({ label: `${w.pipeline}: ${w.stage}/${w.action}`, description: w.executionId, row: w })),
      { placeHolder: status === 'Approved' ? 'Approve which request?' : 'Reject which request?' },
    );
    target = pick?.row;
  }
  if (!target?.stage || !target.action) return;
  const summary = await vscode.window.showInputBox({
    title: `${status === 'Approved' ? 'Approve' : 'Reject'} ${target.stage}/${target.action}`,
    prompt: 'Comment (optional)',
  });
  if (summary === undefined) return;
  approveOrReject(ctx, target.pipeline, target.stage, target.action, status, summary);
}

async function retry(ctx: Ctx, row: PipelineRowData | undefined): Promise<void> {
  const name = row?.pipeline ?? (await pickPipeline(ctx));
  if (!name) return;
  const stage = row?.stage ?? (await vscode.window.showQuickPick(new PipelineStore(ctx.store()).require(name).declaration.stages.map((s) => s.name), { placeHolder: 'Retry the failed actions of stage' }));
  if (stage) retryFailedStage(ctx, name, stage, row?.executionId);
}

async function stop(ctx: Ctx, row: PipelineRowData | undefined): Promise<void> {
  const name = row?.pipeline ?? (await pickPipeline(ctx));
  if (!name) return;
  const how = await vscode.window.showQuickPick(
    [
      { label: 'Stop and wait', description: 'let in-progress actions finish', abandon: false },
      { label: 'Stop and abandon', description: 'abandon in-progress actions', abandon: true },
    ],
    { placeHolder: `Stop the execution of ${name}` },
  );
  if (!how) return;
  const reason = await vscode.window.showInputBox({ prompt: 'Reason (optional)' });
  if (reason === undefined) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Stopping ${name}…` }, () =>
    stopExecution(ctx.store(), name, { executionId: row?.executionId, abandon: how.abandon, reason: reason || undefined }),
  );
}

async function transition(ctx: Ctx, row: PipelineRowData | undefined, enabled: boolean): Promise<void> {
  const name = row?.pipeline ?? (await pickPipeline(ctx));
  if (!name) return;
  const stage =
    row?.stage ??
    (await vscode.window.showQuickPick(new PipelineStore(ctx.store()).require(name).declaration.stages.slice(1).map((s) => s.name), { placeHolder: 'Inbound transition of stage' }));
  if (!stage) return;
  let reason: string | undefined;
  if (!enabled) {
    reason = await vscode.window.showInputBox({ prompt: `Why disable the transition into ${stage}?`, validateInput: (v) => (v.trim() ? undefined : 'A reason is required') });
    if (!reason) return;
  }
  toggleTransition(ctx, name, stage, enabled, reason);
}

async function remove(ctx: Ctx, row: PipelineRowData | undefined): Promise<void> {
  const name = row?.pipeline ?? (await pickPipeline(ctx));
  if (!name) return;
  const sure = await vscode.window.showWarningMessage(`Delete pipeline ${name} and its execution history?`, { modal: true }, 'Delete');
  if (sure) await deletePipeline(ctx.store(), name);
}
