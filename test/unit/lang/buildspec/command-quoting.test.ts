import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

test('a command with ": " read as a map is reported with the quoted command as the fix', () => {
  const result = findings('buildspec', "version: 0.2\nphases:\n  build:\n    commands:\n      - echo Result: it's ok\n      - 'echo quoted: fine'\n");
  assert.deepEqual(brief(result), ['EB108@5:9']);
  assert.equal(result[0].data?.replacement, "'echo Result: it''s ok'");
});
