import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { pairOf, scalarAt, seqAt, textOf, isMap } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';
import { existsInRevision, revisionRoot } from './revision';

/** Absolute on Linux (`/srv/app`) or Windows (`C:\\app`, `\\app`). */
export function isAbsoluteInstancePath(value: string, os: string | undefined): boolean {
  if (os === 'windows') return /^([A-Za-z]:[\\/]|[\\/])/.test(value);
  return value.startsWith('/') || (os === undefined && /^[A-Za-z]:[\\/]/.test(value));
}

/**
 * Each `files` entry copies a `source` that exists in the revision (EA106, checked
 * when the revision root is known) to an absolute `destination` (EA105).
 */
export function checkFiles(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  const os = scalarAt(root, 'os');
  const revision = revisionRoot(parsed.file);
  const out: Diagnostic[] = [];
  for (const entry of seqAt(root, 'files')?.items ?? []) {
    if (!isMap(entry)) continue;
    const destination = pairOf(entry, 'destination');
    const target = textOf(destination?.value);
    if (destination && target !== undefined && !isAbsoluteInstancePath(target, os)) {
      out.push({ range: rangeOf(destination.value, parsed.lines), severity: 'error', code: 'EA105', message: `destination "${target}" must be an absolute path on the instance${os === 'windows' ? ' (e.g. C:\\app)' : ' (starting with /)'}` });
    }
    const source = pairOf(entry, 'source');
    const from = textOf(source?.value);
    if (revision && source && from !== undefined && !existsInRevision(revision, from)) {
      out.push({ range: rangeOf(source.value, parsed.lines), severity: 'error', code: 'EA106', message: `source "${from}" does not exist in the revision (relative to ${revision})` });
    }
  }
  return out;
}
