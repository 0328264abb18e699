import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAssigned } from '../../../../runtime/buildspec/checks/exported-variables';
import { brief, findings } from '../helpers';

test('exported variables that nothing sets are warnings at the item', () => {
  const text = [
    'version: 0.2',
    'env:',
    '  variables:',
    '    FROM_ENV: x',
    '  exported-variables:',
    '    - FROM_ENV',
    '    - FROM_COMMAND',
    '    - CODEBUILD_BUILD_NUMBER',
    '    - NEVER_SET',
    'phases:',
    '  build:',
    '    commands:',
    '      - export FROM_COMMAND="$(date)"',
  ].join('\n');
  const result = findings('buildspec', text);
  assert.deepEqual(brief(result), ['WB103@9:7']);
  assert.equal(result[0].severity, 'warning');
});

test('assignments in sh, PowerShell and cmd count', () => {
  assert.ok(isAssigned('A', 'A=1 make'));
  assert.ok(isAssigned('A', 'echo x; export A'));
  assert.ok(isAssigned('A', '$env:A = "1"'));
  assert.ok(isAssigned('A', 'set A=1'));
  assert.ok(isAssigned('A', 'read A < file'));
  assert.ok(!isAssigned('A', 'echo $A'));
  assert.ok(!isAssigned('A', 'AB=1'));
});
