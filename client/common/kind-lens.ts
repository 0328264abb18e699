import * as vscode from 'vscode';
import type { DocumentKind } from '../../protocol/lsp';
import type { Ctx } from '../ctx';

/** The documents the language server looks at (it decides their kind and tells the client). */
const SLIPWAY_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'cloudformation' },
];

/**
 * CodeLenses at the top of every document of one kind. The kind is the one the server
 * sent (ctx.kindOf), so a lens shows on exactly the files the server checks as that
 * kind, whatever their name or extension; the lenses refresh when a kind arrives.
 */
export function registerKindLens(ctx: Ctx, kind: DocumentKind, lenses: (document: vscode.TextDocument) => vscode.Command[]): void {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!ctx.config.codeLens || ctx.kindOf(document.uri) !== kind) return [];
      const top = new vscode.Range(0, 0, 0, 0);
      return lenses(document).map((command) => new vscode.CodeLens(top, command));
    },
  };
  ctx.extension.subscriptions.push(
    changed,
    ctx.onDidChangeDocumentKind(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('slipway.codeLens.enabled') && changed.fire()),
    vscode.languages.registerCodeLensProvider(SLIPWAY_DOCUMENTS, provider),
  );
}
