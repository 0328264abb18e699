import type { Diagnostic, FileDiagnostic } from './common/diagnostics';
import { compareDiagnostics } from './common/diagnostics';
import { parseDocument, type ParsedDocument } from './common/document';
import { detectKind, type DocumentKind } from './common/kind';

/** A semantic checker for one document kind; runs only on documents that parsed. */
export type KindValidator = (parsed: ParsedDocument) => Diagnostic[];

const validators = new Map<DocumentKind, KindValidator[]>();

/** Engines register their checks here; the CLI and the language server both call `validateText`. */
export function registerValidator(kind: DocumentKind, validator: KindValidator): void {
  const list = validators.get(kind) ?? [];
  list.push(validator);
  validators.set(kind, list);
}

export interface ValidationResult {
  kind: DocumentKind | undefined;
  parsed: ParsedDocument;
  diagnostics: Diagnostic[];
}

export function validateText(file: string, text: string, forcedKind?: DocumentKind): ValidationResult {
  const parsed = parseDocument(file, text);
  const kind = forcedKind ?? detectKind(file, text);
  const diagnostics = [...parsed.syntaxErrors];
  if (kind && !parsed.syntaxErrors.some((d) => d.severity === 'error')) {
    for (const validator of validators.get(kind) ?? []) {
      try {
        diagnostics.push(...validator(parsed));
      } catch (error) {
        // A checker bug must never hide the others' findings or crash the server.
        diagnostics.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 'error',
          code: 'SLIPWAY-INTERNAL',
          message: `internal error in a ${kind} check: ${(error as Error).message}`,
        });
      }
    }
  }
  diagnostics.sort(compareDiagnostics);
  return { kind, parsed, diagnostics };
}

export function withFile(file: string, diagnostics: Diagnostic[]): FileDiagnostic[] {
  return diagnostics.map((d) => ({ file, ...d }));
}
