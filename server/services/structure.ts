import * as YAML from 'yaml';
import { FoldingRange, type DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../documents';
import type { KindFeatures } from '../features';
import { isMap, isSeq } from '../../runtime/common/yaml/nodes';

/**
 * Kind-independent structure: folding of every multi-line map and sequence. Kind
 * services add their own outlines; this keeps folding right for all of them.
 */
export const structureFeatures: KindFeatures = {
  foldingRanges(document: TextDocument, analysis: Analysis): FoldingRange[] {
    const ranges: FoldingRange[] = [];
    const lines = analysis.parsed.lines;
    YAML.visit(analysis.parsed.doc, {
      Pair(_key, pair) {
        const value = pair.value as YAML.Node | null;
        const key = pair.key as YAML.Node | null;
        if (!key?.range || !value?.range || !(isMap(value) || isSeq(value))) return;
        const start = lines.positionAt(key.range[0]).line;
        let end = lines.positionAt(Math.max(value.range[1] - 1, value.range[0])).line;
        // A block collection's range runs to the next key's line; stop on the last line with content.
        while (end > start && lines.lineText(end).trim() === '') end--;
        if (end > start) ranges.push(FoldingRange.create(start, end));
      },
    });
    return ranges;
  },
};

export function symbol(name: string, kind: SymbolKind, range: DocumentSymbol['range'], selectionRange = range, children?: DocumentSymbol[], detail?: string): DocumentSymbol {
  return { name: name || '(unnamed)', kind, range, selectionRange, children, detail };
}
