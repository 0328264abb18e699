import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

/** Errors as code@line (1-based). */
function errors(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

const template = (equals: string) =>
  ['Parameters:', '  Names: {Type: CommaDelimitedList}', '  Env: {Type: String}', 'Conditions:', `  C: !Equals ${equals}`, 'Resources:', '  T:', '    Type: AWS::SNS::Topic', '    Condition: C', '    Properties: {TopicName: !Join [",", !Ref Names]}'].join('\n');

test('E8003: Fn::Equals cannot use exports or resource attributes, which do not exist when conditions are evaluated', () => {
  assert.deepEqual(errors(template('[!Ref Env, !ImportValue Primary]')), ['E8003@5']);
  assert.deepEqual(errors(template('[!Ref Env, !GetAtt T.TopicName]')), ['E8003@5']);
});

test('E1020: a list parameter compared with Fn::Equals', () => {
  assert.deepEqual(errors(template('[!Ref Names, ""]')), ['E1020@5']);
  assert.deepEqual(errors(template('[!Join [",", !Ref Names], ""]')), []);
  assert.deepEqual(errors(template('[!Ref Env, prod]')), []);
});
