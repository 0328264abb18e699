import type {
  CodeAction,
  CompletionItem,
  Definition,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../runtime/common/diagnostics';
import type { DocumentKind } from '../runtime/common/kind';
import type { Analysis } from './documents';

/** What every feature receives: the document, its analysis, and (for positional features) where. */
export interface FeatureRequest {
  document: TextDocument;
  analysis: Analysis;
  position: Position;
  offset: number;
}

/**
 * The language features of one document kind. Each is a pure function of the
 * document and its analysis; server.ts wires them to the connection.
 */
export interface KindFeatures {
  completion?(request: FeatureRequest): CompletionItem[];
  hover?(request: FeatureRequest): Hover | null;
  definition?(request: FeatureRequest): Definition | null;
  references?(request: FeatureRequest, includeDeclaration: boolean): Location[];
  rename?(request: FeatureRequest, newName: string): WorkspaceEdit | null;
  prepareRename?(request: FeatureRequest): Range | null;
  documentSymbols?(document: TextDocument, analysis: Analysis): DocumentSymbol[];
  foldingRanges?(document: TextDocument, analysis: Analysis): FoldingRange[];
  codeActions?(document: TextDocument, analysis: Analysis, diagnostics: Diagnostic[], range: Range): CodeAction[];
}

const registry = new Map<DocumentKind, KindFeatures[]>();

/** Each kind's language service registers itself here (see server/all-features.ts). */
export function registerFeatures(kind: DocumentKind, features: KindFeatures): void {
  registry.set(kind, [...(registry.get(kind) ?? []), features]);
}

export function featuresFor(kind: DocumentKind | undefined): KindFeatures[] {
  return kind ? (registry.get(kind) ?? []) : [];
}
