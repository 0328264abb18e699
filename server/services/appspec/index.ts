import * as fs from 'node:fs';
import * as path from 'node:path';
import { SymbolKind, type CompletionItem, type DocumentSymbol, type Location } from 'vscode-languageserver-types';
import { APPSPEC_SCHEMA } from '../../../runtime/appspec/checks/schema';
import { hooksOf, LIFECYCLE, platformOf } from '../../../runtime/appspec/checks/platform';
import { inRevision, revisionRoot } from '../../../runtime/appspec/checks/revision';
import { entries, seqAt, textOf, isMap, isScalar, isSeq } from '../../../runtime/common/yaml/nodes';
import { rangeOf } from '../../../runtime/common/yaml/ranges';
import { URI } from '../../uri';
import type { FeatureRequest, KindFeatures } from '../../features';
import { nodeAt, type CursorContext } from '../lang/cursor';
import { replacementFixes } from '../lang/quick-fixes';
import { cursorOf, schemaCompletion, schemaHover, valueItem } from '../lang/schema-features';
import { symbol } from '../structure';

const SKIP = new Set(['.git', 'node_modules', '.slipway', 'dist']);

/** Files (and, for `source`, folders) of the revision, relative to its root, for `location:` and `source:` values. */
function revisionFiles(request: FeatureRequest, cursor: CursorContext): CompletionItem[] {
  const root = revisionRoot(request.analysis.file);
  if (!root) return [];
  const out: CompletionItem[] = [];
  const walk = (dir: string, depth: number) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      if (out.length >= 500 || SKIP.has(entry.name)) continue;
      const relative = path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (cursor.key === 'source') out.push(valueItem(request, cursor, relative, undefined, 'folder'));
        if (depth < 4) walk(path.join(dir, entry.name), depth + 1);
      } else if (entry.isFile() && !/^appspec\.(ya?ml|json)$/i.test(relative)) {
        out.push(valueItem(request, cursor, relative, undefined, 'file'));
      }
    }
  };
  walk(root, 0);
  return out;
}

/** Completion (hook names of the file's platform), hover, outline, go to a hook's script, quick fixes. */
export const appspecFeatures: KindFeatures = {
  completion(request) {
    const cursor = cursorOf(request);
    if (!cursor) return [];
    if (cursor.mode === 'value' && (cursor.key === 'location' || cursor.key === 'source')) return revisionFiles(request, cursor);
    const items = schemaCompletion(request, APPSPEC_SCHEMA, cursor);
    const hookMap = cursor.mode === 'key' && cursor.path.length === 1 && cursor.path[0] === 'hooks';
    const hookList = cursor.mode === 'key' && cursor.path.length === 2 && cursor.path[0] === 'Hooks';
    if (!hookMap && !hookList) return items;
    // Only the events of this file's platform, in lifecycle order.
    const events = LIFECYCLE[platformOf(request.analysis.parsed.doc.contents)];
    return items
      .filter((item) => events.includes(item.label))
      .map((item) => ({ ...item, sortText: String(events.indexOf(item.label)).padStart(2, '0') }))
      .sort((a, b) => a.sortText.localeCompare(b.sortText));
  },
  hover(request) {
    return schemaHover(request, APPSPEC_SCHEMA);
  },
  definition(request) {
    const at = nodeAt(request.analysis.parsed, request.offset);
    if (!at.value || at.path[at.path.length - 1] !== 'location') return null;
    const root = revisionRoot(request.analysis.file) ?? (fs.existsSync(request.analysis.file) ? path.dirname(request.analysis.file) : undefined);
    const location = textOf(at.value);
    if (!root || !location) return null;
    const target = inRevision(root, location);
    if (!fs.existsSync(target)) return null;
    const result: Location = { uri: URI.fromFsPath(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return result;
  },
  documentSymbols(_document, analysis) {
    const lines = analysis.parsed.lines;
    const root = analysis.parsed.doc.contents;
    const symbols: DocumentSymbol[] = [];
    for (const hook of hooksOf(root)) {
      const scripts = isSeq(hook.value) ? hook.value.items : [];
      const children = scripts
        .map((script) => {
          const node = isMap(script) ? script.get('location', true) : undefined;
          const location = textOf(node);
          return location ? symbol(location, SymbolKind.File, rangeOf(script, lines), rangeOf(node, lines)) : undefined;
        })
        .filter((s): s is DocumentSymbol => !!s);
      const detail = isScalar(hook.value) ? textOf(hook.value) : `${scripts.length} script${scripts.length === 1 ? '' : 's'}`;
      const keyRange = rangeOf(hook.keyNode, lines);
      symbols.push(symbol(hook.name, SymbolKind.Event, { start: keyRange.start, end: rangeOf(hook.value ?? hook.keyNode, lines).end }, keyRange, children, detail));
    }
    for (const file of seqAt(root, 'files')?.items ?? []) {
      const source = textOf(isMap(file) ? file.get('source', true) : undefined);
      const destination = textOf(isMap(file) ? file.get('destination', true) : undefined);
      if (source) symbols.push(symbol(source, SymbolKind.File, rangeOf(file, lines), rangeOf(file, lines), undefined, destination ? `→ ${destination}` : undefined));
    }
    for (const item of seqAt(root, 'Resources')?.items ?? []) {
      for (const resource of entries(item)) symbols.push(symbol(resource.key, SymbolKind.Object, rangeOf(item, lines), rangeOf(resource.keyNode, lines)));
    }
    return symbols;
  },
  codeActions(document, _analysis, diagnostics) {
    return replacementFixes(document, diagnostics);
  },
};
