import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentValue, parseDocument } from '../../../runtime/common/yaml/document';

test('short tags are accepted and expand to their long form', () => {
  const parsed = parseDocument('t.yaml', [
    'A: !Ref Bucket',
    'B: !GetAtt Bucket.Arn',
    'C: !Sub "${AWS::Region}-x"',
    'D: !If [IsProd, 1, 2]',
    'E: !GetAZs',
    'F: !Join',
    '  - ","',
    '  - [a, b]',
  ].join('\n'));
  assert.deepEqual(parsed.syntaxErrors, []);
  assert.deepEqual(documentValue(parsed), {
    A: { Ref: 'Bucket' },
    B: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
    C: { 'Fn::Sub': '${AWS::Region}-x' },
    D: { 'Fn::If': ['IsProd', 1, 2] },
    E: { 'Fn::GetAZs': '' },
    F: { 'Fn::Join': [',', ['a', 'b']] },
  });
});

test('an unknown tag is a warning with its position', () => {
  const parsed = parseDocument('t.yaml', 'a: 1\nb: !Nope x\n');
  assert.equal(parsed.syntaxErrors.length, 1);
  assert.equal(parsed.syntaxErrors[0].severity, 'warning');
  assert.equal(parsed.syntaxErrors[0].range.start.line, 1);
});

test('YAML syntax errors are E0000 errors with a position and a one-line message', () => {
  const parsed = parseDocument('t.yaml', 'a: 1\nb: [1, 2\nc: 3\n');
  assert.ok(parsed.syntaxErrors.length >= 1);
  const [error] = parsed.syntaxErrors;
  assert.equal(error.code, 'E0000');
  assert.equal(error.severity, 'error');
  assert.ok(!error.message.includes('\n'));
});

test('duplicate keys are reported', () => {
  // Every occurrence is marked (as cfn-lint does), each naming the other lines.
  const parsed = parseDocument('t.yaml', 'a: 1\na: 2\n');
  assert.deepEqual(parsed.syntaxErrors.map((e) => e.range.start.line), [0, 1]);
  assert.match(parsed.syntaxErrors[1].message, /unique.*line 1/i);
});

test('JSON that yaml tolerates but JSON.parse refuses is an error at the right place', () => {
  const parsed = parseDocument('t.json', '{\n  "a": 1,\n}\n');
  assert.equal(parsed.format, 'json');
  assert.equal(parsed.syntaxErrors.length, 1);
  assert.equal(parsed.syntaxErrors[0].range.start.line, 2);
});

test('a broken document still yields what could be recovered', () => {
  const parsed = parseDocument('t.yaml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: [\n');
  assert.ok(parsed.syntaxErrors.length > 0);
  const value = documentValue(parsed) as { Resources: { Bucket: { Type: string } } };
  assert.equal(value.Resources.Bucket.Type, 'AWS::S3::Bucket');
});
