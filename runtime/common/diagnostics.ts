/** Positions are 0-based (line, character), as in LSP; the CLI prints them 1-based. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** Rule id: cfn-lint's where the meaning is the same (E3002, W2001…), else Slipway's own. */
  code: string;
  message: string;
  /** Extra data a quick fix can use (e.g. the replacement a did-you-mean suggests). */
  data?: { replacement?: string; [key: string]: unknown };
}

/** A diagnostic together with the file it belongs to. */
export interface FileDiagnostic extends Diagnostic {
  file: string;
}

/**
 * Whether a finding's rule id is on an ignore list (the CLI's --ignore-checks, the editor's
 * slipway.validation.ignoreChecks, cfn-lint's ignore_checks metadata): listed exactly, or by
 * a prefix ("W" ignores every warning rule, "E30" a family).
 */
export function isRuleIgnored(code: string, ignored: Iterable<string>): boolean {
  for (const id of ignored) if (code === id || code.startsWith(id)) return true;
  return false;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}
