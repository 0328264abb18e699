import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { requireTrust } from '../trust';

/**
 * One command of the table in client/commands.ts. The registrar, not the command,
 * applies the gates: Workspace Trust before `run`, error reporting (log and
 * notification) when it throws, and a view refresh after it.
 */
export interface CommandSpec<Args extends unknown[] = unknown[]> {
  /** The command itself; VS Code hands it whatever the caller passed (a tree row, a Uri, nothing). */
  run(ctx: Ctx, ...args: Args): unknown;
  /**
   * Set on every command that can run workspace content (builds, hooks, stack
   * resources, pipeline actions): what it does, as the trust prompt names it.
   */
  trust?: string;
  /** Reload the views when the command ends, whether it succeeded or not. */
  refresh?: boolean;
}

/** The handler VS Code calls for `id`: trust, then `run`, errors reported with logging, then refresh. */
export function gatedHandler(ctx: Ctx, id: string, spec: CommandSpec): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    if (spec.trust && !requireTrust(spec.trust)) return undefined;
    try {
      return await spec.run(ctx, ...args);
    } catch (error) {
      reportError(ctx, id, error);
      return undefined;
    } finally {
      if (spec.refresh) ctx.refresh();
    }
  };
}

/** How every command reports a failure: a log line naming the command and a one-line notification. */
export function reportError(ctx: Ctx, id: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  ctx.log.error(`${id}: ${message}`);
  void vscode.window.showErrorMessage(`Slipway: ${message}`);
}

export function registerCommandTable(ctx: Ctx, table: Record<string, CommandSpec>): void {
  for (const [id, spec] of Object.entries(table)) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, gatedHandler(ctx, id, spec)));
  }
}
