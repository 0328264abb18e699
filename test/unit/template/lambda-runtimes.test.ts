import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

test('E2533 on a SAM function is reported at its logical id, including a runtime from Globals', () => {
  const text = template(
    [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Runtime: python2.7',
      'Resources:',
      '  Inherits:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Handler: a.b, CodeUri: src/}',
      '  Own:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: a.b',
      '      CodeUri: src/',
      '      Runtime: python3.6',
      '  Current:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Handler: a.b, CodeUri: src/, Runtime: python3.13}',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E2533$/), ['E2533@7', 'E2533@10']);
});

test('E2533 on a Lambda function is reported at the Runtime value', () => {
  const text = template('Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      Runtime: python3.6\n');
  assert.deepEqual(findingsOf(text, /^E2533$/), ['E2533@8']);
});
