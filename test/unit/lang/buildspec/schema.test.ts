import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

test('unknown keys get did-you-mean replacements at the key', () => {
  const text = 'version: 0.2\nphases:\n  biuld:\n    comands:\n      - make\n';
  const result = findings('buildspec', text);
  assert.deepEqual(brief(result), ['EB001@3:3']);
  assert.equal(result[0].data?.replacement, 'build');
  const nested = findings('buildspec', 'version: 0.2\nphases:\n  build:\n    comands:\n      - make\n');
  assert.deepEqual(brief(nested), ['EB001@4:5']);
  assert.equal(nested[0].data?.replacement, 'commands');
  assert.match(nested[0].message, /did you mean "commands"/);
});

test('wrong types and values are reported at the value', () => {
  const text = 'version: 0.2\nphases:\n  build:\n    commands: make\nreports:\n  r:\n    files: [a.xml]\n    file-format: JUNIT\n';
  assert.deepEqual(brief(findings('buildspec', text)), ['EB002@4:15', 'EB004@8:18']);
});

test('a valid buildspec has no findings', () => {
  const text = 'version: 0.2\nenv:\n  variables:\n    A: 1\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n  build:\n    on-failure: RETRY-2\n    commands:\n      - make\n    finally:\n      - echo done\nartifacts:\n  files:\n    - "**/*"\n  discard-paths: yes\ncache:\n  paths: [node_modules/**/*]\n';
  assert.deepEqual(findings('buildspec', text), []);
});
