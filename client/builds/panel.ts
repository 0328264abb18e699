import * as vscode from 'vscode';
import type { BuildPanelFromWebview, BuildPanelToWebview } from '../../protocol/build-panel';
import { BuildStore, type BuildRecord } from '../../runtime/builds/records';
import type { Ctx } from '../ctx';
import { webviewHtml } from '../common/webview-html';
import { buildService } from './service';

/**
 * The build detail webview: phase timeline, exported variables, artifacts and
 * report results. One panel per build; it re-renders whenever the record changes.
 */
export class BuildPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, BuildPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  static show(ctx: Ctx, id: string): BuildPanel | undefined {
    const existing = BuildPanel.panels.get(id);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const record = new BuildStore(ctx.store()).get(id);
    if (!record) {
      void vscode.window.showErrorMessage(`Slipway: build ${id} is not in the state home ${ctx.stateHome}.`);
      return undefined;
    }
    return new BuildPanel(ctx, record);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    private readonly ctx: Ctx,
    private record: BuildRecord,
  ) {
    const extensionUri = ctx.extension.extensionUri;
    this.panel = vscode.window.createWebviewPanel('slipway.build', `Build ${record.project} #${record.number}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')],
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, extensionUri, 'build', this.panel.title);
    BuildPanel.panels.set(record.id, this);
    const service = buildService(ctx);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: BuildPanelFromWebview) => this.receive(message)),
      service.onDidUpdate((r) => r.id === this.record.id && this.update(r)),
      ctx.onDidChangeState(() => {
        const fresh = new BuildStore(ctx.store()).get(this.record.id);
        if (fresh && !service.get(fresh.id)) this.update(fresh);
      }),
    );
  }

  private update(record: BuildRecord): void {
    this.record = record;
    this.post();
  }

  private post(): void {
    if (!this.ready) return;
    const message: BuildPanelToWebview = { type: 'state', state: { record: this.record, canStop: this.record.status === 'IN_PROGRESS' } };
    void this.panel.webview.postMessage(message);
  }

  private receive(message: BuildPanelFromWebview): void {
    if (message.type === 'ready') {
      this.ready = true;
      this.post();
      return;
    }
    const target = { data: { buildId: this.record.id } };
    const commands: Record<string, string> = { openLog: 'slipway.openBuildLog', revealArtifacts: 'slipway.revealBuildArtifacts', rerun: 'slipway.rerunBuild', stop: 'slipway.stopBuild' };
    const command = commands[message.action];
    if (command) void vscode.commands.executeCommand(command, target);
  }

  dispose(): void {
    BuildPanel.panels.delete(this.record.id);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
