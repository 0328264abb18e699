import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const table = (definitions: string[], indexKey = 'Artist') =>
  template(
    [
      'Resources:',
      '  T:',
      '    Type: AWS::DynamoDB::Table',
      '    Properties:',
      '      BillingMode: PAY_PER_REQUEST',
      '      AttributeDefinitions:',
      ...definitions.map((name) => `        - {AttributeName: ${name}, AttributeType: S}`),
      '      KeySchema:',
      '        - {AttributeName: Album, KeyType: HASH}',
      '      GlobalSecondaryIndexes:',
      '        - IndexName: ByArtist',
      `          KeySchema: [{AttributeName: ${indexKey}, KeyType: HASH}]`,
      '          Projection: {ProjectionType: ALL}',
      '',
    ].join('\n'),
  );

test('E3039: AttributeDefinitions must match the key schemas of the table and its indexes', () => {
  assert.deepEqual(findingsOf(table(['Album', 'Artist']), /^E3039$/), []);
  assert.deepEqual(findingsOf(table(['Album']), /^E3039$/), ['E3039@5']);
  assert.deepEqual(findingsOf(table(['Album', 'Artist', 'Sales']), /^E3039$/), ['E3039@5']);
});

test('E3039 is silent when a key schema is computed', () => {
  assert.deepEqual(findingsOf(table(['Album'], '!Ref AWS::StackName'), /^E3039$/), []);
});
