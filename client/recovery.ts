import * as vscode from 'vscode';
import { settleAbandonedWork } from '../runtime/recovery';
import type { Ctx } from './ctx';

/**
 * When the extension starts, work a dead process left in progress (a closed window, a killed
 * CLI) is settled, so no view shows it running forever. Rolling back stacks and deployments
 * runs workspace code: in an untrusted workspace that waits until trust is granted.
 */
export function settleAbandonedWorkOnStart(ctx: Ctx): void {
  const settle = (trusted: boolean) =>
    settleAbandonedWork(ctx.store(), trusted).then(
      (settled) => {
        const names = [...settled.builds.map((id) => `build ${id}`), ...settled.stacks.map((name) => `stack ${name}`), ...settled.deployments.map((id) => `deployment ${id}`), ...settled.pipelines.map((name) => `pipeline ${name}`)];
        if (names.length) ctx.log.info(`settled work left in progress by a process that ended: ${names.join(', ')}`);
        ctx.refresh();
      },
      (error: Error) => ctx.log.warn(`could not settle work left in progress by a process that ended: ${error.message}`),
    );
  void settle(vscode.workspace.isTrusted);
  if (!vscode.workspace.isTrusted) ctx.extension.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void settle(true)));
}
