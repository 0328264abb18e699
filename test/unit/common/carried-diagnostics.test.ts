import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { carriedDiagnostics } from '../../../runtime/common/carried-diagnostics';
import type { Diagnostic } from '../../../runtime/common/diagnostics';

const at = (line: number, code: string): Diagnostic => ({ range: { start: { line, character: 4 }, end: { line, character: 9 } }, severity: 'error', code, message: code });

test('findings before a half-typed key stay, those after it shift by the lines it adds, those on it go', () => {
  const good = ['a: 1', 'b: 2', 'c: 3', 'd: 4'].join('\n');
  const typing = ['a: 1', 'b: 2', 'Prop', 'erty', 'c: 3', 'd: 4'].join('\n');
  const carried = carriedDiagnostics(good, [at(0, 'A'), at(1, 'B'), at(2, 'C'), at(3, 'D')], typing);
  // C sits where the typing started: not carried (it may no longer hold).
  assert.deepEqual(
    carried.map((d) => `${d.code}@${d.range.start.line}`),
    ['A@0', 'B@1', 'D@5'],
  );
});

test('a finding on the edited line is not carried; lines removed shift the rest up', () => {
  const good = ['x: 1', 'y: 2', 'z: 3', 'w: 4'].join('\n');
  const edited = ['x: 1', 'yz', 'w: 4'].join('\n');
  const carried = carriedDiagnostics(good, [at(1, 'Y'), at(3, 'W')], edited);
  assert.deepEqual(carried.map((d) => `${d.code}@${d.range.start.line}`), ['W@2']);
});

test('an unchanged document carries everything as it was', () => {
  const text = 'a: 1\nb: 2\n';
  assert.deepEqual(carriedDiagnostics(text, [at(1, 'B')], text).map((d) => d.range.start.line), [1]);
});
