import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

test('E3530 trust policies need a Statement; E3510 policies in Fn::If branches are checked', () => {
  const text = template(
    [
      'Conditions:',
      '  C: !Equals [!Ref AWS::Region, us-east-1]',
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {}',
      '  P:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      Fn::If:',
      '        - C',
      '        - {PolicyName: p, Roles: [r], PolicyDocument: {}}',
      '        - PolicyName: p',
      '          Roles: [r]',
      '          PolicyDocument: [{Statement: []}]',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E35/), ['E3530@8', 'E3510@14', 'E3510@17']);
});

test('E3514: S3 bucket policies name resources by ARN; "*" is for other policies', () => {
  const policy = (type: string, resource: string) =>
    template(
      `Resources:\n  P:\n    Type: ${type}\n    Properties:\n      Bucket: b\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action: s3:GetObject\n            Resource: ${resource}\n`,
    );
  assert.deepEqual(findingsOf(policy('AWS::S3::BucketPolicy', '"*"'), /^E35/), ['E3514@12']);
  assert.deepEqual(findingsOf(policy('AWS::S3::BucketPolicy', 'arn:aws:s3:::b/*'), /^E35/), []);
  assert.deepEqual(findingsOf(policy('AWS::S3::BucketPolicy', '!Join ["", [!GetAtt B.Arn, "/*"]]'), /^E35/), []);
});

test('E3510: ${} in a plain string is literal, so the ARN is checked as written', () => {
  const role = (resource: string) =>
    template(
      `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - {Effect: Allow, Action: "iam:GetUser", Resource: ${resource}}\n`,
    );
  assert.deepEqual(findingsOf(role('"arn:aws:iam::${AWS::AccountId}:user/x"'), /^E3510$/), ['E3510@8']);
  assert.deepEqual(findingsOf(role('"arn:aws:iam::123456789012:user/${aws:username}"'), /^E3510$/), []);
  assert.deepEqual(findingsOf(role('!Sub "arn:aws:iam::${AWS::AccountId}:user/x"'), /^E3510$/), []);
});
