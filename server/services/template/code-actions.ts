import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../../runtime/common/diagnostics';
import type { Analysis } from '../../documents';
import { insertMissingJson } from './missing-json';

function lspDiagnostic(d: Diagnostic) {
  return { range: d.range, message: d.message, code: d.code, source: 'slipway' };
}

/** Quick fixes: apply a did-you-mean replacement; add missing required properties (YAML and JSON). */
export function templateCodeActions(document: TextDocument, analysis: Analysis, diagnostics: Diagnostic[], _range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const replacement = d.data?.replacement;
    if (typeof replacement === 'string') {
      const current = document.getText(d.range);
      const quoted = /^(["']).*\1$/s.test(current) ? `${current[0]}${replacement}${current[0]}` : replacement;
      actions.push({
        title: `Change to ${replacement}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lspDiagnostic(d)],
        isPreferred: true,
        edit: { changes: { [document.uri]: [{ range: d.range, newText: quoted }] } },
      });
    }
    const missing = d.data?.missing;
    if (d.code === 'E3003' && Array.isArray(missing)) {
      const edit: TextEdit | undefined =
        analysis.parsed.format === 'json' ? insertMissingJson(analysis.parsed, document.offsetAt(d.range.start), missing as string[]) : insertMissing(document, d.range, missing as string[]);
      if (edit) {
        actions.push({
          title: `Add required ${missing.length === 1 ? 'property' : 'properties'} ${missing.join(', ')}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lspDiagnostic(d)],
          edit: { changes: { [document.uri]: [edit] } },
        });
      }
    }
  }
  return actions;
}

/**
 * Inserts `Name: ` lines for the missing properties below the key the finding points at:
 * inside its block (at the indentation its children use), or in a new Properties block
 * when the resource has none.
 */
function insertMissing(document: TextDocument, range: Range, missing: string[]) {
  const lines = document.getText().split('\n');
  const line = lines[range.start.line] ?? '';
  const column = range.start.character;
  const rest = line.slice(column);
  if (/^[^:]*:\s*\{/.test(rest)) return undefined;
  const keyOnly = /^["']?[\w:-]+["']?\s*:\s*(#.*)?$/.test(rest.trimEnd());
  let indent: number;
  if (keyOnly) {
    const next = lines.slice(range.start.line + 1).find((l) => l.trim() && !l.trim().startsWith('#'));
    const nextIndent = next ? /^\s*/.exec(next)![0].length : 0;
    indent = nextIndent > column ? nextIndent : column + 2;
  } else indent = column;
  const pad = ' '.repeat(indent);
  const isResourceKey = keyOnly && /^\s{0,4}[\w]+:\s*$/.test(line) && !/Properties\s*:/.test(line) && !lines.slice(range.start.line + 1).some((l, i) => i < 40 && /^\s*Properties\s*:/.test(l));
  const text = isResourceKey
    ? `${pad}Properties:\n${missing.map((name) => `${pad}  ${name}: `).join('\n')}\n`
    : `${missing.map((name) => `${pad}${name}: `).join('\n')}\n`;
  const at = { line: range.start.line + 1, character: 0 };
  if (isResourceKey) {
    // After the resource's own lines that belong to it (Type etc.), so Properties sits with them.
    let end = range.start.line + 1;
    while (end < lines.length && (lines[end].trim() === '' || /^\s*/.exec(lines[end])![0].length > column)) end++;
    while (end > range.start.line + 1 && lines[end - 1].trim() === '') end--;
    return { range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, newText: text };
  }
  return { range: { start: at, end: at }, newText: text };
}
