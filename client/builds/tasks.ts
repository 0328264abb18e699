import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { buildService } from './service';
import { findBuildspecs, sourceFor } from './sources';
import { BuildTerminal } from './terminal';

export const TASK_TYPE = 'slipway-build';

interface BuildTaskDefinition extends vscode.TaskDefinition {
  buildspec?: string;
  source?: string;
  project?: string;
  env?: Record<string, string>;
  timeout?: number;
}

/**
 * Builds as tasks (type `slipway-build`): one per buildspec in the workspace, and any
 * the user declares in tasks.json, so builds can be bound to keys and feed problem matchers.
 */
export class BuildTaskProvider implements vscode.TaskProvider {
  constructor(private readonly ctx: Ctx) {}

  async provideTasks(): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const uri of await findBuildspecs()) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const relative = path.relative(folder.uri.fsPath, uri.fsPath);
      tasks.push(this.task({ type: TASK_TYPE, buildspec: relative }, folder));
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as BuildTaskDefinition;
    if (definition.type !== TASK_TYPE) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.task(definition, folder, task.name) : undefined;
  }

  private task(definition: BuildTaskDefinition, folder: vscode.WorkspaceFolder, name?: string): vscode.Task {
    const label = name ?? `build ${definition.project ?? definition.buildspec ?? 'buildspec.yml'}`;
    const execution = new vscode.CustomExecution(async () => {
      const root = folder.uri.fsPath;
      const buildspec = definition.buildspec ? path.resolve(root, definition.buildspec) : undefined;
      const source = definition.source ? path.resolve(root, definition.source) : buildspec ? sourceFor(buildspec) : root;
      return new BuildTerminal(async () => {
        if (!vscode.workspace.isTrusted) throw new Error('builds run commands from this workspace, which is not trusted');
        return buildService(this.ctx).start({ source, buildspec, project: definition.project, env: definition.env, timeoutSeconds: definition.timeout });
      }, true);
    });
    const task = new vscode.Task(definition, folder, label, 'slipway', execution, []);
    task.group = vscode.TaskGroup.Build;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
    return task;
  }
}
