import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const project = (serviceRole: string, path: string) =>
  template(
    [
      'Resources:',
      '  P:',
      '    Type: AWS::CodeBuild::Project',
      '    Properties:',
      `      ServiceRole: ${serviceRole}`,
      '      Artifacts: {Type: NO_ARTIFACTS}',
      '      Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: i}',
      '      Source: {Type: NO_SOURCE}',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      Path: ${path}`,
      '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: codebuild.amazonaws.com}, Action: "sts:AssumeRole"}]}',
    ].join('\n'),
  );

test('E3050: Ref to a role with a non-root Path where the ARN is built from the name', () => {
  assert.deepEqual(findingsOf(project('!Ref R', '/build/'), /^E3050$/), ['E3050@6']);
  assert.deepEqual(findingsOf(project('!Ref R', '/'), /^E3050$/), []);
  assert.deepEqual(findingsOf(project('!GetAtt R.Arn', '/build/'), /^E3050$/), []);
});
