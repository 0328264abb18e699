import * as vscode from 'vscode';
import type { BuildAction, BuildActionName, BuildViewState } from '../../protocol/build';
import { BuildStore, type BuildRecord } from '../../runtime/builds/records';
import { StatePanel } from '../common/state-panel';
import type { Ctx } from '../ctx';
import { buildService } from './service';

/** The command each of the page's buttons runs, so Workspace Trust and error reporting apply. */
const ACTION_COMMANDS: Record<BuildActionName, string> = {
  openLog: 'slipway.openBuildLog',
  revealArtifacts: 'slipway.revealBuildArtifacts',
  rerun: 'slipway.rerunBuild',
  stop: 'slipway.stopBuild',
};

/**
 * The build detail webview (webviews/build): phase timeline, exported variables, artifacts
 * and report results. One panel per build; it re-renders whenever the record changes.
 */
export class BuildPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, BuildPanel>();
  private readonly page: StatePanel<BuildViewState, BuildAction>;
  private readonly subscriptions: vscode.Disposable[];

  static show(ctx: Ctx, id: string): BuildPanel | undefined {
    const existing = BuildPanel.panels.get(id);
    if (existing) {
      existing.page.reveal();
      return existing;
    }
    const record = new BuildStore(ctx.store()).get(id);
    if (!record) {
      void vscode.window.showErrorMessage(`Slipway: build ${id} is not in the state home ${ctx.stateHome}.`);
      return undefined;
    }
    return new BuildPanel(ctx, record);
  }

  private constructor(
    ctx: Ctx,
    private record: BuildRecord,
  ) {
    this.page = new StatePanel<BuildViewState, BuildAction>(
      { extensionUri: ctx.extension.extensionUri, viewType: 'slipway.build', bundle: 'build', title: `Build ${record.project} #${record.number}` },
      viewState(record),
      (message) => this.onAction(message),
      () => this.closed(),
    );
    BuildPanel.panels.set(record.id, this);
    const service = buildService(ctx);
    this.subscriptions = [
      service.onDidUpdate((r) => r.id === this.record.id && this.update(r)),
      // Builds run elsewhere (the CLI, a pipeline) only show up in the state home.
      ctx.onDidChangeState(() => {
        const fresh = new BuildStore(ctx.store()).get(this.record.id);
        if (fresh && !service.get(fresh.id)) this.update(fresh);
      }),
    ];
  }

  private update(record: BuildRecord): void {
    this.record = record;
    this.page.setState(viewState(record));
  }

  private onAction(message: BuildAction): void {
    // An own-property lookup: a name the page never sends (`__proto__`, `toString`) runs nothing.
    const command = Object.hasOwn(ACTION_COMMANDS, message.action) ? ACTION_COMMANDS[message.action] : undefined;
    if (command) void vscode.commands.executeCommand(command, { data: { buildId: this.record.id } });
  }

  private closed(): void {
    BuildPanel.panels.delete(this.record.id);
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }

  dispose(): void {
    this.closed();
    this.page.dispose();
  }
}

function viewState(record: BuildRecord): BuildViewState {
  return { record, canStop: record.status === 'IN_PROGRESS' };
}
