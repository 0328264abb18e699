import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

test('E3014 looks through Fn::If branches in lists, and ignores properties set to AWS::NoValue', () => {
  const text = template(
    [
      'Conditions:',
      '  C: !Equals [!Ref AWS::Region, us-east-1]',
      'Resources:',
      '  I:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      ImageId: ami-12345678',
      '      BlockDeviceMappings:',
      '        - !If',
      '          - C',
      '          - DeviceName: /dev/sdb',
      '            VirtualName: ephemeral0',
      '            Ebs: {VolumeSize: 10}',
      '          - !Ref AWS::NoValue',
      '  G:',
      '    Type: AWS::EC2::SecurityGroupIngress',
      '    Properties:',
      '      GroupId: sg-12345678',
      '      IpProtocol: "-1"',
      '      SourceSecurityGroupId: sg-12345678',
      '      CidrIp: !Ref AWS::NoValue',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E3014$/), ['E3014@13', 'E3014@14']);
});

test('E3014 reports an object that has none of a required set where it starts', () => {
  const alarm = (metric: string) =>
    template(`Resources:\n  A:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      EvaluationPeriods: 1\n      ComparisonOperator: GreaterThanThreshold\n      Threshold: 1\n${metric}`);
  assert.deepEqual(findingsOf(alarm(''), /^E3014$/), ['E3014@5']);
  assert.deepEqual(findingsOf(alarm('      MetricName: Errors\n      Namespace: AWS/Lambda\n      Statistic: Sum\n      Period: 60\n'), /^E3014$/), []);
});

test('E3017: an IAM policy attaches to at least one of Groups, Roles, Users, in each Fn::If branch', () => {
  const text = template(
    [
      'Conditions:',
      '  C: !Equals [!Ref AWS::Region, us-east-1]',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      Fn::If:',
      '        - C',
      '        - PolicyName: p',
      '          PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}',
      '        - PolicyName: p',
      '          PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}',
      '          Users: [u]',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E3017$/), ['E3017@10']);
});
