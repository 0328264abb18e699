import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { entries, seqAt, isMap } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

/**
 * A command such as `- echo Result: ok` is read by YAML as a map (`echo Result: ok`
 * has `: `), and CodeBuild rejects the buildspec. Reported at the item with the whole
 * command quoted as the fix (EB108).
 */
export function checkCommandQuoting(parsed: ParsedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const phase of entries(isMap(parsed.doc.contents) ? parsed.doc.contents.get('phases', true) : undefined)) {
    for (const list of ['commands', 'finally']) {
      for (const item of seqAt(phase.value, list)?.items ?? []) {
        if (!isMap(item) || !item.range || item.flow) continue;
        const range = rangeOf(item, parsed.lines);
        if (range.start.line !== range.end.line) continue;
        const source = parsed.lines.lineText(range.start.line).slice(range.start.character, range.end.character).trimEnd();
        out.push({
          range: { start: range.start, end: { line: range.start.line, character: range.start.character + source.length } },
          severity: 'error',
          code: 'EB108',
          message: `this ${list === 'finally' ? 'finally command' : 'command'} contains ": ", so YAML reads it as a map, not a command; quote the whole command`,
          data: { replacement: `'${source.replace(/'/g, "''")}'` },
        });
      }
    }
  }
  return out;
}
