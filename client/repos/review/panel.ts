import * as vscode from 'vscode';
import type { ReviewAction, ReviewState } from '../../../protocol/review';
import type { PullRequestDetail } from '../../../runtime/repos/review';
import { StatePanel } from '../../common/state-panel';

export function reviewState(pr: PullRequestDetail, user: string, error?: string): ReviewState {
  const open = pr.threads.filter((t) => !t.resolved).length;
  return {
    repository: pr.repository,
    id: pr.id,
    title: pr.title,
    description: pr.description,
    author: pr.author,
    createdAt: pr.createdAt,
    status: pr.status,
    isMerged: pr.isMerged,
    source: pr.source,
    destination: pr.destination,
    sourceCommit: pr.sourceCommit,
    approvals: pr.approvals.map((a) => ({ user: a.user, current: a.revision === pr.sourceCommit })),
    rules: pr.approvalRules,
    mergeable: pr.mergeable,
    conflicts: pr.conflicts,
    merge: pr.merge,
    files: pr.files ?? [],
    openThreads: open,
    resolvedThreads: pr.threads.length - open,
    user,
    error,
  };
}

/** The description page of one pull request (webviews/review): status, approvals, merge. */
export class ReviewPanel implements vscode.Disposable {
  private readonly page: StatePanel<ReviewState, ReviewAction>;

  constructor(
    extensionUri: vscode.Uri,
    title: string,
    onAction: (message: ReviewAction) => void,
    onClose: () => void,
  ) {
    this.page = new StatePanel<ReviewState, ReviewAction>({ extensionUri, viewType: 'slipway.review', bundle: 'review', title, column: vscode.ViewColumn.One }, undefined, onAction, onClose);
  }

  reveal(): void {
    this.page.reveal();
  }

  update(state: ReviewState): void {
    this.page.title = `#${state.id} ${state.title}`;
    this.page.setState(state);
  }

  dispose(): void {
    this.page.dispose();
  }
}
