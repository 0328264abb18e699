import * as path from 'node:path';
import * as vscode from 'vscode';

/** Folders that conventionally hold several buildspecs of the project above them. */
const BUILDSPEC_FOLDERS = new Set(['buildspecs', 'ci', '.codebuild', 'codebuild']);

/**
 * The source folder a buildspec builds: its own folder (a buildspec sits at its
 * source root, as CodeBuild expects), or the parent of a folder of buildspecs.
 */
export function sourceFor(buildspec: string): string {
  const dir = path.dirname(buildspec);
  return BUILDSPEC_FOLDERS.has(path.basename(dir).toLowerCase()) ? path.dirname(dir) : dir;
}

export async function findBuildspecs(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles('**/buildspec*.{yml,yaml}', '{**/node_modules/**,**/.slipway/**,**/.git/**}', 200);
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}
