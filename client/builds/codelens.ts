import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

/** "Run build" above every buildspec (by name, or detected as one by the language server). */
export class BuildCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.extension.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('slipway.codeLens.enabled') && this.changed.fire()),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.ctx.config.codeLens) return [];
    const byName = /(^|[\\/])buildspec[^\\/]*\.ya?ml$/i.test(document.fileName);
    if (!byName && this.ctx.kindOf(document.uri) !== 'buildspec') return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [new vscode.CodeLens(top, { title: '$(play) Run build', command: 'slipway.runBuild', arguments: [document.uri] })];
  }
}
