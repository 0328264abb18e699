import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const bucket = (tags: string) =>
  template(`Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n${tags}`);

test('a tag needs a Key and takes only Key and Value, in Fn::If branches too', () => {
  const text = bucket('        - Key: a\n          Value: b\n        - !If\n          - C\n          - Name: x\n            Value: y\n          - !Ref AWS::NoValue\n');
  assert.deepEqual(findingsOf(text, /^E300[23]$/), ['E3002@13', 'E3003@13']);
});

test('well-formed tags pass', () => {
  assert.deepEqual(findingsOf(bucket('        - {Key: a, Value: b}\n        - Key: c\n          Value: !Ref AWS::StackName\n'), /^E300[23]$/), []);
});
