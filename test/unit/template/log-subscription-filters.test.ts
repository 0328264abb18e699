import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const filter = (id: string, group: string, extra = '') =>
  `  ${id}:\n    Type: AWS::Logs::SubscriptionFilter\n${extra}    Properties:\n      LogGroupName: ${group}\n      FilterPattern: ""\n      DestinationArn: arn:aws:lambda:us-east-1:123456789012:function:f\n`;

test('E2529: a third subscription filter on one log group, from resources or SAM events', () => {
  const text = template(
    'Transform: AWS::Serverless-2016-10-31\nResources:\n  G:\n    Type: AWS::Logs::LogGroup\n' +
      filter('F1', '!Ref G') +
      filter('F2', '!Ref G') +
      '  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.13\n      CodeUri: src/\n      Events:\n        Logs:\n          Type: CloudWatchLogs\n          Properties: {LogGroupName: !Ref G, FilterPattern: ""}\n',
  );
  assert.deepEqual(findingsOf(text, /^E2529$/), ['E2529@25']);
});

test('E2529 allows two filters per log group and ignores conditional ones', () => {
  const text = template(
    'Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n' + filter('F1', 'group') + filter('F2', 'group') + filter('F3', 'group', '    Condition: C\n') + filter('F4', 'other'),
  );
  assert.deepEqual(findingsOf(text, /^E2529$/), []);
});
