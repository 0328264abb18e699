import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { pairOf, textOf, isSeq } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';
import { hooksOf } from './platform';
import { existsInRevision, revisionRoot } from './revision';

/** Each hook script's `location` must exist in the revision, relative to its root (EA103). */
export function checkHookLocations(parsed: ParsedDocument): Diagnostic[] {
  const root = revisionRoot(parsed.file);
  if (!root) return [];
  const out: Diagnostic[] = [];
  for (const hook of hooksOf(parsed.doc.contents)) {
    if (!isSeq(hook.value)) continue;
    for (const script of hook.value.items) {
      const pair = pairOf(script, 'location');
      const location = textOf(pair?.value);
      if (!pair || !location || existsInRevision(root, location)) continue;
      out.push({ range: rangeOf(pair.value, parsed.lines), severity: 'error', code: 'EA103', message: `${hook.name} script "${location}" does not exist in the revision (looked for it relative to ${root})` });
    }
  }
  return out;
}
