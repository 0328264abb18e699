import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onFailureProblem } from '../../../../runtime/buildspec/checks/on-failure';
import { brief, findings } from '../helpers';

test('on-failure accepts ABORT, CONTINUE and the RETRY forms', () => {
  for (const value of ['ABORT', 'CONTINUE', 'RETRY', 'RETRY-3', 'RETRY-.*timeout.*', 'RETRY-2-error [0-9]+']) assert.equal(onFailureProblem(value), undefined, value);
  for (const value of ['abort', 'ABORT | CONTINUE', 'RETRY-', 'RETRY-0', 'RETRY-2-(']) assert.ok(onFailureProblem(value), value);
});

test('a misspelt on-failure is reported at the value with a replacement', () => {
  const result = findings('buildspec', 'version: 0.2\nphases:\n  build:\n    on-failure: ABROT\n    commands: [make]\n');
  assert.deepEqual(brief(result), ['EB107@4:17']);
  assert.equal(result[0].data?.replacement, 'ABORT');
});
