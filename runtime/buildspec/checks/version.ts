import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { pairOf, isMap, isScalar } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

/**
 * `version` must be present and 0.2 (EB101). 0.1 still runs on CodeBuild, but every
 * command gets a fresh shell, which surprises anyone who `cd`s or exports (WB101).
 */
export function checkVersion(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  if (!isMap(root)) return [];
  const pair = pairOf(root, 'version');
  if (!pair) {
    const first = root.items[0]?.key;
    return [{ range: rangeOf(first ?? root, parsed.lines), severity: 'error', code: 'EB101', message: 'the buildspec has no "version": CodeBuild refuses it; add `version: 0.2` at the top', data: { insertLine: 'version: 0.2' } }];
  }
  const value = isScalar(pair.value) ? pair.value.value : undefined;
  const range = rangeOf(pair.value ?? pair.key, parsed.lines);
  const text = value === null || value === undefined ? '' : String(value);
  if (text === '0.2') return [];
  if (text === '0.1') {
    return [{ range, severity: 'warning', code: 'WB101', message: 'version 0.1 runs every command in a separate shell (directory changes and variables do not carry over); use 0.2', data: { replacement: '0.2' } }];
  }
  return [{ range, severity: 'error', code: 'EB101', message: `"${text || '(empty)'}" is not a buildspec version; use 0.2`, data: { replacement: '0.2' } }];
}
