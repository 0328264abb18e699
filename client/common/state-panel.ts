import * as vscode from 'vscode';
import type { AnyActionMessage, ReadyMessage, StateMessage } from '../../protocol/webview';
import { webviewHtml } from './webview-html';

/**
 * A webview panel that renders one state object: it answers the page's `ready`
 * handshake with the current state, posts every later state, and hands the page's
 * actions to its owner. Every Slipway page (build, change set, deployment, pipeline, review)
 * is built on it; `M` is the page's action messages (`ActionMessage<…Args>` of its protocol file).
 */
export class StatePanel<S, M extends AnyActionMessage> implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    options: { extensionUri: vscode.Uri; viewType: string; bundle: string; title: string; column?: vscode.ViewColumn },
    private state: S | undefined,
    onAction: (message: M) => void,
    onClose: () => void,
  ) {
    const { extensionUri, viewType, bundle, title } = options;
    this.panel = vscode.window.createWebviewPanel(viewType, title, options.column ?? vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')],
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, extensionUri, bundle, title);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: ReadyMessage | M) => {
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

  get current(): S | undefined {
    return this.state;
  }

  set title(title: string) {
    this.panel.title = title;
  }

  setState(state: S): void {
    this.state = state;
    this.post();
  }

  reveal(): void {
    this.panel.reveal();
  }

  private post(): void {
    if (this.ready && this.state !== undefined) void this.panel.webview.postMessage({ type: 'state', state: this.state } satisfies StateMessage<S>);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
