import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadSpec } from '../../../runtime/template/spec';
import { findingsOf, template } from './template-findings';

const lambda = (properties: string) =>
  template(`Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {ZipFile: x}\n      Role: arn:aws:iam::123456789012:role/r\n${properties}`);

test('the index carries registry limits: string length and pattern, list item count, nested property types', () => {
  const fn = loadSpec().resource('AWS::Lambda::Function')!;
  assert.deepEqual(fn.properties.Handler.limits?.length, [null, 128]);
  assert.equal(fn.properties.Handler.limits?.pattern, '^[^\\s]+$');
  assert.deepEqual(fn.properties.Architectures.limits?.items, [1, 1]);
  assert.deepEqual(loadSpec().propertyType('AWS::Lambda::Function', 'Code')!.S3Bucket.limits?.length, [3, 63]);
});

test('E3033 string too long, E3031 pattern mismatch, E3032 too many items, E3034 out of range', () => {
  const text = lambda(
    [
      `      Handler: ${'h'.repeat(129)}`,
      '      Description: fine',
      '      Architectures:',
      '        - x86_64',
      '        - arm64',
      '      ReservedConcurrentExecutions: -1',
      '      CodeSigningConfigArn: not-an-arn',
      '',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E303[1-4]$/), ['E3033@8', 'E3032@10', 'E3034@13', 'E3031@14']);
});

test('values resolved at deployment are not checked against limits', () => {
  const text = lambda(
    [
      '      Handler: !Sub "${AWS::StackName}-index.handler"',
      '      CodeSigningConfigArn: "{{resolve:ssm:/signing/arn}}"',
      '      Description: !If [C, !Ref AWS::NoValue, "${literal}"]',
      '      Architectures: !Ref AWS::NoValue',
      '      ReservedConcurrentExecutions: !Ref AWS::NoValue',
      '',
    ].join('\n'),
  ).replace('Resources:', 'Conditions:\n  C: !Equals [a, b]\nResources:');
  assert.deepEqual(findingsOf(text, /^E303[1-4]$/), []);
});

test('a limit inside Fn::If is checked on each branch', () => {
  const text = lambda(`      Handler: !If [C, ok.handler, "has space"]\n`).replace('Resources:', 'Conditions:\n  C: !Equals [a, b]\nResources:');
  assert.deepEqual(findingsOf(text, /^E303[1-4]$/), ['E3031@10']);
});

test('limits the AWS documentation states are applied where the registry types have none', () => {
  const resources = [
    'Resources:',
    '  R:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    `      RoleName: ${'r'.repeat(65)}`,
    '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}',
    '  P:',
    '    Type: AWS::IAM::InstanceProfile',
    '    Properties:',
    '      Roles: [a, b]',
    '  Repo:',
    '    Type: AWS::CodeCommit::Repository',
    '    Properties:',
    '      RepositoryName: my-repo.git',
    '  G:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: "quotes \\" are not allowed"',
  ];
  assert.deepEqual(findingsOf(template(resources.join('\n')), /^E303[1-4]$/), ['E3033@6', 'E3032@11', 'E3031@15', 'E3031@19']);
});

test('documented item limits apply to each item of a list', () => {
  const text = template(
    `Resources:\n  A:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      MetricName: Errors\n      Namespace: AWS/Lambda\n      Statistic: Sum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanThreshold\n      AlarmActions:\n        - arn:aws:sns:us-east-1:123456789012:ok\n        - arn:aws:sns:us-east-1:123456789012:${'t'.repeat(1000)}\n`,
  );
  assert.deepEqual(findingsOf(text, /^E303[1-4]$/), ['E3033@15']);
});
