import * as vscode from 'vscode';
import { watch } from '../../runtime/pipelines/watch';
import type { Ctx } from '../ctx';

/**
 * While the window is open and the workspace trusted, starts the pipelines whose
 * LocalGit source branch moves (what `slipway watch` does from a terminal). A run
 * executes workspace content, so an untrusted window starts the watcher only once
 * trust is granted.
 */
export function registerBranchWatcher(ctx: Ctx): void {
  const controller = new AbortController();
  ctx.extension.subscriptions.push({ dispose: () => controller.abort() });
  const start = () => {
    void watch(ctx.store(), { intervalMs: 1000, signal: controller.signal, onStart: (e) => ctx.log.info(`pipeline ${e.pipelineName}: the tracked branch moved; started ${e.executionId}`) }).catch((error: Error) =>
      ctx.log.error(`pipeline watch: ${error.message}`),
    );
  };
  if (vscode.workspace.isTrusted) start();
  else ctx.extension.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(start));
}
