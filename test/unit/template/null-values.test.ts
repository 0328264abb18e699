import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

/** Findings of one rule as code@line (1-based). */
function findings(text: string, code: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.code === code)
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

test('E1001: null values in conditions, properties, outputs and mappings are reported at their key', () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Mappings:',
    '  M:',
    '    a:',
    '      b:',
    'Conditions:',
    '  Empty: null',
    '  Nested:',
    '    Fn::And:',
    'Resources:',
    '  B:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName:',
    'Outputs:',
    '  O:',
    '    Value:',
  ].join('\n');
  assert.deepEqual(findings(text, 'E1001'), ['E1001@5', 'E1001@7', 'E1001@9', 'E1001@14', 'E1001@17']);
});

test('E1001: values, short tags without an argument and Metadata are left alone', () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Metadata:',
    '  Anything:',
    'Conditions:',
    '  C: !Equals [a, b]',
    'Resources:',
    '  B:',
    '    Type: AWS::S3::Bucket',
    '    Condition: C',
    '    Properties:',
    '      BucketName: !Select [0, !GetAZs ]',
  ].join('\n');
  assert.deepEqual(findings(text, 'E1001'), []);
});

test('E1001: a long-form intrinsic without its argument is reported once', () => {
  const text = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName:\n        Fn::Base64:\n';
  assert.deepEqual(findings(text, 'E1001'), ['E1001@6']);
});

test('E1001: SAM resources are left to the transform, which reads null as not set', () => {
  const text = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: i.h\n      CodeUri: s3://b/k\n      Events:\n';
  assert.deepEqual(findings(text, 'E1001'), []);
});
