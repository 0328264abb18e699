import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../../runtime/common/diagnostics';
import { toLspRange } from './ranges';

/**
 * One quick fix per finding that carries a did-you-mean `data.replacement` (it replaces
 * the reported text, keeping the quotes the original had) or a `data.insertLine` (a
 * missing line, inserted above the reported one) or `data.indentLines` (a block to
 * indent two spaces, e.g. a phase that slipped out of `phases:`).
 */
export function replacementFixes(document: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const insertLine = d.data?.insertLine;
    if (typeof insertLine === 'string') {
      const at = { line: d.range.start.line, character: 0 };
      actions.push({
        title: `Add "${insertLine}"`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [{ range: toLspRange(d.range), message: d.message, code: d.code, source: 'slipway' }],
        edit: { changes: { [document.uri]: [{ range: { start: at, end: at }, newText: `${insertLine}\n` }] } },
      });
    }
    const indent = d.data?.indentLines;
    if (Array.isArray(indent) && indent.length === 2) {
      const edits = [];
      for (let line = Number(indent[0]); line <= Number(indent[1]); line++) {
        if (document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim() === '') continue;
        edits.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '  ' });
      }
      actions.push({ title: 'Indent under "phases:"', kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [{ range: toLspRange(d.range), message: d.message, code: d.code, source: 'slipway' }], edit: { changes: { [document.uri]: edits } } });
    }
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
