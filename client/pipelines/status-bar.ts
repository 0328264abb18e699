import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PipelineStore } from '../../runtime/pipelines';
import type { Ctx } from '../ctx';

/** The branch checked out in the workspace root (undefined when it is not a git repository or HEAD is detached). */
function currentBranch(root: string): string | undefined {
  try {
    const head = fs.readFileSync(path.join(root, '.git', 'HEAD'), 'utf8').trim();
    return head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : undefined;
  } catch {
    return undefined;
  }
}

/** The pipeline whose source tracks the workspace's current branch (a LocalGit source on the workspace, else any source on that branch). */
function trackingPipeline(ctx: Ctx): string | undefined {
  const root = ctx.workspaceRoot;
  if (!root) return undefined;
  const branch = currentBranch(root);
  if (!branch) return undefined;
  const pipelines = new PipelineStore(ctx.store());
  const candidates = pipelines.names().filter((name) =>
    (pipelines.get(name)?.declaration.stages[0]?.actions ?? []).some((a) => a.configuration.BranchName === branch),
  );
  const local = candidates.find((name) => {
    const record = pipelines.get(name)!;
    return record.declaration.stages[0].actions.some((a) => a.configuration.RepositoryPath && path.resolve(record.baseDir, a.configuration.RepositoryPath) === path.resolve(root));
  });
  return local ?? candidates[0];
}

const ICONS: Record<string, string> = {
  InProgress: '$(sync~spin)',
  Stopping: '$(sync~spin)',
  Succeeded: '$(pass)',
  Failed: '$(error)',
  Stopped: '$(circle-slash)',
  Superseded: '$(circle-slash)',
};

/** The status-bar item for the pipeline tracking the current branch. */
export function registerPipelineStatus(ctx: Ctx): void {
  const item = vscode.window.createStatusBarItem('slipway.pipelineStatus', vscode.StatusBarAlignment.Left, 20);
  item.name = 'Slipway Pipeline';
  const update = () => {
    const name = trackingPipeline(ctx);
    if (!name) {
      item.hide();
      return;
    }
    const pipelines = new PipelineStore(ctx.store());
    const latest = pipelines.executions(name).at(-1);
    const waiting = latest?.status === 'InProgress' && latest.stages.some((s) => s.actions.some((a) => a.status === 'InProgress' && a.approval && !a.approval.decision));
    const status = waiting ? 'Waiting for approval' : (latest?.status ?? 'No executions');
    item.text = `${waiting ? '$(person)' : (ICONS[latest?.status ?? ''] ?? '$(circle-outline)')} ${name}: ${status}`;
    item.tooltip = latest ? `Pipeline ${name}, execution ${latest.executionId}: ${status}${latest.statusSummary ? `\n${latest.statusSummary}` : ''}` : `Pipeline ${name}`;
    item.backgroundColor = latest?.status === 'Failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.command = { command: 'slipway.pipeline.open', title: 'Open Pipeline', arguments: [{ pipeline: name }] };
    item.show();
  };
  update();
  ctx.extension.subscriptions.push(item, ctx.onDidChangeState(update));
}
