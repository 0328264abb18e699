import * as vscode from 'vscode';
import '../runtime/plugins';
import { registerBuildFeatures } from './builds';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { settleAbandonedWorkOnStart } from './recovery';
import { GIT_SCHEME, GitContentProvider } from './repos/review/git-content';
import { registerLenses, registerViews } from './views';
import { registerBranchWatcher } from './pipelines/branch-watcher';
import { registerPipelineStatus } from './pipelines/status-bar';
import { registerNotifications } from './notifications';

let ctx: Ctx | undefined;

/** The API handed to other extensions and to the in-host tests. */
export interface SlipwayApi {
  ctx: Ctx;
  activationMs: number;
}

export async function activate(extension: vscode.ExtensionContext): Promise<SlipwayApi> {
  const started = Date.now();
  ctx = new Ctx(extension);
  extension.subscriptions.push(ctx);
  registerCommands(ctx);
  registerViews(ctx);
  registerLenses(ctx);
  registerPipelineStatus(ctx);
  registerBranchWatcher(ctx);
  registerBuildFeatures(ctx);
  // Pull-request diff tabs VS Code restores after a reload read their sides from here, before
  // any review command has run.
  extension.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider()));
  await ctx.start();
  settleAbandonedWorkOnStart(ctx);
  registerNotifications(ctx);
  const activationMs = Date.now() - started;
  ctx.log.info(`Slipway activated in ${activationMs} ms; state home ${ctx.stateHome}`);
  return { ctx, activationMs };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
