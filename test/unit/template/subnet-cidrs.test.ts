import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const subnet = (id: string, vpc: string, cidr: string, extra = '') => `  ${id}:\n    Type: AWS::EC2::Subnet\n${extra}    Properties:\n      VpcId: ${vpc}\n      CidrBlock: ${cidr}\n`;

test('E3060: overlapping CIDR blocks of subnets in one VPC, at the later block', () => {
  const text = template(
    'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n' +
      subnet('A', '!Ref V', '10.0.0.0/24') +
      subnet('B', '!Ref V', '10.0.0.128/25') +
      subnet('C', '!Ref V', '10.0.1.0/24') +
      subnet('D', 'vpc-12345678', '10.0.0.0/24'),
  );
  assert.deepEqual(findingsOf(text, /^E3060$/), ['E3060@15']);
});

test('E3060 leaves subnets under different conditions alone', () => {
  const text = template(
    'Conditions:\n  X: !Equals [!Ref AWS::Region, us-east-1]\n  Y: !Equals [!Ref AWS::Region, us-west-2]\nResources:\n' +
      subnet('A', 'vpc-12345678', '10.0.0.0/24', '    Condition: X\n') +
      subnet('B', 'vpc-12345678', '10.0.0.0/24', '    Condition: Y\n'),
  );
  assert.deepEqual(findingsOf(text, /^E3060$/), []);
});
