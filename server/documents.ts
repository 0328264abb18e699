import { URI } from './uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, type DocumentKind } from '../runtime/common/kind';
import { validateText, type ValidationResult } from '../runtime/validate';
import { carriedDiagnostics } from '../runtime/common/carried-diagnostics';
import { compareDiagnostics } from '../runtime/common/diagnostics';

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
  /** The last version of each document that parsed, and its findings (carried over while it does not). */
  private readonly lastParsed = new Map<string, { text: string; diagnostics: ValidationResult['diagnostics'] }>();

  get(document: TextDocument): Analysis {
    const hit = this.cache.get(document.uri);
    if (hit && hit.version === document.version) return hit;
    const file = URI.toFsPath(document.uri);
    const text = document.getText();
    const kind = kindOf(file, text, document.languageId);
    const started = performance.now();
    const result = validateText(file, text, kind);
    this.cost.set(document.uri, performance.now() - started);
    const broken = result.parsed.syntaxErrors.some((d) => d.severity === 'error');
    const good = this.lastParsed.get(document.uri);
    if (broken && good) {
      // Half-typed text: keep the last good findings for the lines the edit did not touch.
      const carried = carriedDiagnostics(good.text, good.diagnostics, text).filter((d) => !result.parsed.syntaxErrors.some((e) => e.range.start.line === d.range.start.line));
      result.diagnostics = [...result.diagnostics, ...carried].sort(compareDiagnostics);
    } else if (!broken) {
      this.lastParsed.set(document.uri, { text, diagnostics: result.diagnostics });
    }
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
    this.lastParsed.delete(uri);
  }
}

/** Kind from name and content; VS Code language ids of other extensions (e.g. `cloudformation`) count too. */
export function kindOf(file: string, text: string, languageId?: string): DocumentKind | undefined {
  if (languageId === 'cloudformation') return 'template';
  return detectKind(file, text);
}
