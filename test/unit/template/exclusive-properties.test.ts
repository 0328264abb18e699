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

const route = (targets: string) =>
  template(`Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  R:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: rtb-12345678\n      DestinationCidrBlock: 0.0.0.0/0\n${targets}`);

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-route.html
test('E3014: a route takes exactly one target', () => {
  assert.deepEqual(findingsOf(route('      GatewayId: igw-12345678\n      NatGatewayId: nat-12345678\n'), /^E3014$/), ['E3014@10', 'E3014@11']);
  assert.deepEqual(findingsOf(route(''), /^E3014$/), ['E3014@7']);
  assert.deepEqual(findingsOf(route('      NatGatewayId: nat-12345678\n'), /^E3014$/), []);
  // Opposite branches of one condition are never deployed together.
  assert.deepEqual(findingsOf(route('      GatewayId: !If [C, igw-12345678, !Ref AWS::NoValue]\n      NatGatewayId: !If [C, !Ref AWS::NoValue, nat-12345678]\n'), /^E3014$/), []);
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-autoscalinggroup-launchtemplatespecification.html
test('E3014: an Auto Scaling group launch template is named by its id or its name, not both', () => {
  const group = (spec: string) => template(`Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "1"\n      MaxSize: "1"\n      AvailabilityZones: !GetAZs ""\n      LaunchTemplate:\n        Version: "1"\n${spec}`);
  assert.deepEqual(findingsOf(group('        LaunchTemplateId: lt-0123456789abcdef0\n        LaunchTemplateName: web\n'), /^E3014$/), ['E3014@11', 'E3014@12']);
  assert.deepEqual(findingsOf(group('        LaunchTemplateName: web\n'), /^E3014$/), []);
});

test('E3020: subnets and subnet mappings of a load balancer, and an instance network interface with SubnetId, exclude each other', () => {
  const balancer = (props: string) => template(`Resources:\n  L:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n${props}`);
  assert.deepEqual(findingsOf(balancer('      Subnets: [subnet-1, subnet-2]\n      SubnetMappings:\n        - SubnetId: subnet-1\n'), /^E3020$/), ['E3020@6', 'E3020@7']);
  assert.deepEqual(findingsOf(balancer('      Subnets: [subnet-1, subnet-2]\n'), /^E3020$/), []);
  assert.deepEqual(findingsOf(balancer('      Type: network\n'), /^E3020$/), []);
  const instance = (props: string) => template(`Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n${props}`);
  assert.deepEqual(findingsOf(instance('      SubnetId: subnet-1\n      NetworkInterfaces:\n        - DeviceIndex: "0"\n          SubnetId: subnet-1\n'), /^E3020$/), ['E3020@7', 'E3020@8']);
  assert.deepEqual(findingsOf(instance('      NetworkInterfaces:\n        - DeviceIndex: "0"\n          SubnetId: subnet-1\n          GroupSet: [sg-1]\n'), /^E3020$/), []);
  assert.deepEqual(findingsOf(instance('      SubnetId: subnet-1\n      SecurityGroupIds: [sg-1]\n'), /^E3020$/), []);
});
