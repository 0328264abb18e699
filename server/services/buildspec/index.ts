import { CompletionItemKind, InsertTextFormat, SymbolKind, type CompletionItem, type DocumentSymbol } from 'vscode-languageserver-types';
import { BUILDSPEC_SCHEMA } from '../../../runtime/buildspec/checks/schema';
import { entries, seqAt, isMap } from '../../../runtime/common/yaml/nodes';
import { rangeOf } from '../../../runtime/common/yaml/ranges';
import type { KindFeatures } from '../../features';
import { replacementFixes } from '../lang/quick-fixes';
import { cursorOf, schemaCompletion, schemaHover } from '../lang/schema-features';
import { symbol } from '../structure';
import { BUILDSPEC_SKELETON } from './skeleton';

const PHASE_ORDER = ['install', 'pre_build', 'build', 'post_build'];

/** Completion, hover, outline and quick fixes for buildspec files, driven by buildspec.schema.json. */
export const buildspecFeatures: KindFeatures = {
  completion(request) {
    if (request.analysis.parsed.text.trim() === '') return [skeletonItem()];
    const cursor = cursorOf(request);
    if (!cursor) return [];
    const items = schemaCompletion(request, BUILDSPEC_SCHEMA, cursor);
    // Phases are offered in the order CodeBuild runs them.
    if (cursor.mode === 'key' && cursor.path.length === 1 && cursor.path[0] === 'phases') {
      for (const item of items) item.sortText = `0${PHASE_ORDER.indexOf(item.label)}`;
    }
    return items;
  },
  hover(request) {
    return schemaHover(request, BUILDSPEC_SCHEMA);
  },
  documentSymbols(_document, analysis) {
    const lines = analysis.parsed.lines;
    const symbols: DocumentSymbol[] = [];
    for (const section of entries(analysis.parsed.doc.contents)) {
      const range = rangeOf(section.pair.value ?? section.keyNode, lines);
      const full = { start: rangeOf(section.keyNode, lines).start, end: range.end };
      let children: DocumentSymbol[] | undefined;
      if (section.key === 'phases') {
        children = entries(section.value).map((phase) => {
          const count = seqAt(phase.value, 'commands')?.items.length ?? 0;
          const end = rangeOf(phase.pair.value ?? phase.keyNode, lines).end;
          return symbol(phase.key, SymbolKind.Function, { start: rangeOf(phase.keyNode, lines).start, end }, rangeOf(phase.keyNode, lines), undefined, `${count} command${count === 1 ? '' : 's'}`);
        });
      } else if (isMap(section.value) && ['reports', 'env', 'batch', 'artifacts'].includes(section.key)) {
        children = entries(section.value).map((e) => symbol(e.key, SymbolKind.Field, { start: rangeOf(e.keyNode, lines).start, end: rangeOf(e.pair.value ?? e.keyNode, lines).end }, rangeOf(e.keyNode, lines)));
      }
      symbols.push(symbol(section.key, section.key === 'phases' ? SymbolKind.Namespace : SymbolKind.Module, full, rangeOf(section.keyNode, lines), children));
    }
    return symbols;
  },
  codeActions(document, _analysis, diagnostics) {
    return replacementFixes(document, diagnostics);
  },
};

function skeletonItem(): CompletionItem {
  return {
    label: 'buildspec (version 0.2)',
    kind: CompletionItemKind.Snippet,
    detail: 'A complete buildspec: env, the four phases, reports, artifacts and cache',
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: BUILDSPEC_SKELETON,
    sortText: '0',
  };
}
