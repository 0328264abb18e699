import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const association = (id: string, subnet: string, extra = '') =>
  `  ${id}:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n${extra}    Properties:\n      RouteTableId: rtb-1\n      SubnetId: ${subnet}\n`;

test('E3022 follows both branches of Fn::If and GetAtt subnets', () => {
  const text = template(
    'Parameters:\n  S1: {Type: String}\n  S2: {Type: String}\nConditions:\n  C: !Equals [!Ref S1, x]\nResources:\n' +
      association('A', '!Ref S1') +
      association('B', '!If [C, !Ref S2, !Ref S1]') +
      association('D', '!GetAtt Custom.Subnet') +
      association('E', '!GetAtt Custom.Subnet') +
      '  Custom:\n    Type: Custom::Net\n    Properties: {ServiceToken: arn:aws:sns:us-east-1:123456789012:t}\n',
  );
  assert.deepEqual(findingsOf(text, /^E3022$/), ['E3022@12', 'E3022@17', 'E3022@22', 'E3022@27']);
});

test('E3022 accepts one association per subnet', () => {
  const text = template('Parameters:\n  S1: {Type: String}\n  S2: {Type: String}\nResources:\n' + association('A', '!Ref S1') + association('B', '!Ref S2'));
  assert.deepEqual(findingsOf(text, /^E3022$/), []);
});
