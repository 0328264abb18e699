import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { pairOf, isScalar, isSeq } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';
import { hooksOf } from './platform';

/** A script's `timeout` is a whole number of seconds from 1 to 3600 (EA104). */
export function checkTimeouts(parsed: ParsedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const hook of hooksOf(parsed.doc.contents)) {
    if (!isSeq(hook.value)) continue;
    for (const script of hook.value.items) {
      const pair = pairOf(script, 'timeout');
      if (!pair || !isScalar(pair.value)) continue;
      const raw = pair.value.value;
      const seconds = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
      let problem: string | undefined;
      if (!Number.isInteger(seconds)) problem = `timeout "${String(raw)}" must be a whole number of seconds`;
      else if (seconds < 1) problem = `timeout ${seconds} must be at least 1 second`;
      else if (seconds > 3600) problem = `timeout ${seconds} is longer than the 3600 seconds CodeDeploy allows a script`;
      if (problem) out.push({ range: rangeOf(pair.value, parsed.lines), severity: 'error', code: 'EA104', message: `${hook.name}: ${problem}` });
    }
  }
  return out;
}
