import type { Diagnostic } from './diagnostics';

/**
 * While a key is half typed the document does not parse, and only the parser's error would
 * be left. The findings of the last version that parsed still hold for the lines the edit did
 * not touch: this carries them over to the new text (lines after the edit shift by the
 * number of lines it added or removed; findings on the edited lines are dropped).
 */
export function carriedDiagnostics(previousText: string, previous: Diagnostic[], text: string): Diagnostic[] {
  // The edited region: what lies between the common prefix and the common suffix.
  const shortest = Math.min(previousText.length, text.length);
  let prefix = 0;
  while (prefix < shortest && previousText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && previousText.charCodeAt(previousText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const lineOf = (source: string, offset: number) => {
    let line = 0;
    for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
    return line;
  };
  const firstEdited = lineOf(previousText, prefix);
  const lastEdited = lineOf(previousText, previousText.length - suffix);
  const delta = lineOf(text, text.length - suffix) - lastEdited;
  const carried: Diagnostic[] = [];
  for (const d of previous) {
    if (d.range.end.line < firstEdited) carried.push(d);
    else if (d.range.start.line > lastEdited) {
      carried.push({ ...d, range: { start: { ...d.range.start, line: d.range.start.line + delta }, end: { ...d.range.end, line: d.range.end.line + delta } } });
    }
  }
  return carried;
}
