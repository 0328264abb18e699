import { test } from 'node:test';
import * as assert from 'node:assert/strict';
// The Slipway::Local::* schemas come with their providers, which plugins.ts registers.
import '../../../runtime/plugins';
import { validateText } from '../../../runtime/validate';

function findings(body: string): string[] {
  return validateText('t.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${body}`, 'template').diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`);
}

test('Slipway::Local::* properties are checked from the schema their provider declares', () => {
  assert.deepEqual(findings('  Notes:\n    Type: Slipway::Local::File\n    Properties:\n      Path: notes.txt\n      Content: hello\n      Mode: "0644"\n'), []);
  const unknown = findings('  Notes:\n    Type: Slipway::Local::File\n    Properties:\n      Path: notes.txt\n      Contents: hello\n');
  assert.equal(unknown.length, 1);
  assert.match(unknown[0], /^E3002@7: .*Contents/);
  const missing = findings('  Run:\n    Type: Slipway::Local::Command\n    Properties:\n      Update: make\n');
  assert.equal(missing.length, 1);
  assert.match(missing[0], /^E3003@.*Create/);
  const wrongType = findings('  Run:\n    Type: Slipway::Local::Command\n    Properties:\n      Create: make\n      Environment: [A, B]\n');
  assert.equal(wrongType.length, 1);
  assert.match(wrongType[0], /^E3012@7/);
});

test('Fn::GetAtt on a local type knows its attributes', () => {
  const text = '  Dir:\n    Type: Slipway::Local::Directory\n    Properties:\n      Path: out\nOutputs:\n  Where:\n    Value: !GetAtt Dir.Path\n  Bad:\n    Value: !GetAtt Dir.Arn\n';
  const result = findings(text);
  assert.equal(result.length, 1, result.join('\n'));
  assert.match(result[0], /^E6101@11: Slipway::Local::Directory has no attribute "Arn"/);
});
