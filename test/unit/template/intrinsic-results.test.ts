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

const group = (ingress: string) =>
  ['Mappings:', '  Rules:', '    Web: {Port: "443"}', 'Resources:', '  G:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: g', '      SecurityGroupIngress:', ingress].join('\n');

test('E1011/E1022: a function that gives a string where a structure is expected', () => {
  assert.deepEqual(errors(group('        - !FindInMap [Rules, Web, Port]')), ['E1011@10']);
  assert.deepEqual(errors(group('        - !Join ["", [a, b]]')), ['E1022@10']);
});

test('structures, and functions that can give them, are accepted', () => {
  assert.deepEqual(errors(group('        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}')), []);
  assert.deepEqual(errors(group('        - !If [C, {IpProtocol: "-1", CidrIp: 10.0.0.0/8}, !Ref AWS::NoValue]').replace('Resources:', 'Conditions:\n  C: !Equals [a, b]\nResources:')), []);
});
