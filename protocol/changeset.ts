/**
 * Messages of the change-set page (webviews/changeset). The page speaks the `ready`
 * handshake of ./webview.ts, then receives ChangeSetViewState and sends ChangeSetAction.
 */
import type { ActionMessage, FromWebview, StateMessage } from './webview';

export interface ChangeSetViewDetail {
  attribute: string;
  name?: string;
  requiresRecreation: string;
  evaluation: string;
  changeSource: string;
  causingEntity?: string;
  /** JSON text of the values (masked where secret). */
  before?: string;
  after?: string;
}

export interface ChangeSetViewChange {
  action: 'Add' | 'Modify' | 'Remove' | 'Import';
  logicalId: string;
  physicalId?: string;
  type: string;
  replacement?: string;
  simulated: boolean;
  details: ChangeSetViewDetail[];
}

export interface ChangeSetViewEvent {
  time: string;
  logicalId: string;
  type: string;
  status: string;
  reason?: string;
}

export interface ChangeSetViewState {
  stackName: string;
  changeSetName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  /** AVAILABLE until executed; EXECUTE_IN_PROGRESS while running; then EXECUTE_COMPLETE/EXECUTE_FAILED, or DISCARDED. */
  executionStatus: string;
  statusReason?: string;
  parameters: Record<string, string>;
  changes: ChangeSetViewChange[];
  /** The stack's status once executed, with events as they arrive. */
  stackStatus?: string;
  events: ChangeSetViewEvent[];
  error?: string;
}

/** webview → extension: the page's actions; none takes arguments (the panel knows its change set). */
export interface ChangeSetActionArgs {
  execute: undefined;
  discard: undefined;
  openTemplate: undefined;
}

export type ChangeSetActionName = keyof ChangeSetActionArgs;
export type ChangeSetAction = ActionMessage<ChangeSetActionArgs>;
/** extension → webview: the change set (and, while executing, the live events) to render. */
export type ChangeSetToWebview = StateMessage<ChangeSetViewState>;
export type ChangeSetFromWebview = FromWebview<ChangeSetActionArgs>;
