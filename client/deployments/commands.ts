import * as path from 'node:path';
import * as vscode from 'vscode';
import { DeploymentPanel } from './panel';
import { DeployEngine } from '../../runtime/deployments/engine';
import type { Deployment } from '../../runtime/deployments/records';
import type { Ctx } from '../ctx';
import type { Node } from '../common/node-tree';
import type { CommandSpec } from '../common/command-spec';

const APPSPEC_GLOB = '**/appspec.{yml,yaml,json}';

/**
 * "Slipway: Deploy…": picks the appspec (the argument, the active editor, or a search)
 * and the deployment group, then runs the deployment with its progress shown.
 */
async function deploy(ctx: Ctx, uri?: unknown) {
  const appspec = uri instanceof vscode.Uri ? uri : await pickAppSpec(ctx);
  if (!appspec) return undefined;
  const engine = new DeployEngine(ctx.store());
  const target = await pickGroup(engine);
  if (!target) return undefined;
  return runDeployment(ctx, engine, target.application, target.group, path.dirname(appspec.fsPath));
}

async function pickAppSpec(ctx: Ctx): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && ctx.kindOf(active) === 'appspec') return active;
  const found = await vscode.workspace.findFiles(APPSPEC_GLOB, '**/{node_modules,.slipway,.git}/**', 50);
  if (found.length === 0) {
    void vscode.window.showErrorMessage('Slipway: no appspec.yml in this workspace to deploy.');
    return undefined;
  }
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Slipway: Deploy — which revision (appspec.yml)?' },
  );
  return picked?.uri;
}

/** Existing groups, or a new application and group with local instances. */
async function pickGroup(engine: DeployEngine): Promise<{ application: string; group: string } | undefined> {
  const items: Array<vscode.QuickPickItem & { application?: string; group?: string }> = [];
  for (const app of engine.registry.listApplications()) {
    for (const group of engine.registry.listGroups(app.name)) {
      const instances = engine.registry.groupInstances(group);
      items.push({ label: `${app.name} / ${group.name}`, description: `${instances.length} instance${instances.length === 1 ? '' : 's'} · ${group.config}`, application: app.name, group: group.name });
    }
  }
  items.push({ label: '$(add) New deployment group…', description: 'an application and a group of local instance folders' });
  const picked = await vscode.window.showQuickPick(items, { title: 'Slipway: Deploy — to which deployment group?' });
  if (!picked) return undefined;
  if (picked.application && picked.group) return { application: picked.application, group: picked.group };
  return createGroup(engine);
}

async function createGroup(engine: DeployEngine): Promise<{ application: string; group: string } | undefined> {
  const application = await vscode.window.showInputBox({ title: 'Application name', value: path.basename(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? 'app') });
  if (!application) return undefined;
  const group = await vscode.window.showInputBox({ title: 'Deployment group name', value: 'local' });
  if (!group) return undefined;
  const base = path.join(engine.store.home, 'instances', application);
  const spec = await vscode.window.showInputBox({
    title: 'Instances (NAME=FOLDER, comma separated)',
    value: `a=${path.join(base, 'a')}, b=${path.join(base, 'b')}`,
    validateInput: (text) => (parseInstances(text) ? undefined : 'Use NAME=ABSOLUTE_FOLDER, separated by commas'),
  });
  const instances = spec ? parseInstances(spec) : undefined;
  if (!instances) return undefined;
  try {
    if (!engine.registry.getApplication(application)) engine.registry.createApplication(application);
    engine.registry.putGroup({ application, name: group, instances, tagFilters: [], config: 'CodeDeployDefault.OneAtATime', autoRollback: true }, 'create');
  } catch (error) {
    void vscode.window.showErrorMessage(`Slipway: ${(error as Error).message}`);
    return undefined;
  }
  return { application, group };
}

function parseInstances(text: string): Array<{ name: string; root: string }> | undefined {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  const result = items.map((item) => {
    const eq = item.indexOf('=');
    return eq > 0 ? { name: item.slice(0, eq).trim(), root: item.slice(eq + 1).trim() } : undefined;
  });
  return result.length && result.every((r) => r && path.isAbsolute(r.root)) ? (result as Array<{ name: string; root: string }>) : undefined;
}

