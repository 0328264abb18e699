import * as vscode from 'vscode';
import { gitResult } from '../../../runtime/repos/git';

/** Files of a hosted repository at a commit, read with `git show` (the diff editor's two sides). */
export const GIT_SCHEME = 'slipway-git';

export type Side = 'base' | 'source';

export function gitUri(gitDir: string, commit: string, file: string, side: Side, review: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${file}`, query: new URLSearchParams({ gitDir, commit, side, review }).toString() });
}

export function parseGitUri(uri: vscode.Uri): { gitDir: string; commit: string; file: string; side: Side; review: string } {
  const query = new URLSearchParams(uri.query);
  return { gitDir: query.get('gitDir') ?? '', commit: query.get('commit') ?? '', file: uri.path.replace(/^\//, ''), side: (query.get('side') ?? 'source') as Side, review: query.get('review') ?? '' };
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { gitDir, commit, file } = parseGitUri(uri);
    // A file added or deleted by the change is empty on the other side. The URI is data
    // (any link can name one): its commit stays an operand even when it begins with "-".
    const { code, stdout } = await gitResult(['--git-dir', gitDir, 'show', '--end-of-options', `${commit}:${file}`], { okCodes: [128] });
    return code === 0 ? stdout : '';
  }
}
