import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

const graph = (builds: string) => `version: 0.2\nbatch:\n  build-graph:\n${builds}phases:\n  build:\n    commands: [make]\n`;

test('batch identifiers must be unique', () => {
  const result = findings('buildspec', graph('    - identifier: a\n    - identifier: b\n    - identifier: a\n'));
  assert.deepEqual(brief(result), ['EB104@6:19']);
  assert.match(result[0].message, /line 4/);
});

test('depend-on names an existing build, with did-you-mean', () => {
  const result = findings('buildspec', graph('    - identifier: build1\n    - identifier: build2\n      depend-on:\n        - biuld1\n'));
  assert.deepEqual(brief(result), ['EB105@7:11']);
  assert.equal(result[0].data?.replacement, 'build1');
});

test('a dependency cycle is reported once', () => {
  const text = graph('    - identifier: a\n      depend-on: [c]\n    - identifier: b\n      depend-on: [a]\n    - identifier: c\n      depend-on: [b]\n');
  const result = findings('buildspec', text);
  assert.deepEqual(brief(result, 'EB106').length, 1);
  assert.match(result.find((d) => d.code === 'EB106')!.message, /cycle: a → c → b → a/);
  assert.deepEqual(findings('buildspec', graph('    - identifier: a\n    - identifier: b\n      depend-on: [a]\n')), []);
});
