// What deserves a notification, decided from two snapshots of the state home: pure (no
// vscode), so the rules are unit-tested. A change is announced once, by whichever window
// sees it, whether the editor, the CLI or the API endpoint did the work.
import type { BuildRecord } from '../../runtime/builds/records';
import type { Deployment } from '../../runtime/deployments/records';
import type { ExecutionView } from '../../runtime/pipelines';

/** `slipway.notifications`: everything, only what needs you (failures and approvals), or nothing. */
export type NotificationLevel = 'all' | 'failuresAndApprovals' | 'off';

export interface NoticeAction {
  title: string;
  command: string;
  args: unknown[];
}

export interface Notice {
  /** One key per announced fact, so the same fact is never announced twice. */
  key: string;
  severity: 'info' | 'warning' | 'error';
  /** Failures and approvals: what `failuresAndApprovals` keeps. */
  needsYou: boolean;
  message: string;
  actions: NoticeAction[];
}

export interface Snapshot {
  builds: Map<string, Pick<BuildRecord, 'id' | 'project' | 'number' | 'status' | 'startTime' | 'durationMs' | 'paused'>>;
  executions: Map<string, ExecutionView>;
  deployments: Map<string, Pick<Deployment, 'id' | 'application' | 'group' | 'status' | 'createTime' | 'errorMessage' | 'rollback'>>;
}

export function emptySnapshot(): Snapshot {
  return { builds: new Map(), executions: new Map(), deployments: new Map() };
}

const TERMINAL_BUILD = new Set(['SUCCEEDED', 'FAILED', 'FAULT', 'STOPPED', 'TIMED_OUT']);
const TERMINAL_EXECUTION = new Set(['Succeeded', 'Failed', 'Stopped', 'Superseded', 'Cancelled']);
const TERMINAL_DEPLOYMENT = new Set(['Succeeded', 'Failed', 'Stopped']);

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : ` in ${(ms / 1000).toFixed(1)} s`;
}

/**
 * The notices for what changed from `before` to `after`. Work that was already finished when
 * this window first looked (`since`) is history, not news: only transitions seen, or work
 * started after `since`, are announced.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot, since: number): Notice[] {
  const notices: Notice[] = [];
  const isNew = (startedAt: string) => Date.parse(startedAt) >= since;

  for (const build of after.builds.values()) {
    const old = before.builds.get(build.id);
    const label = `build ${build.project} #${build.number}`;
    if (build.paused && (!old || !old.paused || old.paused.since !== build.paused.since)) {
      notices.push({
        key: `build:${build.id}:paused:${build.paused.since}`,
        severity: 'warning',
        needsYou: true,
        message: `Slipway: ${label} paused at ${build.paused.phase}: ${build.paused.command}${build.paused.exitCode !== undefined ? ` (exit status ${build.paused.exitCode})` : ''}.`,
        actions: [
          { title: 'Open Terminal', command: 'slipway.attachBuild', args: [build.id] },
          { title: 'Resume', command: 'slipway.resumeBuild', args: [build.id] },
        ],
      });
    }
    const finishedNow = TERMINAL_BUILD.has(build.status) && (old ? !TERMINAL_BUILD.has(old.status) : isNew(build.startTime));
    if (!finishedNow) continue;
    const failed = build.status !== 'SUCCEEDED';
    notices.push({
      key: `build:${build.id}:${build.status}`,
      severity: failed ? 'error' : 'info',
      needsYou: failed && build.status !== 'STOPPED',
      message: `Slipway: ${label} ${build.status}${seconds(build.durationMs)}.`,
      actions: failed
        ? [
            { title: 'Open Log', command: 'slipway.openBuildLog', args: [build.id] },
            { title: 'Run Again', command: 'slipway.rerunBuild', args: [build.id] },
            { title: 'Show Details', command: 'slipway.showBuild', args: [build.id] },
          ]
        : [
            { title: 'Show Details', command: 'slipway.showBuild', args: [build.id] },
            { title: 'Open Log', command: 'slipway.openBuildLog', args: [build.id] },
          ],
    });
  }

  for (const [key, view] of after.executions) {
    const old = before.executions.get(key);
    const open = { pipeline: view.pipelineName, executionId: view.executionId };
    const label = `pipeline ${view.pipelineName}`;
    for (const stage of view.stages) {
      for (const action of stage.actions) {
        const waiting = action.status === 'InProgress' && action.approval && !action.approval.decision;
        if (!waiting) continue;
        const wasWaiting = old?.stages.find((s) => s.name === stage.name)?.actions.find((a) => a.name === action.name && a.attempt === action.attempt);
        if (wasWaiting?.status === 'InProgress' && wasWaiting.approval && !wasWaiting.approval.decision) continue;
        if (!old && !isNew(view.startTime)) continue;
        const row = { ...open, stage: stage.name, action: action.name };
        notices.push({
          key: `pipeline:${key}:${stage.name}:${action.name}:${action.attempt}:approval`,
          severity: 'warning',
          needsYou: true,
          message: `Slipway: ${label} waits for approval at ${stage.name} / ${action.name}${action.approval?.customData ? `: ${action.approval.customData}` : ''}.`,
          actions: [
            { title: 'Review', command: 'slipway.pipeline.open', args: [open] },
            { title: 'Approve…', command: 'slipway.pipeline.approve', args: [{ data: row }] },
            { title: 'Reject…', command: 'slipway.pipeline.reject', args: [{ data: row }] },
          ],
        });
      }
    }
    const finishedNow = TERMINAL_EXECUTION.has(view.status) && (old ? !TERMINAL_EXECUTION.has(old.status) : isNew(view.startTime));
    if (!finishedNow || view.status === 'Superseded') continue;
    const failed = view.status === 'Failed';
    const failedStage = view.stages.find((s) => s.status === 'Failed');
    notices.push({
      key: `pipeline:${key}:${view.status}`,
      severity: failed ? 'error' : 'info',
      needsYou: failed,
      message: `Slipway: ${label} ${view.status}${failedStage ? ` at ${failedStage.name}` : ''}${view.statusSummary && failed ? `: ${view.statusSummary}` : ''}.`,
      actions: [
        { title: 'Open Pipeline', command: 'slipway.pipeline.open', args: [open] },
        ...(failedStage ? [{ title: 'Retry', command: 'slipway.pipeline.retry', args: [{ data: { ...open, stage: failedStage.name } }] }] : []),
      ],
    });
  }

  for (const deployment of after.deployments.values()) {
    const old = before.deployments.get(deployment.id);
    const finishedNow = TERMINAL_DEPLOYMENT.has(deployment.status) && (old ? !TERMINAL_DEPLOYMENT.has(old.status) : isNew(deployment.createTime));
    if (!finishedNow) continue;
    const failed = deployment.status === 'Failed';
    const rolledBack = deployment.rollback ? ` (rolled back by ${deployment.rollback.id})` : '';
    notices.push({
      key: `deployment:${deployment.id}:${deployment.status}`,
      severity: failed ? 'error' : 'info',
      needsYou: failed,
      message: `Slipway: deployment ${deployment.id} ${deployment.status} on ${deployment.application}/${deployment.group}${failed && deployment.errorMessage ? `: ${deployment.errorMessage}` : ''}${rolledBack}.`,
      actions: [{ title: 'Show Details', command: 'slipway.deployments.show', args: [deployment.id] }],
    });
  }
  return notices;
}

/** The notices a level lets through. */
export function filterNotices(notices: Notice[], level: NotificationLevel): Notice[] {
  if (level === 'off') return [];
  return level === 'all' ? notices : notices.filter((n) => n.needsYou);
}
