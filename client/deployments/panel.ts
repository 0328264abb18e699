import * as vscode from 'vscode';
import type { DeploymentAction, DeploymentViewState } from '../../protocol/deployment';
import { DeployEngine } from '../../runtime/deployments/engine';
import type { Deployment } from '../../runtime/deployments/records';
import { isListening, serviceUrl } from '../../runtime/deployments/service-urls';
import { StatePanel } from '../common/state-panel';
import type { Ctx } from '../ctx';

const open = new Map<string, DeploymentPanel>();

/** The details page of one deployment (webviews/deployment): revision, config, per-instance lifecycle events, live URLs, the rollback. */
export class DeploymentPanel implements vscode.Disposable {
  private readonly page: StatePanel<DeploymentViewState, DeploymentAction>;
  private readonly subscription: vscode.Disposable;

  static show(ctx: Ctx, id: string): DeploymentPanel {
    const existing = open.get(id);
    if (existing) {
      existing.page.reveal();
      void existing.update();
      return existing;
    }
    const panel = new DeploymentPanel(ctx, id);
    open.set(id, panel);
    return panel;
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly id: string,
  ) {
    this.page = new StatePanel<DeploymentViewState, DeploymentAction>(
      { extensionUri: ctx.extension.extensionUri, viewType: 'slipway.deployment', bundle: 'deployment', title: `Deployment ${id}` },
      undefined,
      (message) => void this.onAction(message),
      () => {
        open.delete(id);
        this.subscription.dispose();
      },
    );
    this.subscription = ctx.onDidChangeState(() => void this.update());
    void this.update();
  }

  private engine(): DeployEngine {
    return new DeployEngine(this.ctx.store());
  }

  private async update(): Promise<void> {
    const deployment = this.engine().getDeployment(this.id);
    if (!deployment) return;
    this.page.title = `Deployment ${deployment.id} · ${deployment.status}`;
    this.page.setState(await viewState(deployment));
  }

  private async onAction(message: DeploymentAction): Promise<void> {
    const deployment = this.engine().getDeployment(this.id);
    if (!deployment) return;
    switch (message.action) {
      case 'openLog': {
        const event = deployment.instances.find((i) => i.name === message.args.instance)?.events.find((e) => e.name === message.args.event);
        if (event?.logFile) await vscode.commands.executeCommand('slipway.deployments.openLog', event.logFile);
        return;
      }
      case 'openDeployment':
        DeploymentPanel.show(this.ctx, message.args.id);
        return;
      case 'openUrl':
        if (/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+/.test(message.args.url)) await vscode.env.openExternal(vscode.Uri.parse(message.args.url));
        return;
      case 'stop':
      case 'stopAndRollback':
        // Through the command table, so Workspace Trust and error reporting apply.
        await vscode.commands.executeCommand(`slipway.deployments.${message.action}`, { data: { id: this.id } });
        return;
    }
  }

  dispose(): void {
    this.page.dispose();
  }
}

async function viewState(d: Deployment): Promise<DeploymentViewState> {
  const instances = await Promise.all(
    d.instances.map(async (run) => {
      const url = d.status === 'Succeeded' ? serviceUrl(run) : undefined;
      return {
        name: run.name,
        status: run.status,
        role: run.role,
        root: run.root,
        url,
        live: url ? await isListening(url) : undefined,
        events: run.events.map((e) => ({ name: e.name, status: e.status, durationMs: e.durationMs, message: e.message, hasLog: !!e.logFile })),
      };
    }),
  );
  return {
    id: d.id,
    application: d.application,
    group: d.group,
    status: d.status,
    config: d.config,
    revision: d.revision.source,
    createTime: d.createTime,
    completeTime: d.completeTime,
    errorMessage: d.errorMessage,
    rollback: d.rollback ?? undefined,
    rollbackOf: d.rollbackOf,
    instances,
  };
}
