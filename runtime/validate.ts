import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Diagnostic, type FileDiagnostic, compareDiagnostics } from './common/diagnostics';
import { InputError } from './common/errors';
import { DocumentTooLargeError, parseDocument, readDocumentFile, type ParsedDocument } from './common/yaml/document';
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

/** validateText over a file, which is refused by its size before it is read (the same E0000 finding as a too-large text). */
export function validateFile(file: string, shownAs = file, forcedKind?: DocumentKind): Diagnostic[] {
  let text: string;
  try {
    text = readDocumentFile(file, 'cannot read the file', shownAs);
  } catch (error) {
    if (!(error instanceof DocumentTooLargeError)) throw error;
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code: 'E0000', message: error.reason }];
  }
  return validateText(shownAs, text, forcedKind).diagnostics;
}

export function withFile(file: string, diagnostics: Diagnostic[]): FileDiagnostic[] {
  return diagnostics.map((d) => ({ file, ...d }));
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.slipway', 'dist', 'out', '.vscode-test']);
const CANDIDATE = /\.(ya?ml|json|template)$/i;

/** Files under the given paths that Slipway recognises (a named file is always taken). */
export function collectFiles(inputs: string[], cwd: string, kind: DocumentKind | undefined): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && CANDIDATE.test(entry.name)) {
        if (kind) files.push(full);
        else {
          const text = fs.readFileSync(full, 'utf8');
          if (detectKind(full, text)) files.push(full);
        }
      }
    }
  };
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new InputError(`${input}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(full);
    else files.push(full);
  }
  return files;
}
