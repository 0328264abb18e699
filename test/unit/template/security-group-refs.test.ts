import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

function e1041(text: string): string[] {
  return validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.code === 'E1041')
    .map((d) => `E1041@${d.range.start.line + 1}`);
}

const template = (groupProperties: string, source: string) =>
  [
    'Resources:',
    '  Group:',
    '    Type: AWS::EC2::SecurityGroup',
    `    Properties: {GroupDescription: g${groupProperties}}`,
    '  Rule:',
    '    Type: AWS::EC2::SecurityGroupIngress',
    '    Properties:',
    '      GroupId: sg-12345678',
    '      IpProtocol: "-1"',
    `      SourceSecurityGroupId: ${source}`,
  ].join('\n');

test('E1041: Ref to a security group without VpcId gives its name where a group id is needed', () => {
  assert.deepEqual(e1041(template('', '!Ref Group')), ['E1041@10']);
  assert.deepEqual(e1041(template('', '!If [C, !Ref Group, sg-12345678]').replace('Resources:', 'Conditions:\n  C: !Equals [a, b]\nResources:')), ['E1041@12']);
});

test('E1041: a group with VpcId, or GetAtt GroupId, gives the id', () => {
  assert.deepEqual(e1041(template(', VpcId: vpc-12345678', '!Ref Group')), []);
  assert.deepEqual(e1041(template('', '!GetAtt Group.GroupId')), []);
});
