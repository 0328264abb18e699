import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

function e0000(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.code === 'E0000')
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

test('E0000: a short-tag call used as a key is reported where the tag starts', () => {
  const text = 'Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      VPCZoneIdentifier: [ !ImportValue Fn::Sub: "${Stack}-Subnet" ]\n      MaxSize: "1"\n      MinSize: "1"\n';
  assert.deepEqual(e0000(text), ['5:28']);
});

test('E0000: a list used as a key is reported; string keys and tagged values are not', () => {
  assert.deepEqual(e0000('Resources:\n  ? [a, b]\n  : {Type: AWS::SNS::Topic}\n'), ['2:5']);
  assert.deepEqual(e0000('Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !ImportValue\n        Fn::Sub: "${AWS::StackName}-x"\n'), []);
});