/** Runs the deployment in the extension host, with a cancellable progress notification (cancel = stop). */
async function runDeployment(ctx: Ctx, engine: DeployEngine, application: string, group: string, revision: string): Promise<Deployment | undefined> {
  let id: string | undefined;
  try {
    const deployment = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Slipway: deploying to ${application}/${group}`, cancellable: true },
      (progress, token) => {
        let last = '';
        token.onCancellationRequested(() => {
          if (id) void engine.stop(id, false);
        });
        return engine.start(application, group, {
          revision,
          onProgress: (d) => {
            if (!id) {
              id = d.id;
              ctx.refresh();
            }
            const running = d.instances.flatMap((r) => r.events.filter((e) => e.status === 'InProgress').map((e) => `${r.name}: ${e.name}`));
            const message = running.join(', ');
            if (message && message !== last) {
              last = message;
              progress.report({ message });
              ctx.refresh();
            }
          },
        });
      },
    );
    ctx.refresh();
    ctx.log.info(`deployment ${deployment.id} to ${application}/${group}: ${deployment.status}${deployment.errorMessage ? ` (${deployment.errorMessage})` : ''}`);
    // The end is announced by the notifications (client/notifications), with Show Details.
    return deployment;
  } catch (error) {
    void vscode.window.showErrorMessage(`Slipway: ${(error as Error).message}`);
    return undefined;
  }
}

/** Deploys to the group of a Deployments view row (the appspec is picked). */
async function deployToGroup(ctx: Ctx, node?: unknown) {
  const data = (node as Node | undefined)?.data;
  if (typeof data?.application !== 'string' || typeof data.group !== 'string') return undefined;
  const appspec = await pickAppSpec(ctx);
  if (!appspec) return undefined;
  return runDeployment(ctx, new DeployEngine(ctx.store()), data.application, data.group, path.dirname(appspec.fsPath));
}

/** Opens a lifecycle event's output. */
async function openLog(_ctx: Ctx, file?: unknown) {
  if (typeof file !== 'string') return;
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
}

/** Stops a running deployment from its row (optionally rolling back). */
async function stopDeployment(ctx: Ctx, node: Node | undefined, rollback: boolean) {
  const id = node?.data?.id;
  if (typeof id !== 'string') return;
  await new DeployEngine(ctx.store()).stop(id, rollback);
}

/** The details page of a deployment, from its row, a notification (an id) or the palette. */
async function showDeployment(ctx: Ctx, target?: unknown) {
  let id = typeof target === 'string' ? target : (target as Node | undefined)?.data?.id;
  if (typeof id !== 'string') {
    const picked = await vscode.window.showQuickPick(
      new DeployEngine(ctx.store()).listDeployments({ limit: 50 }).map((d) => ({ label: d.id, description: `${d.application}/${d.group} · ${d.status}`, id: d.id })),
      { title: 'Show which deployment?' },
    );
    id = picked?.id;
  }
  if (typeof id === 'string') DeploymentPanel.show(ctx, id);
}

/** Opens the URL an instance row says its revision serves at (loopback only). */
async function openService(_ctx: Ctx, node?: Node) {
  const url = node?.data?.url;
  if (typeof url === 'string' && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+/.test(url)) await vscode.env.openExternal(vscode.Uri.parse(url));
}

export const DEPLOYMENT_COMMANDS: Record<string, CommandSpec> = {
  'slipway.deployments.show': { run: showDeployment },
  'slipway.deployments.openService': { run: openService },
  'slipway.deploy': { run: deploy, trust: 'Deploying' },
  'slipway.deployments.openLog': { run: openLog },
  'slipway.deployments.deployToGroup': { run: deployToGroup, trust: 'Deploying' },
  // Stopping runs the previous revision's hooks when it rolls back, and settles the instances.
  'slipway.deployments.stop': { run: (ctx, node?: Node) => stopDeployment(ctx, node, false), trust: 'Stopping a deployment', refresh: true },
  'slipway.deployments.stopAndRollback': { run: (ctx, node?: Node) => stopDeployment(ctx, node, true), trust: 'Stopping and rolling back a deployment', refresh: true },
};
