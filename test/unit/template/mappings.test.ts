import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

function e7001(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.code === 'E7001')
    .map((d) => `E7001@${d.range.start.line + 1}`);
}

test('E7001: mappings included with AWS::Include (Fn::Transform) are not held to the mapping shape', () => {
  assert.deepEqual(e7001('Mappings:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters: {Location: s3://b/m.yaml}\nResources: {}\n'), []);
  assert.deepEqual(e7001('Mappings:\n  Bad-Name:\n    a: {b: c}\nResources: {}\n'), ['E7001@2']);
});
