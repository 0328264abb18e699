/**
 * Messages of the pull request description page (webviews/review). The page speaks
 * the `ready` handshake of ./webview.ts, then receives ReviewState and sends ReviewAction.
 */
import type { ActionMessage, ReadyMessage, StateMessage } from './webview';

export interface ReviewState {
  repository: string;
  id: string;
  title: string;
  description: string;
  author: string;
  createdAt: string;
  /** CodeCommit's pullRequestStatus; a merged pull request is CLOSED with isMerged. */
  status: 'OPEN' | 'CLOSED';
  isMerged: boolean;
  source: string;
  destination: string;
  sourceCommit: string;
  approvals: { user: string; current: boolean }[];
  rules: { source: string; approvals: number; approvers: string[]; approvedBy: string[]; satisfied: boolean }[];
  mergeable: boolean;
  /** Files that conflict between source and destination now. */
  conflicts: string[];
  merge?: { strategy: string; mergeCommit: string; by: string; time: string };
  files: { status: string; path: string; oldPath?: string }[];
  openThreads: number;
  resolvedThreads: number;
  /** Who the extension acts as (SLIPWAY_USER or git user.email). */
  user: string;
  /** The last action's failure, shown on the page (e.g. why a merge was refused). */
  error?: string;
}

export type ReviewActionName = 'approve' | 'revoke' | 'merge' | 'close' | 'openFile' | 'refresh';

/** extension → webview: the pull request to render. */
export type ReviewToWebview = StateMessage<ReviewState>;
/** webview → extension: `ready`, or an action (merge carries args.strategy, openFile args.path). */
export type ReviewFromWebview = ReadyMessage | ActionMessage<ReviewActionName>;
