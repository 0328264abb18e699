import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

test('E3019 sees identifiers chosen by a Properties-level Fn::If, reported at Properties', () => {
  const text = template(
    [
      'Conditions:',
      '  East: !Equals [!Ref AWS::Region, us-east-1]',
      'Resources:',
      '  A:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      Fn::If: [East, {BucketName: east}, !Ref AWS::NoValue]',
      '  B:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !If [East, east, !Ref AWS::NoValue]',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E3019$/), ['E3019@7', 'E3019@12']);
});

test('E3019 treats a CodeBuild project Name as unique, and exclusive branches as distinct', () => {
  const project = (id: string, name: string) =>
    `  ${id}:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: ${name}\n      ServiceRole: r\n      Artifacts: {Type: NO_ARTIFACTS}\n      Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: i}\n      Source: {Type: NO_SOURCE}\n`;
  assert.deepEqual(findingsOf(template('Resources:\n' + project('P1', 'same') + project('P2', 'same')), /^E3019$/), ['E3019@6', 'E3019@14']);
  assert.deepEqual(findingsOf(template('Resources:\n' + project('P1', 'one') + project('P2', 'two')), /^E3019$/), []);
  const exclusive = template(
    'Conditions:\n  East: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::If: [East, {BucketName: n}, {BucketName: m}]\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !If [East, m, !Ref AWS::NoValue]\n',
  );
  assert.deepEqual(findingsOf(exclusive, /^E3019$/), []);
});
