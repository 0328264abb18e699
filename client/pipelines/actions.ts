import { decideApproval, retryStage, setTransition } from '../../runtime/pipelines';
import { currentUser } from '../../runtime/common/identity';
import { spawnDriver } from '../../runtime/pipelines/triggers';
import type { Ctx } from '../ctx';

/**
 * What both the Pipelines commands and the pipeline webview do: record the change in
 * the state home, then let a detached worker carry the execution on. Both callers
 * check Workspace Trust first (the command table, the panel's PANEL_TRUST).
 */

export function approveOrReject(ctx: Ctx, pipeline: string, stage: string, action: string, status: 'Approved' | 'Rejected', summary?: string): void {
  decideApproval(ctx.store(), pipeline, { stage, action, status, summary: summary || undefined, by: currentUser(ctx.workspaceRoot) });
  spawnDriver(ctx.stateHome, pipeline);
}

export function retryFailedStage(ctx: Ctx, pipeline: string, stage: string, executionId?: string): void {
  retryStage(ctx.store(), pipeline, stage, executionId);
  spawnDriver(ctx.stateHome, pipeline);
}

export function toggleTransition(ctx: Ctx, pipeline: string, stage: string, enabled: boolean, reason?: string): void {
  setTransition(ctx.store(), pipeline, stage, enabled, reason);
  if (enabled) spawnDriver(ctx.stateHome, pipeline);
}
