/**
 * Messages of the pipeline page (webviews/pipeline). The page speaks the `ready`
 * handshake of ./webview.ts, then receives PipelineViewState and sends PipelineAction.
 */
import type { ActionMessage, FromWebview, StateMessage } from './webview';

/**
 * The word the tree and the pipeline page show for a stage's or action's status: one that has
 * not started is "Waiting" while its execution runs and "Didn't run" once it ended.
 */
export function shownStatus(status: string, executionStatus: string | undefined): string {
  if (status !== 'NotStarted') return status;
  return executionStatus === 'InProgress' || executionStatus === 'Stopping' ? 'Waiting' : 'Didn’t run';
}

/** One action card of the pipeline page. */
export interface PipelineViewAction {
  name: string;
  category: string;
  provider: string;
  runOrder: number;
  status: string;
  summary?: string;
  errorMessage?: string;
  externalUrl?: string;
  durationMs?: number;
  startTime?: string;
  /** Present while a manual approval waits (and after it was decided). */
  approval?: { customData?: string; externalEntityLink?: string; decision?: { status: string; summary?: string; by: string } };
}

export interface PipelineViewStage {
  name: string;
  status: string;
  inboundTransition: { enabled: boolean; reason?: string };
  /** Why a beforeEntry condition failed or skipped the stage. */
  conditionSummary?: string;
  actions: PipelineViewAction[];
}

export interface PipelineViewExecution {
  executionId: string;
  status: string;
  statusSummary?: string;
  trigger: string;
  startTime: string;
  endTime?: string;
  revision?: { revisionId: string; revisionSummary?: string };
}

/** extension → webview: everything the page renders. */
export interface PipelineViewState {
  pipelineName: string;
  version: number;
  executionMode: string;
  /** The execution shown (the latest unless the user picked one from the history). */
  execution?: PipelineViewExecution & { stages: PipelineViewStage[]; variables: Record<string, string> };
  history: PipelineViewExecution[];
  /** False when the pipeline no longer exists. */
  exists: boolean;
}

/** webview → extension: each pipeline-page action with its own arguments. */
export interface PipelineActionArgs {
  approve: { stage: string; action: string; summary?: string };
  reject: { stage: string; action: string; summary?: string };
  retry: { stage: string };
  enableTransition: { stage: string };
  disableTransition: { stage: string; reason: string };
  release: undefined;
  stop: { abandon: boolean };
  select: { executionId?: string };
  openLink: { url: string };
  showLogs: { stage?: string; action?: string };
}

export type PipelineActionName = keyof PipelineActionArgs;
export type PipelineAction = ActionMessage<PipelineActionArgs>;
export type PipelineToWebview = StateMessage<PipelineViewState>;
export type PipelineFromWebview = FromWebview<PipelineActionArgs>;
