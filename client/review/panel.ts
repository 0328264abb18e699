import * as vscode from 'vscode';
import type { ReviewFromWebview, ReviewState, ReviewToWebview } from '../../protocol/review';
import type { PullRequestDetail } from '../../runtime/repo/review';
import { webviewHtml } from '../panels/webview-html';

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
    source: pr.source,
    destination: pr.destination,
    sourceCommit: pr.sourceCommit,
    approvals: pr.approvals.map((a) => ({ user: a.user, current: a.revision === pr.sourceCommit })),
    rules: pr.approvalRules,
    mergeable: pr.mergeable,
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
  private readonly panel: vscode.WebviewPanel;
  private state: ReviewState | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    title: string,
    onAction: (message: Extract<ReviewFromWebview, { type: 'action' }>) => void,
    onClose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel('slipway.review', title, vscode.ViewColumn.One, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')],
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, extensionUri, 'review', title);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: ReviewFromWebview) => {
        if (message.type === 'ready') {
          this.ready = true;
          this.post();
        } else if (message.type === 'action') onAction(message);
      }),
      this.panel.onDidDispose(() => {
        onClose();
        this.dispose();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  update(state: ReviewState): void {
    this.state = state;
    this.panel.title = `#${state.id} ${state.title}`;
    this.post();
  }

  private post(): void {
    if (this.ready && this.state) void this.panel.webview.postMessage({ type: 'state', state: this.state } satisfies ReviewToWebview);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
