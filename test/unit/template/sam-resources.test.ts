import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

function e0001(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.code === 'E0001')
    .map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

const sam = (body: string) => `Transform: AWS::Serverless-2016-10-31\n${body}`;

test('E0001: a Zip function needs Runtime and Handler, from itself or Globals', () => {
  const fn = (properties: string) => sam(`Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n${properties}`);
  const found = e0001(fn('      CodeUri: s3://b/f.zip\n      Handler: index.handler\n'));
  assert.equal(found.length, 1);
  assert.match(found[0], /^5: F is a Zip function .* needs Runtime$/);
  assert.deepEqual(e0001(`Globals:\n  Function:\n    Runtime: python3.12\n${fn('      CodeUri: s3://b/f.zip\n      Handler: index.handler\n')}`), []);
  assert.deepEqual(e0001(fn('      PackageType: Image\n      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/r:latest\n')), []);
  assert.equal(e0001(fn('      PackageType: Zip\n      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/r:latest\n')).length, 1);
});

test('E0001: required properties of SAM resources and of event sources', () => {
  assert.match(e0001(sam('Resources:\n  A:\n    Type: AWS::Serverless::Api\n')).join(), /^3: AWS::Serverless::Api A needs StageName/);
  assert.deepEqual(e0001(sam('Globals:\n  Api:\n    StageName: prod\nResources:\n  A:\n    Type: AWS::Serverless::Api\n')), []);
  assert.match(e0001(sam('Resources:\n  A:\n    Type: AWS::Serverless::Application\n    Properties: {}\n')).join(), /^5: .*needs Location/);
  const timer = sam('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: i.h\n      CodeUri: s3://b/k\n      Events:\n        T:\n          Type: Schedule\n          Properties: {Input: x}\n');
  assert.match(e0001(timer).join(), /^12: the Schedule event T of F needs Schedule$/);
});

test('E0001: AutoPublishAlias is a string or a Ref to a parameter; IgnoreGlobals names properties', () => {
  const fn = (extra: string) =>
    sam(`Parameters:\n  Stage: {Type: String}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n${extra}    Properties:\n      Runtime: python3.12\n      Handler: i.h\n      CodeUri: s3://b/k\n`);
  assert.deepEqual(e0001(fn('').replace('CodeUri: s3://b/k\n', 'CodeUri: s3://b/k\n      AutoPublishAlias: !Ref Stage\n')), []);
  assert.deepEqual(e0001(fn('').replace('CodeUri: s3://b/k\n', 'CodeUri: s3://b/k\n      AutoPublishAlias: live\n')), []);
  assert.match(e0001(fn('').replace('CodeUri: s3://b/k\n', 'CodeUri: s3://b/k\n      AutoPublishAlias: !GetAtt F.Arn\n')).join(), /^11: AutoPublishAlias must be a string or a Ref to a template parameter$/);
  assert.match(e0001(fn('    IgnoreGlobals: [Timeot]\n')).join(), /^7: IgnoreGlobals lists "Timeot".*did you mean Timeout\?$/);
  assert.deepEqual(e0001(fn('    IgnoreGlobals: "*"\n')), []);
});

test('E0001: nothing is checked without the SAM transform', () => {
  assert.deepEqual(e0001('Resources:\n  A:\n    Type: AWS::Serverless::Api\n'), []);
});

test('E0001: properties chosen by Fn::If are not read as missing', () => {
  const text = sam('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties: !If [C, {StageName: a}, {StageName: b}]\n');
  assert.deepEqual(e0001(text), []);
});
