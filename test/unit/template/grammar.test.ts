import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const grammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/cloudformation-yaml.tmLanguage.json'), 'utf8'));

/** The grammar's rule matches in a line (JavaScript regexes accept the same syntax as Oniguruma here). */
function matches(rule: string, line: string): string[] {
  return [...line.matchAll(new RegExp(grammar.repository[rule].match, 'g'))].map((m) => m[0]);
}

test('short tags are highlighted as intrinsic functions, not inside words', () => {
  assert.deepEqual(matches('short-tag', 'Value: !Ref Bucket'), ['!Ref']);
  assert.deepEqual(matches('short-tag', '  - !GetAtt A.Arn'), ['!GetAtt']);
  assert.deepEqual(matches('short-tag', 'Cond: !And [!Condition A, !Not [!Equals [a, b]]]'), ['!And', '!Condition', '!Not', '!Equals']);
  assert.deepEqual(matches('short-tag', 'email: me!Refx'), []);
});

test('${} substitutions and ${!Literal} escapes are told apart', () => {
  const line = 'x: !Sub "${AWS::Region}-${Bucket.Arn}-${!Literal}"';
  assert.deepEqual(matches('substitution', line), ['${AWS::Region}', '${Bucket.Arn}']);
  assert.deepEqual(matches('substitution-escape', line), ['${!Literal}']);
});

test('long-form function keys in YAML and JSON', () => {
  assert.deepEqual(matches('long-form', '"Fn::Sub": "${X}"'), ['Fn::Sub']);
  assert.deepEqual(matches('long-form', '  Ref: X'), ['Ref']);
  assert.deepEqual(matches('long-form', '  Reference: X'), []);
});

test('the grammar is contributed as an injection into YAML and JSON', () => {
  const contributes = JSON.parse(fs.readFileSync(path.join(root, 'contributes/templates.json'), 'utf8'));
  const entry = contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
  assert.deepEqual(entry.injectTo, ['source.yaml', 'source.json']);
  assert.ok(fs.existsSync(path.join(root, entry.path)));
});
