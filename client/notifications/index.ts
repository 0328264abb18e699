import * as vscode from 'vscode';
import { BuildStore } from '../../runtime/builds/records';
import { DeployEngine } from '../../runtime/deployments/engine';
import { PipelineStore, executionView } from '../../runtime/pipelines';
import type { Ctx } from '../ctx';
import { diffSnapshots, emptySnapshot, filterNotices, type Notice, type Snapshot } from './notices';

/** How much history a snapshot reads: enough for everything running or just finished. */
const RECENT_BUILDS = 50;
const RECENT_DEPLOYMENTS = 50;
const RECENT_EXECUTIONS = 5;

function snapshot(ctx: Ctx): Snapshot {
  const store = ctx.store();
  const next = emptySnapshot();
  for (const build of new BuildStore(store).list().slice(0, RECENT_BUILDS)) next.builds.set(build.id, build);
  const pipelines = new PipelineStore(store);
  for (const name of pipelines.names()) {
    const record = pipelines.get(name);
    if (!record) continue;
    for (const execution of pipelines.executions(name).slice(-RECENT_EXECUTIONS)) next.executions.set(`${name}/${execution.executionId}`, executionView(record, execution));
  }
  for (const deployment of new DeployEngine(store).listDeployments({ limit: RECENT_DEPLOYMENTS })) next.deployments.set(deployment.id, deployment);
  return next;
}

/**
 * Announces what happened in the local account (a build finished or paused, a pipeline waits
 * for approval or finished, a deployment failed), with the next step as a button, at the level
 * `slipway.notifications` sets.
 */
export function registerNotifications(ctx: Ctx): void {
  const since = Date.now();
  let last: Snapshot | undefined;
  const announced = new Set<string>();
  const check = () => {
    let next: Snapshot;
    try {
      next = snapshot(ctx);
    } catch (error) {
      ctx.log.debug(`notifications: cannot read the state home: ${(error as Error).message}`);
      return;
    }
    // The first look is the baseline: only what changes from then on, or starts later, is news.
    const notices = diffSnapshots(last ?? emptySnapshot(), next, since);
    last = next;
    for (const notice of filterNotices(notices, ctx.config.notifications)) {
      if (announced.has(notice.key)) continue;
      announced.add(notice.key);
      show(ctx, notice);
    }
  };
  check();
  ctx.extension.subscriptions.push(ctx.onDidChangeState(check));
}

function show(ctx: Ctx, notice: Notice): void {
  ctx.log.info(notice.message.replace(/^Slipway: /, ''));
  const showMessage = notice.severity === 'error' ? vscode.window.showErrorMessage : notice.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void showMessage(notice.message, ...notice.actions.map((a) => a.title)).then((choice) => {
    const action = notice.actions.find((a) => a.title === choice);
    if (action) void vscode.commands.executeCommand(action.command, ...action.args);
  });
}
