import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../../runtime/common/diagnostics';
import { toLspRange } from './ranges';

/**
 * One quick fix per finding that carries a did-you-mean `data.replacement`: it replaces
 * the reported text, keeping the quotes the original had.
 */
export function replacementFixes(document: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const replacement = d.data?.replacement;
    if (typeof replacement !== 'string') continue;
    const range = toLspRange(d.range);
    const original = document.getText(range);
    const quote = /^["']/.exec(original)?.[0];
    const newText = quote && original.endsWith(quote) && original.length > 1 ? `${quote}${replacement}${quote}` : replacement;
    actions.push({
      title: `Change to "${replacement}"`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics: [{ range, message: d.message, code: d.code, source: 'slipway' }],
      edit: { changes: { [document.uri]: [{ range, newText }] } },
    });
  }
  return actions;
}
