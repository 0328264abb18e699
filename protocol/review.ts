/**
 * Messages of the pull request description page (webviews/review). The page speaks
 * the `ready` handshake of ./webview.ts, then receives ReviewState and sends ReviewAction.
 */
import type { ActionMessage, FromWebview, StateMessage } from './webview';

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

/** webview → extension: each action of the page with its own arguments. */
export interface ReviewActionArgs {
  approve: undefined;
  revoke: undefined;
  /** One of the merge strategies (fast-forward, squash, three-way); the host checks it. */
  merge: { strategy: string };
  close: undefined;
  openFile: { path: string };
  refresh: undefined;
}

export type ReviewActionName = keyof ReviewActionArgs;
export type ReviewAction = ActionMessage<ReviewActionArgs>;
/** extension → webview: the pull request to render. */
export type ReviewToWebview = StateMessage<ReviewState>;
export type ReviewFromWebview = FromWebview<ReviewActionArgs>;
