import * as vscode from 'vscode';
import type { ChangeSetFromWebview, ChangeSetToWebview, ChangeSetViewState } from '../../protocol/changeset';
import { webviewHtml } from './webview-html';

/** The change-set page of one stack (webviews/changeset): the changes, Execute and Discard, live events. */
export class ChangeSetPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    private state: ChangeSetViewState,
    onAction: (message: Extract<ChangeSetFromWebview, { type: 'action' }>) => void,
    onClose: () => void,
  ) {
    const title = `Change set: ${state.stackName}`;
    this.panel = vscode.window.createWebviewPanel('slipway.changeset', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')],
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, extensionUri, 'changeset', title);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: ChangeSetFromWebview) => {
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

  get current(): ChangeSetViewState {
    return this.state;
  }

  update(change: Partial<ChangeSetViewState>): void {
    this.state = { ...this.state, ...change };
    this.post();
  }

  reveal(): void {
    this.panel.reveal();
  }

  private post(): void {
    if (this.ready) void this.panel.webview.postMessage({ type: 'state', state: this.state } satisfies ChangeSetToWebview);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
