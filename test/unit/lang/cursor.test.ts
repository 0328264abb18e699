import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingPath } from '../../../server/services/lang/cursor';

/** The path enclosing the content of the last line of `text` (the cursor's line). */
function pathAt(text: string) {
  const lines = text.split('\n');
  const cursorLine = lines.pop()!;
  return enclosingPath(lines, cursorLine);
}

test('keys enclose by indentation, list items as index 0', () => {
  assert.deepEqual(pathAt('Resources:\n  Bucket:\n    Properties:\n      Bu'), ['Resources', 'Bucket', 'Properties']);
  assert.deepEqual(pathAt('phases:\n  build:\n    commands:\n      - echo'), ['phases', 'build', 'commands', 0]);
  // `Key:` then `- item` at the same indentation is valid YAML.
  assert.deepEqual(pathAt('stages:\n- name: Source\n  actions:\n  - name: A\n    actionTypeId:\n      ca'), ['stages', 0, 'actions', 0, 'actionTypeId']);
});

test('keys with :: inside (Fn::If, AWS::CloudFormation::Module) and quoted keys enclose too', () => {
  assert.deepEqual(pathAt('Tags:\n  - Key: A\n    Value: B\n  - Fn::If:\n      - isProd\n      - '), ['Tags', 0, 'Fn::If', 0]);
  assert.deepEqual(pathAt('Conditions:\n  Both:\n    "Fn::Or":\n      - '), ['Conditions', 'Both', 'Fn::Or', 0]);
  assert.deepEqual(pathAt("Metadata:\n  'AWS::CloudFormation::Module':\n    x"), ['Metadata', 'AWS::CloudFormation::Module']);
});

test('a bare dash and nested dashes are list items; blank and comment lines are skipped', () => {
  assert.deepEqual(pathAt('Ingress:\n  -'), ['Ingress', 0]);
  assert.deepEqual(pathAt('matrix:\n  - - a\n    - '), ['matrix', 0, 0]);
  assert.deepEqual(pathAt('env:\n\n  # the variables\n  variables:\n    '), ['env', 'variables']);
});
