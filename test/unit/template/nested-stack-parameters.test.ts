import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

test('E3043 checks each Fn::If branch of a nested stack\'s Parameters', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-nested-'));
  try {
    fs.writeFileSync(path.join(dir, 'nested.yaml'), 'Parameters:\n  One: {Type: String}\n  Two: {Type: String}\nResources: {}\n');
    const text = [
      'Conditions:',
      '  C: !Equals [!Ref AWS::Region, us-east-1]',
      'Resources:',
      '  S:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: ./nested.yaml',
      '      Parameters:',
      '        Fn::If:',
      '          - C',
      '          - {One: a, Two: b}',
      '          - {One: a, Three: c}',
    ].join('\n');
    const file = path.join(dir, 'parent.yaml');
    const found = validateText(file, text, 'template')
      .diagnostics.filter((d) => d.code === 'E3043')
      .map((d) => `${d.range.start.line + 1}: ${d.message}`);
    assert.deepEqual(found, ['8: S does not pass Two under some conditions, which ./nested.yaml requires (no Default)', '12: ./nested.yaml has no parameter "Three"']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
