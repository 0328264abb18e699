import * as vscode from 'vscode';

/**
 * Running builds, deployments, stacks or pipelines executes workspace content, so it
 * needs a trusted workspace (language features work either way).
 */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showErrorMessage(
      `Slipway: ${action} runs commands from this workspace, which is not trusted. Trust the workspace to allow it; validation, completion and hover keep working meanwhile.`,
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
