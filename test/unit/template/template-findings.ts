import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

/** `CODE@line` (1-based) of a YAML template's findings whose code matches. */
export function findingsOf(text: string, code: RegExp): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => code.test(d.code))
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

/** A template body with the format version line first (so line numbers start at 2). */
export const template = (body: string): string => `AWSTemplateFormatVersion: "2010-09-09"\n${body}`;
