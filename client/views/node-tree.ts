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
 * the state home changes (so runs from the CLI show up too).
 */
export class NodeTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    ctx: Ctx,
    private readonly roots: () => Node[] | Promise<Node[]>,
  ) {
    this.subscription = ctx.onDidChangeState(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
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
      return node ? ((await node.children?.()) ?? []) : await this.roots();
    } catch (error) {
      return [{ id: `${node?.id ?? 'root'}/error`, label: `Cannot read: ${(error as Error).message}`, icon: 'error', iconColor: 'errorForeground' }];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
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

/** "2 min ago"-style text for descriptions. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
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
