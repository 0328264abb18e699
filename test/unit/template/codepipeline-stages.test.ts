import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const action = (name: string, category: string, provider: string) =>
  `            - Name: ${name}\n              ActionTypeId: {Category: ${category}, Owner: AWS, Provider: ${provider}, Version: "1"}\n`;
const pipeline = (first: string, second: string) =>
  template(
    `Resources:\n  P:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/p\n      ArtifactStore: {Type: S3, Location: b}\n      Stages:\n        - Name: One\n          Actions:\n${first}        - Name: Two\n          Actions:\n${second}`,
  );

test('E3700: Source actions only, and only, in the first stage', () => {
  assert.deepEqual(findingsOf(pipeline(action('S', 'Source', 'S3'), action('B', 'Build', 'CodeBuild')), /^E3700$/), []);
  assert.deepEqual(findingsOf(pipeline(action('S', 'Source', 'S3'), action('S2', 'Source', 'S3')), /^E3700$/), ['E3700@16']);
  assert.deepEqual(findingsOf(pipeline(action('B', 'Build', 'CodeBuild'), action('D', 'Deploy', 'S3')), /^E3700$/), ['E3700@12']);
});
