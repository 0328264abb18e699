import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { templateModel, type Declaration } from '../../../runtime/template/model';
import type { Analysis } from '../../documents';
import { symbol } from '../structure';

const SECTIONS: Array<{ name: 'Parameters' | 'Mappings' | 'Conditions' | 'Resources' | 'Outputs'; kind: SymbolKind }> = [
  { name: 'Parameters', kind: SymbolKind.Variable },
  { name: 'Mappings', kind: SymbolKind.Struct },
  { name: 'Conditions', kind: SymbolKind.Boolean },
  { name: 'Resources', kind: SymbolKind.Class },
  { name: 'Outputs', kind: SymbolKind.Property },
];

/** The outline: each section with its declarations (resources show their type). */
export function templateSymbols(_document: TextDocument, analysis: Analysis): DocumentSymbol[] {
  const model = templateModel(analysis.parsed);
  const result: DocumentSymbol[] = [];
  for (const section of SECTIONS) {
    const entry = model.sections.get(section.name);
    if (!entry) continue;
    const declarations = model[section.name.toLowerCase() as 'parameters' | 'mappings' | 'conditions' | 'resources' | 'outputs'] as Map<string, Declaration & { type?: string }>;
    const children = [...declarations.values()].map((d) => symbol(d.name, section.kind, d.range, d.keyRange, undefined, d.type));
    const start = model.rangeOf(entry.keyNode);
    const end = entry.value ? model.rangeOf(entry.value).end : start.end;
    result.push(symbol(section.name, SymbolKind.Namespace, { start: start.start, end }, start, children, `${children.length}`));
  }
  return result;
}
