import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { suggest as didYouMean } from '../../schema/suggest';
import { entries, mapAt, pairOf, textOf } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

const PLAIN = ['ABORT', 'CONTINUE', 'RETRY'];

/**
 * A phase's `on-failure` is ABORT, CONTINUE or a RETRY form: RETRY, RETRY-<count>,
 * RETRY-<regex>, RETRY-<count>-<regex>; the count is a positive whole number and the
 * regex must compile (EB107).
 */
export function checkOnFailure(parsed: ParsedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const phase of entries(mapAt(parsed.doc.contents, 'phases'))) {
    const pair = pairOf(phase.value, 'on-failure');
    if (!pair) continue;
    const range = rangeOf(pair.value ?? pair.key, parsed.lines);
    const value = textOf(pair.value);
    const problem = value === undefined ? 'is empty' : onFailureProblem(value);
    if (!problem) continue;
    const suggestion = value ? didYouMean(value, PLAIN) : undefined;
    out.push({
      range,
      severity: 'error',
      code: 'EB107',
      message: `on-failure of ${phase.key} ${problem}; use ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      ...(suggestion ? { data: { replacement: suggestion } } : {}),
    });
  }
  return out;
}

/** Why a value is not a valid on-failure, or undefined when it is valid. */
export function onFailureProblem(value: string): string | undefined {
  if (value === 'ABORT' || value === 'CONTINUE' || value === 'RETRY') return undefined;
  if (!value.startsWith('RETRY-')) return `"${value}" is not a valid value`;
  const rest = value.slice('RETRY-'.length);
  if (rest === '') return '"RETRY-" needs a count or a regular expression after the dash';
  const counted = /^(\d+)(?:-(.*))?$/.exec(rest);
  if (counted) {
    if (Number(counted[1]) < 1) return `"${value}" retries ${counted[1]} times; the count must be at least 1`;
    if (counted[2] === undefined) return undefined;
    return regexProblem(counted[2], value);
  }
  return regexProblem(rest, value);
}

function regexProblem(pattern: string, value: string): string | undefined {
  if (pattern === '') return `"${value}" ends with an empty regular expression`;
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return `"${value}" has an invalid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
}
