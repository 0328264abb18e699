import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

function e1029(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.code === 'E1029')
    .map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

const machine = (substitutions: string) =>
  [
    'Parameters:',
    '  Fn: {Type: String}',
    'Resources:',
    '  M:',
    '    Type: AWS::StepFunctions::StateMachine',
    '    Properties:',
    '      RoleArn: arn:aws:iam::123456789012:role/r',
    '      DefinitionString: !Join',
    '        - "\\n"',
    '        - - "{\\"StartAt\\": \\"T\\", \\"States\\": {\\"T\\": {"',
    '          - "\\"Type\\": \\"Task\\", \\"End\\": true, \\"Resource\\": \\"${task_arn}\\"}}}"',
    substitutions,
  ].join('\n');

test('E1029: a Step Functions placeholder that DefinitionSubstitutions does not define', () => {
  const found = e1029(machine('      DefinitionSubstitutions: {other: x}'));
  assert.equal(found.length, 1);
  assert.match(found[0], /^11: "\$\{task_arn\}" is not defined in DefinitionSubstitutions/);
  assert.equal(e1029(machine('')).length, 1);
});

test('E1029: placeholders that DefinitionSubstitutions defines, or may define through a function, are accepted', () => {
  assert.deepEqual(e1029(machine('      DefinitionSubstitutions: {task_arn: !Ref Fn}')), []);
  assert.deepEqual(e1029(machine('      DefinitionSubstitutions: !If [C, {task_arn: a}, {task_arn: b}]').replace('Resources:', 'Conditions:\n  C: !Equals [a, b]\nResources:')), []);
});
