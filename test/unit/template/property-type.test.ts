import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const fn = (environment: string, metadata = '') =>
  template(
    `${metadata}Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {ZipFile: x}\n      Role: arn:aws:iam::123456789012:role/r\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Environment:\n        Variables:\n${environment}`,
  );

test('E3012: a list where a map goes is reported at its key, or at the Fn::If branch that holds it', () => {
  assert.deepEqual(findingsOf(fn('          - Key: A\n            Value: B\n'), /^E3012$/), ['E3012@13']);
  assert.deepEqual(findingsOf(fn('          Fn::If:\n            - C\n            - - Key: A\n                Value: B\n            - !Ref AWS::NoValue\n'), /^E3012$/), ['E3012@16']);
  assert.deepEqual(findingsOf(fn('          A: B\n'), /^E3012$/), []);
});

test('E3012: a property once typed Json still takes an object, never a list', () => {
  const pool = (tags: string) => template(`Resources:\n  P:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolTags:\n${tags}`);
  assert.deepEqual(findingsOf(pool('        - Key: K\n          Value: V\n'), /^E3012$/), ['E3012@6']);
  assert.deepEqual(findingsOf(pool('        K: V\n'), /^E3012$/), []);
});

test('E3012 strict (cfn-lint configure_rules) rejects numbers written as strings', () => {
  const table = (metadata: string) =>
    template(
      `${metadata}Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      AttributeDefinitions: [{AttributeName: Id, AttributeType: S}]\n      KeySchema: [{AttributeName: Id, KeyType: HASH}]\n      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: "5"\n`,
    );
  assert.deepEqual(findingsOf(table(''), /^E3012$/), []);
  const strict = 'Metadata:\n  cfn-lint:\n    config:\n      configure_rules:\n        E3012:\n          strict: True\n';
  assert.deepEqual(findingsOf(table(strict), /^E3012$/), ['E3012@16']);
});
