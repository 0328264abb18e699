import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

/** Findings as code@line (1-based), errors only. */
function errors(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

test('a section written as a list is reported at its key, by the template rule and the section rule', () => {
  const text = 'AWSTemplateFormatVersion: "2010-09-09"\nConditions:\n  - IsProd: !Equals [a, b]\nResources: {}\n';
  assert.deepEqual(errors(text), ['E1001@2', 'E8001@2']);
});

test('E1005: a Transform map needs Name and takes only Name and Parameters', () => {
  assert.deepEqual(errors('Transform:\n  key: X\nResources: {}\n'), ['E1005@1', 'E1005@2']);
  assert.deepEqual(errors('Transform:\n  - Name: AWS::Include\n    Parameters: {Location: s3://b/k}\n  - Nam: X\nResources: {}\n'), ['E1005@4', 'E1005@4']);
  assert.deepEqual(errors('Transform:\n  Name: AWS::Include\n  Parameters: {Location: s3://b/k}\nResources: {}\n'), []);
});

test('a condition named Condition, or a section given by Fn::Transform, is not mistaken for a non-map section', () => {
  assert.deepEqual(errors('Conditions:\n  Condition: !Equals [a, b]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: Condition\n'), []);
  assert.deepEqual(errors('Mappings:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters: {Location: s3://b/m.yaml}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n'), []);
});
