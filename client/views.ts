import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { registerBuildLens } from './builds/codelens';
import { loadBuilds } from './builds/view';
import { registerDeployLens } from './deployments/codelens';
import { registerStackLens } from './stacks/codelens';
import { loadDeployments } from './deployments/view';
import { NodeTreeProvider, type Node } from './common/node-tree';
import { loadPipelines } from './pipelines/view';
import { loadRepositories } from './repos/view';
import { loadStacks } from './stacks/view';

/**
 * The five views of the Slipway container. Each engine supplies the loader of its
 * view (its rows come from the state home); an empty view shows its welcome content.
 */
export const VIEW_LOADERS: Record<string, (ctx: Ctx) => Node[] | Promise<Node[]>> = {
  'slipway.repositories': loadRepositories,
  'slipway.builds': loadBuilds,
  'slipway.stacks': loadStacks,
  'slipway.deployments': loadDeployments,
  'slipway.pipelines': loadPipelines,
};

const RELATIVE_TIME_REFRESH_MS = 15_000;

export function registerViews(ctx: Ctx): Map<string, NodeTreeProvider> {
  const providers = new Map<string, NodeTreeProvider>();
  for (const [viewId, loader] of Object.entries(VIEW_LOADERS)) {
    const provider = new NodeTreeProvider(ctx, () => loader(ctx));
    providers.set(viewId, provider);
    const view = vscode.window.createTreeView(viewId, { treeDataProvider: provider, showCollapseAll: true });
    // Relative times ("2 min ago") and running durations stay true while the view is visible.
    const ticker = setInterval(() => view.visible && provider.refresh(), RELATIVE_TIME_REFRESH_MS);
    ctx.extension.subscriptions.push(view, provider, { dispose: () => clearInterval(ticker) });
  }
  return providers;
}

/** The CodeLenses, one per area; each shows on the documents the server says are of its kind. */
export const CODE_LENSES: Array<(ctx: Ctx) => void> = [registerBuildLens, registerStackLens, registerDeployLens];

export function registerLenses(ctx: Ctx): void {
  for (const register of CODE_LENSES) register(ctx);
}
