import { BuildStore } from './builds/records';
import type { StateStore } from './common/state';
import { DeployEngine } from './deployments/engine';
import { recover as recoverPipelines } from './pipelines/engine/api';
import { StackEngine } from './stacks/engine';

/** What settling found: the work a dead process (a closed window, a killed CLI) left in progress. */
export interface SettledWork {
  builds: string[];
  stacks: string[];
  deployments: string[];
}

/**
 * Settles every kind of work whose process died, as each engine does before it reads: builds
 * and pipeline executions are marked failed (their orphaned commands ended). Stacks roll back
 * and deployments may roll back, which runs providers and hooks from the workspace, so those
 * two are settled only when `mayRunWorkspaceCode` (a trusted workspace) says so.
 */
export async function settleAbandonedWork(state: StateStore, mayRunWorkspaceCode: boolean): Promise<SettledWork> {
  const builds = await new BuildStore(state).recoverAbandoned();
  await recoverPipelines(state);
  if (!mayRunWorkspaceCode) return { builds, stacks: [], deployments: [] };
  const stacks = await new StackEngine(state).settle();
  const deployments = await new DeployEngine(state).recover();
  return { builds, stacks, deployments };
}
