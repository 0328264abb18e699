import { BuildStore } from './builds/records';
import type { AbandonedWorkSettler, Settled } from './common/settled';
import type { StateStore } from './common/state';
import { DeployEngine } from './deployments/engine';
import { pipelineSettler } from './pipelines/engine/api';
import { StackEngine } from './stacks/engine';

/** What settling found: the work a dead process (a closed window, a killed CLI) left in progress. */
export interface SettledWork {
  builds: string[];
  stacks: string[];
  deployments: string[];
  pipelines: string[];
}

/**
 * Settles every kind of work whose process died, through each engine's
 * AbandonedWorkSettler, as each engine does before it reads: builds and pipeline
 * executions are marked failed (their orphaned commands ended). Stacks roll back and
 * deployments may roll back, which runs providers and hooks from the workspace, so
 * those two are settled only when `mayRunWorkspaceCode` (a trusted workspace) says so.
 */
export async function settleAbandonedWork(state: StateStore, mayRunWorkspaceCode: boolean): Promise<SettledWork> {
  const engines: Array<{ settler: AbandonedWorkSettler; runsWorkspaceCode: boolean }> = [
    { settler: new BuildStore(state), runsWorkspaceCode: false },
    { settler: pipelineSettler(state), runsWorkspaceCode: false },
    { settler: new StackEngine(state), runsWorkspaceCode: true },
    { settler: new DeployEngine(state), runsWorkspaceCode: true },
  ];
  const settled: Settled[] = [];
  for (const { settler, runsWorkspaceCode } of engines) {
    if (runsWorkspaceCode && !mayRunWorkspaceCode) continue;
    settled.push(...(await settler.settleAbandoned()));
  }
  const ids = (kind: Settled['kind']) => settled.filter((s) => s.kind === kind).map((s) => s.id);
  return { builds: ids('build'), stacks: ids('stack'), deployments: ids('deployment'), pipelines: ids('pipeline') };
}
