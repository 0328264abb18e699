/**
 * Messages of the deployment details page (webviews/deployment). The page speaks the
 * `ready` handshake of ./webview.ts, then receives DeploymentViewState and sends actions.
 */
import type { ActionMessage, FromWebview, StateMessage } from './webview';

export interface DeploymentViewEvent {
  name: string;
  status: string;
  durationMs?: number;
  message?: string;
  /** Set when the event wrote output: the page's "Output" opens it. */
  hasLog: boolean;
}

export interface DeploymentViewInstance {
  name: string;
  status: string;
  role?: string;
  root: string;
  /** Where the revision serves, as its hooks said, and whether it answers now. */
  url?: string;
  live?: boolean;
  events: DeploymentViewEvent[];
}

export interface DeploymentViewState {
  id: string;
  application: string;
  group: string;
  status: string;
  config: string;
  revision: string;
  createTime: string;
  completeTime?: string;
  errorMessage?: string;
  /** The deployment that rolled this one back, or the one this one rolls back. */
  rollback?: { id: string; status: string };
  rollbackOf?: string;
  instances: DeploymentViewInstance[];
}

/** webview → extension: each action of the page with its own arguments. */
export interface DeploymentActionArgs {
  openLog: { instance: string; event: string };
  openDeployment: { id: string };
  openUrl: { url: string };
  stop: undefined;
  stopAndRollback: undefined;
}

export type DeploymentActionName = keyof DeploymentActionArgs;
export type DeploymentAction = ActionMessage<DeploymentActionArgs>;
export type DeploymentFromWebview = FromWebview<DeploymentActionArgs>;
export type DeploymentToWebview = StateMessage<DeploymentViewState>;
