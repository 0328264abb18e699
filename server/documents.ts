import { URI } from './uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, type DocumentKind } from '../runtime/common/kind';
import { validateText, type ValidationResult } from '../runtime/validate';

/** An open document's analysis, computed once per version and shared by every feature. */
export interface Analysis extends ValidationResult {
  uri: string;
  version: number;
  file: string;
}

/** Caches analyses by uri+version so completion, hover and diagnostics parse only once. */
export class AnalysisCache {
  private readonly cache = new Map<string, Analysis>();
  /** How long the last analysis of each document took (ms), to pace revalidation while typing. */
  private readonly cost = new Map<string, number>();

  get(document: TextDocument): Analysis {
    const hit = this.cache.get(document.uri);
    if (hit && hit.version === document.version) return hit;
    const file = URI.toFsPath(document.uri);
    const text = document.getText();
    const kind = kindOf(file, text, document.languageId);
    const started = performance.now();
    const result = validateText(file, text, kind);
    this.cost.set(document.uri, performance.now() - started);
    const analysis: Analysis = { ...result, uri: document.uri, version: document.version, file };
    this.cache.set(document.uri, analysis);
    return analysis;
  }

  /** Milliseconds the last analysis of this document took (0 before the first). */
  lastCost(uri: string): number {
    return this.cost.get(uri) ?? 0;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
    this.cost.delete(uri);
  }
}

/** Kind from name and content; VS Code language ids of other extensions (e.g. `cloudformation`) count too. */
export function kindOf(file: string, text: string, languageId?: string): DocumentKind | undefined {
  if (languageId === 'cloudformation') return 'template';
  return detectKind(file, text);
}
