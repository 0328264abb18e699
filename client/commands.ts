import * as vscode from 'vscode';
import { ValidateFilesRequest } from '../protocol/lsp';
import { registerCommandTable, type CommandSpec } from './common/command-spec';
import type { Ctx } from './ctx';
import { DEPLOYMENT_COMMANDS } from './deployments/commands';
import { PIPELINE_COMMANDS } from './pipelines/commands';
import { REPOSITORY_COMMANDS } from './repos/commands';
import { BUILD_COMMANDS } from './builds/commands';
import { STACK_COMMANDS } from './stacks/commands';
import { ENDPOINT_COMMANDS } from './endpoint/commands';

/**
 * Every command Slipway contributes; package.json lists the same ids. Each area adds
 * its table here. A command that can run workspace content sets `trust`; the
 * registrar applies trust, error reporting and refresh (client/common/command-spec.ts).
 */
export const COMMANDS: Record<string, CommandSpec> = {
  'slipway.validateWorkspace': { run: validateWorkspace },
  'slipway.showLog': { run: (ctx) => ctx.log.show() },
  'slipway.refresh': { run: (ctx) => ctx.refresh() },
  ...PIPELINE_COMMANDS,
  ...DEPLOYMENT_COMMANDS,
  ...REPOSITORY_COMMANDS,
  ...BUILD_COMMANDS,
  ...STACK_COMMANDS,
  ...ENDPOINT_COMMANDS,
};

export function registerCommands(ctx: Ctx): void {
  registerCommandTable(ctx, COMMANDS);
}

/** Validates every Slipway file in the workspace (open or not) and lists the findings in the log. */
async function validateWorkspace(ctx: Ctx) {
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
}
