import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { entries, pairOf, isMap, isScalar } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

export const PHASE_NAMES = ['install', 'pre_build', 'build', 'post_build'];

/**
 * `phases:` left empty while phase names sit at the top level is an indentation slip:
 * CodeBuild would run nothing. Reported at each stray phase (EB102), and at `phases`
 * when it is empty with nothing stray; a buildspec with neither phases nor batch runs nothing.
 */
export function checkPhasesIndentation(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  if (!isMap(root)) return [];
  const phases = pairOf(root, 'phases');
  const stray = entries(root).filter((e) => PHASE_NAMES.includes(e.key));
  const empty = phases && (phases.value === null || (isScalar(phases.value) && (phases.value.value === null || phases.value.value === '')));
  const phasesLine = phases ? rangeOf(phases.key, parsed.lines).start.line : -1;
  const out: Diagnostic[] = stray.map((e) => {
    const keyRange = rangeOf(e.keyNode, parsed.lines);
    // Below an empty `phases:`, indenting the block two spaces is the whole fix.
    const fixable = empty && keyRange.start.line > phasesLine;
    return {
      range: keyRange,
      severity: 'error' as const,
      code: 'EB102',
      message: `"${e.key}" is a phase but sits at the top level, so CodeBuild ignores it; indent it under "phases:"`,
      ...(fixable ? { data: { indentLines: [keyRange.start.line, rangeOf(e.pair.value ?? e.keyNode, parsed.lines).end.line] } } : {}),
    };
  });
  if (phases && empty) {
    out.push({
      range: rangeOf(phases.key, parsed.lines),
      severity: 'error',
      code: 'EB102',
      message: stray.length ? `"phases" is empty: ${stray.map((e) => e.key).join(', ')} must be indented under it` : '"phases" is empty: the build would run no commands',
    });
  }
  if (!phases && !pairOf(root, 'batch') && stray.length === 0) {
    const first = root.items[0]?.key;
    out.push({ range: rangeOf(first ?? root, parsed.lines), severity: 'error', code: 'EB102', message: 'the buildspec has no "phases" (and no "batch"): there is nothing to run' });
  }
  return out;
}
