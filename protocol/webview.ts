/**
 * Messages between the extension and its webviews. Every panel speaks a
 * `ready` handshake first; each panel's own messages are declared beside these.
 */

/** webview → extension: the page has loaded and wants its state. */
export interface ReadyMessage {
  type: 'ready';
}

/** extension → webview: the whole state to render (panels re-render from it). */
export interface StateMessage<S> {
  type: 'state';
  state: S;
}

/** webview → extension: run one of the panel's actions (approve, execute, open a log…). */
export interface ActionMessage<A extends string = string> {
  type: 'action';
  action: A;
  args?: Record<string, unknown>;
}

export type ToWebview<S> = StateMessage<S>;
export type FromWebview<A extends string = string> = ReadyMessage | ActionMessage<A>;

/** The subset of the webview API a panel script uses (acquireVsCodeApi()). */
export interface WebviewApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

// --- pipeline panel (client/pipelines/panel.ts ↔ webviews/pipeline) -----------------

/**
 * The word the tree and the pipeline page show for a stage's or action's status: one that has
 * not started is "Waiting" while its execution runs and "Didn't run" once it ended.
 */
export function shownStatus(status: string, executionStatus: string | undefined): string {
  if (status !== 'NotStarted') return status;
  return executionStatus === 'InProgress' || executionStatus === 'Stopping' ? 'Waiting' : 'Didn’t run';
}

/** One action card of the pipeline panel. */
export interface PipelinePanelAction {
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

export interface PipelinePanelStage {
  name: string;
  status: string;
  inboundTransition: { enabled: boolean; reason?: string };
  /** Why a beforeEntry condition failed or skipped the stage. */
  conditionSummary?: string;
  actions: PipelinePanelAction[];
}

export interface PipelinePanelExecution {
  executionId: string;
  status: string;
  statusSummary?: string;
  trigger: string;
  startTime: string;
  endTime?: string;
  revision?: { revisionId: string; revisionSummary?: string };
}

/** extension → webview (inside StateMessage): everything the panel renders. */
export interface PipelinePanelState {
  pipelineName: string;
  version: number;
  executionMode: string;
  /** The execution shown (the latest unless the user picked one from the history). */
  execution?: PipelinePanelExecution & { stages: PipelinePanelStage[]; variables: Record<string, string> };
  history: PipelinePanelExecution[];
  /** False when the pipeline no longer exists. */
  exists: boolean;
}

/** webview → extension: each pipeline-panel action with its own arguments. */
export interface PipelinePanelActionArgs {
  approve: { stage: string; action: string; summary?: string };
  reject: { stage: string; action: string; summary?: string };
  retry: { stage: string };
  enableTransition: { stage: string };
  disableTransition: { stage: string; reason: string };
  release: Record<string, never>;
  stop: { abandon: boolean };
  select: { executionId?: string };
  openLink: { url: string };
  showLogs: { stage?: string; action?: string };
}

export type PipelinePanelActionName = keyof PipelinePanelActionArgs;

/** An action message whose `args` are typed by its action (one member per action). */
export type TypedActionMessage<Args> = { [A in keyof Args]: { type: 'action'; action: A; args: Args[A] } }[keyof Args];

export type PipelinePanelFromWebview = ReadyMessage | TypedActionMessage<PipelinePanelActionArgs>;
