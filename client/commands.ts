import * as vscode from 'vscode';
import { ValidateFilesRequest } from '../protocol/lsp';
import type { Ctx } from './ctx';
import { deploy, deployToGroup, openLog, stopDeployment } from './deployments/commands';
import { PIPELINE_COMMANDS } from './pipelines/commands';
import { REPOSITORY_COMMANDS } from './repos/commands';
import { BUILD_COMMANDS } from './builds/commands';
import { STACK_COMMANDS } from './stacks/commands';

/** A command's implementation, built from the context (rust-analyzer's table style). */
export type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

/** Every command Slipway contributes; package.json lists the same ids. Engines add theirs here. */
export const COMMANDS: Record<string, CommandFactory> = {
  'slipway.validateWorkspace': validateWorkspace,
  'slipway.showLog': (ctx) => () => ctx.log.show(),
  'slipway.refresh': (ctx) => () => ctx.refresh(),
  ...PIPELINE_COMMANDS,
  'slipway.deploy': deploy,
  'slipway.deployments.openLog': openLog,
  'slipway.deployments.deployToGroup': deployToGroup,
  'slipway.deployments.stop': (ctx) => stopDeployment(ctx, false),
  'slipway.deployments.stopAndRollback': (ctx) => stopDeployment(ctx, true),
  ...(REPOSITORY_COMMANDS as Record<string, CommandFactory>),
  ...BUILD_COMMANDS,
  ...(STACK_COMMANDS as Record<string, CommandFactory>),
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
}

/** Validates every Slipway file in the workspace (open or not) and lists the findings in the log. */
function validateWorkspace(ctx: Ctx) {
  return async () => {
    const client = ctx.languageClient;
    const folders = vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath) ?? [];
    if (!client || folders.length === 0) {
      void vscode.window.showWarningMessage('Slipway: open a folder to validate its files.');
      return undefined;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Slipway: validating' },
      () => client.sendRequest(ValidateFilesRequest.type, { paths: folders }),
    );
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    ctx.log.info(`validated ${result.filesChecked} files: ${errors} errors, ${result.findings.length - errors} other findings`);
    for (const f of result.findings) {
      ctx.log.info(`${vscode.Uri.parse(f.uri).fsPath}:${f.line + 1}:${f.character + 1}: ${f.severity} ${f.code}: ${f.message}`);
    }
    const summary = `Slipway: ${result.filesChecked} files checked, ${errors} error${errors === 1 ? '' : 's'}, ${result.findings.length - errors} other finding${result.findings.length - errors === 1 ? '' : 's'}.`;
    if (result.findings.length) {
      void vscode.window.showWarningMessage(summary, 'Show Findings').then((choice) => choice && ctx.log.show());
    } else {
      void vscode.window.showInformationMessage(summary);
    }
    return result;
  };
}
