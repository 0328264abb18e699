import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

function e1019(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.code === 'E1019')
    .map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

const topic = (value: string) => `Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName:\n${value}`;

test('E1019: Fn::Sub given a map is reported at the function name', () => {
  const found = e1019(topic('        Fn::Sub:\n          Test: bad configuration\n'));
  assert.equal(found.length, 1);
  assert.match(found[0], /^6: Fn::Sub takes a string, or a list of a string and a map of variables, not a map$/);
});

test('E1019: the string and list forms are accepted', () => {
  assert.deepEqual(e1019(topic('        Fn::Sub: "${AWS::StackName}-t"\n')), []);
  assert.deepEqual(e1019(topic('        Fn::Sub:\n          - "${Name}-t"\n          - Name: !Ref AWS::StackName\n')), []);
});
