import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

/** A plain description of a tree row; each view's loader builds these from the state home. */
export interface Node {
  id: string;
  label: string;
  description?: string;
  tooltip?: string | vscode.MarkdownString;
  icon?: string;
  iconColor?: string;
  contextValue?: string;
  command?: vscode.Command;
  /** Loaded when the row is expanded. */
  children?: () => Node[] | Promise<Node[]>;
  expanded?: boolean;
  /** Anything the row's commands need (a build id, a stack name…). */
  data?: Record<string, unknown>;
}

/**
 * A tree view over loader functions, refreshed through `onDidChangeTreeData` whenever
 * the state home changes (so runs from the CLI show up too). When the same rows come back,
 * only the rows that changed are refreshed, in place, at any depth: re-rendering the whole tree on every
 * state change (a build writes its log many times a second) made clicks land on rows that
 * were being replaced.
 */
export class NodeTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The root rows VS Code holds (by identity), to refresh in place. */
  private shown: Node[] | undefined;
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;
  /** The children VS Code holds for each row it has expanded (by identity), to refresh in place. */
  private readonly fetched = new WeakMap<Node, Node[]>();

  constructor(
    ctx: Ctx,
    private readonly roots: () => Node[] | Promise<Node[]>,
  ) {
    this.subscription = ctx.onDidChangeState(() => this.refresh());
  }

  refresh(): void {
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    this.reloading = this.reload().finally(() => {
      this.reloading = undefined;
      if (this.reloadAgain) {
        this.reloadAgain = false;
        this.refresh();
      }
    });
  }

  private async reload(): Promise<void> {
    const shown = this.shown;
    let next: Node[];
    try {
      next = shown ? await this.roots() : [];
    } catch {
      next = [];
    }
    if (!shown) {
      this.changed.fire(undefined);
      return;
    }
    await this.refreshRows(undefined, shown, next);
  }

  /**
   * Refreshes in place only the rows that changed, down through the rows whose children
   * VS Code has fetched: refreshing a parent re-creates all its descendants, and a click on
   * one of them in that moment runs nothing ("Actual command not found").
   */
  private async refreshRows(parent: Node | undefined, shown: Node[], next: Node[]): Promise<void> {
    if (next.length !== shown.length || next.some((node, i) => node.id !== shown[i].id)) {
      if (parent) this.fetched.delete(parent);
      else this.shown = undefined;
      this.changed.fire(parent);
      return;
    }
    for (let i = 0; i < shown.length; i++) {
      const row = shown[i];
      const same = signature(row) === signature(next[i]) && !row.children === !next[i].children;
      const fetched = this.fetched.get(row);
      // The row's fields (its children loader too) become the new ones even when nothing shows it.
      replaceFields(row, next[i]);
      if (!same) {
        this.fetched.delete(row); // VS Code fetches them again if the row is expanded
        this.changed.fire(row);
        continue;
      }
      if (!fetched || !row.children) continue;
      let children: Node[];
      try {
        children = await row.children();
      } catch {
        this.fetched.delete(row);
        this.changed.fire(row); // shows its error row
        continue;
      }
      await this.refreshRows(row, fetched, children);
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const state = node.children
      ? node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.command = node.command;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    try {
      if (node) {
        const children = (await node.children?.()) ?? [];
        this.fetched.set(node, children);
        return children;
      }
      const roots = await this.roots();
      this.shown = roots;
      return roots;
    } catch (error) {
      if (!node) this.shown = undefined;
      return [{ id: `${node?.id ?? 'root'}/error`, label: `Cannot read: ${(error as Error).message}`, icon: 'error', iconColor: 'errorForeground' }];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** What a row shows and does, to tell whether it changed. */
function signature(node: Node): string {
  const tooltip = typeof node.tooltip === 'string' ? node.tooltip : node.tooltip?.value;
  try {
    return JSON.stringify([node.label, node.description, tooltip, node.icon, node.iconColor, node.contextValue, node.command, node.expanded, node.data]);
  } catch {
    return `${Math.random()}`; // not serialisable: count it as changed
  }
}

/** Makes `target` the row `source` describes, keeping the object VS Code knows. */
function replaceFields(target: Node, source: Node): void {
  for (const key of Object.keys(target) as Array<keyof Node>) if (!(key in source)) delete target[key];
  Object.assign(target, source);
}

/** Status → codicon and theme colour, shared by every view (AWS status names). */
export function statusIcon(status: string): { icon: string; iconColor?: string } {
  const s = status.toUpperCase();
  if (/(IN_PROGRESS|INPROGRESS|RUNNING|QUEUED|PENDING|CREATED|READY)$/.test(s) || s === 'INPROGRESS') return { icon: 'sync~spin', iconColor: 'charts.blue' };
  if (/ROLLBACK_COMPLETE$|ROLLBACK_FAILED$/.test(s)) return { icon: 'history', iconColor: 'charts.orange' };
  if (/(SUCCEEDED|_COMPLETE|^COMPLETE|SUCCESS)$/.test(s) || s === 'SUCCEEDED') return { icon: 'pass', iconColor: 'testing.iconPassed' };
  if (/(FAILED|TIMED_OUT|FAULT)$/.test(s)) return { icon: 'error', iconColor: 'testing.iconFailed' };
  if (/(STOPPED|STOPPING|SUPERSEDED|ABANDONED|SKIPPED)$/.test(s)) return { icon: 'circle-slash', iconColor: 'disabledForeground' };
  return { icon: 'circle-outline' };
}

/**
 * "2 min ago"-style text for descriptions and tooltips. Under a minute it is "just now": a
 * text that changed every second made every state change re-render the row and its children,
 * and a click landing in that moment ran nothing ("Actual command not found").
 */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
