import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

test('a missing version is an error at the first key', () => {
  assert.deepEqual(brief(findings('buildspec', 'phases:\n  build:\n    commands: [make]\n')), ['EB101@1:1']);
});

test('version 0.1 is a warning, other versions an error with 0.2 as the fix', () => {
  assert.deepEqual(brief(findings('buildspec', 'version: 0.1\nphases:\n  build:\n    commands: [make]\n')), ['WB101@1:10']);
  const wrong = findings('buildspec', 'version: 1.0\nphases:\n  build:\n    commands: [make]\n');
  assert.deepEqual(brief(wrong), ['EB101@1:10']);
  assert.equal(wrong[0].data?.replacement, '0.2');
  assert.deepEqual(findings('buildspec', 'version: "0.2"\nphases:\n  build:\n    commands: [make]\n'), []);
});
