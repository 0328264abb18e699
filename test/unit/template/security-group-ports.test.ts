import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

test('E3687 is reported at the rule that lacks ports: a list item, or a rule resource\'s Properties', () => {
  const text = template(
    [
      'Resources:',
      '  G:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: g',
      '      SecurityGroupIngress:',
      '        - CidrIp: 10.0.0.0/8',
      '          IpProtocol: 1',
      '        - CidrIp: 10.0.0.0/8',
      '          IpProtocol: "-1"',
      '  I:',
      '    Type: AWS::EC2::SecurityGroupIngress',
      '    Properties:',
      '      GroupId: sg-12345678',
      '      CidrIp: 10.0.0.0/8',
      '      IpProtocol: tcp',
      '      FromPort: 80',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E3687$/), ['E3687@8', 'E3687@14']);
});

test('E3687 accepts rules with both ports', () => {
  const text = template('Resources:\n  I:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties: {GroupId: sg-12345678, CidrIp: 10.0.0.0/8, IpProtocol: udp, FromPort: 53, ToPort: 53}\n');
  assert.deepEqual(findingsOf(text, /^E3687$/), []);
});
