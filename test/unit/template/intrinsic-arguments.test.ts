import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

/** Findings of the given rules as code@line (1-based). */
function findings(text: string, ...codes: string[]): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => codes.includes(d.code))
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

const topic = (name: string) => `Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName:\n${name}`;

test('E1022/E1017: a Join or Select whose list is a string-returning call or a scalar is reported at that value', () => {
  assert.deepEqual(findings(topic('        Fn::Join:\n          - ""\n          - "a string"\n'), 'E1022'), ['E1022@8']);
  assert.deepEqual(findings(topic('        Fn::Select:\n          - 0\n          - !Join [",", [a, b]]\n'), 'E1017'), ['E1017@8']);
  assert.deepEqual(findings(topic('        Fn::Select:\n          - 0\n          - !Ref T\n'), 'E1017'), ['E1017@8']);
  const listParameter = 'Parameters:\n  Names: {Type: CommaDelimitedList}\n' + topic('        Fn::Select: [0, !Ref Names]\n');
  assert.deepEqual(findings(listParameter, 'E1017'), []);
  assert.deepEqual(findings(topic('        Fn::Select: [0, !Split [",", "a,b"]]\n'), 'E1017'), []);
});

test('E1015: Fn::GetAZs takes a region, not an availability zone', () => {
  assert.deepEqual(findings(topic('        Fn::Select: [0, !GetAZs us-east-1a]\n'), 'E1015'), ['E1015@6']);
  assert.deepEqual(findings(topic('        Fn::Select: [0, !GetAZs us-gov-west-1]\n'), 'E1015'), []);
  assert.deepEqual(findings(topic('        Fn::Select: [0, !GetAZs ""]\n'), 'E1015'), []);
});

test('E1033: an unknown Fn::GetStackOutput key is reported at the key', () => {
  const text = topic('        Fn::GetStackOutput:\n          StackName: s\n          OutputName: o\n          BadKey: x\n');
  assert.deepEqual(findings(text, 'E1033'), ['E1033@9']);
});

test('E1032: Fn::ForEach declarations and nested loops need the AWS::LanguageExtensions transform', () => {
  const body = [
    'Resources:',
    '  Fn::ForEach::Topics:',
    '    - Name',
    '    - [A, B]',
    '    - Topic${Name}:',
    '        Type: AWS::SNS::Topic',
    'Outputs:',
    '  Fn::ForEach::Out:',
    '    - Name',
    '    - [A, B]',
    '    - Fn::ForEach::Inner:',
    '        - X',
    '        - [Arn]',
    '        - O${Name}${X}:',
    '            Value: !Ref AWS::StackName',
  ].join('\n');
  assert.deepEqual(findings(body, 'E1032'), ['E1032@2', 'E1032@8', 'E1032@11']);
  assert.deepEqual(findings(`Transform: AWS::LanguageExtensions\n${body}`, 'E1032'), []);
});
