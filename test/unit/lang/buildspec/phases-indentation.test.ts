import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

test('an empty phases with phases at the top level points at both', () => {
  const text = 'version: 0.2\n\nphases:\nbuild:\n  commands:\n    - echo hi\n';
  const result = findings('buildspec', text);
  assert.deepEqual(brief(result), ['EB102@3:1', 'EB102@4:1']);
  assert.match(result[1].message, /indent it under "phases:"/);
});

test('a buildspec with neither phases nor batch runs nothing', () => {
  assert.deepEqual(brief(findings('buildspec', 'version: 0.2\nenv:\n  variables:\n    A: b\n')), ['EB102@1:1']);
  assert.deepEqual(findings('buildspec', 'version: 0.2\nbatch:\n  build-list:\n    - identifier: a\n'), []);
});
