import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

/** Errors as code@line (1-based). */
function errors(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

const withOutput = (value: string) => `Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\nOutputs:\n  O:\n    Value: ${value}\n`;

test('E6101: an output Value that is a list attribute, or an attribute that does not exist', () => {
  assert.deepEqual(errors(withOutput('!GetAtt V.CidrBlockAssociations')), ['E6101@7']);
  assert.deepEqual(errors(withOutput('!GetAtt V.Nope')), ['E6101@7']);
});

test('E6101: string attributes and joined lists are fine; a bad attribute elsewhere stays E1010', () => {
  assert.deepEqual(errors(withOutput('!GetAtt V.CidrBlock')), []);
  assert.deepEqual(errors(withOutput('!Join [",", !GetAtt V.CidrBlockAssociations]')), []);
  const inResource = 'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !GetAtt V.Nope}\n';
  assert.deepEqual(errors(inResource), ['E1010@7']);
});
