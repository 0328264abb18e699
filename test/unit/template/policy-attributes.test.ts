import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatepolicy.html
const group = (policy: string) =>
  template(
    `Parameters:\n  Size:\n    Type: Number\nConditions:\n  Big: !Equals [!Ref Size, 10]\nResources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "1"\n      MaxSize: "2"\n      AvailabilityZones: !GetAZs ""\n      LaunchTemplate:\n        LaunchTemplateId: lt-0123456789abcdef0\n        Version: "1"\n${policy}`,
  );

test('E3016: an Auto Scaling group UpdatePolicy with a misspelt key, a wrong type or an unknown process is reported', () => {
  assert.deepEqual(findingsOf(group('    UpdatePolicy:\n      AutoScalingRollingUpdat:\n        MaxBatchSize: 1\n'), /^E3016$/), ['E3016@18']);
  assert.deepEqual(findingsOf(group('    UpdatePolicy:\n      AutoScalingRollingUpdate:\n        MaxBatchSize: one\n'), /^E3016$/), ['E3016@19']);
  assert.deepEqual(findingsOf(group('    UpdatePolicy:\n      AutoScalingRollingUpdate:\n        SuspendProcesses:\n          - HealthCheck\n          - ReplaceUnhealty\n'), /^E3016$/), ['E3016@21']);
  assert.deepEqual(findingsOf(group('    UpdatePolicy:\n      UseOnlineResharding: true\n'), /^E3016$/), ['E3016@18']);
  // Each Fn::If branch is what would be deployed.
  assert.deepEqual(findingsOf(group('    UpdatePolicy:\n      AutoScalingReplacingUpdate:\n        WillReplace: !If [Big, true, maybe]\n'), /^E3016$/), ['E3016@19']);
});

test('E3016: documented policies, strings CloudFormation converts, intrinsic values and other resource types are not reported', () => {
  const valid = [
    '    UpdatePolicy:\n      AutoScalingRollingUpdate:\n        MaxBatchSize: "2"\n        MinInstancesInService: !Ref Size\n        PauseTime: PT5M\n        WaitOnResourceSignals: "true"\n        SuspendProcesses: [HealthCheck, ReplaceUnhealthy, AZRebalance]\n      AutoScalingScheduledAction:\n        IgnoreUnmodifiedGroupSizeProperties: true\n',
    '    UpdatePolicy:\n      AutoScalingReplacingUpdate:\n        WillReplace: !If [Big, true, false]\n',
    '    UpdatePolicy:\n      AutoScalingInstanceRefresh:\n        Strategy: Rolling\n',
    '    UpdatePolicy: !If [Big, {AutoScalingReplacingUpdate: {WillReplace: true}}, !Ref AWS::NoValue]\n',
    '    UpdatePolicy:\n      AutoScalingRollingUpdate:\n        MinInstancesInService: "{{resolve:ssm:/asg/min}}"\n',
  ];
  for (const policy of valid) assert.deepEqual(findingsOf(group(policy), /^E3016$/), [], policy);
  const domain = template('Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    UpdatePolicy:\n      EnableVersionUpgrade: true\n');
  assert.deepEqual(findingsOf(domain, /^E3016$/), []);
  const queue = template('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    UpdatePolicy:\n      Whatever: 1\n');
  assert.deepEqual(findingsOf(queue, /^E3016$/), []);
  const alias = (update: string) => template(`Resources:\n  A:\n    Type: AWS::Lambda::Alias\n    Properties:\n      FunctionName: f\n      FunctionVersion: "1"\n      Name: live\n    UpdatePolicy:\n      CodeDeployLambdaAliasUpdate:\n${update}`);
  assert.deepEqual(findingsOf(alias('        ApplicationName: app\n        DeploymentGroupName: group\n'), /^E3016$/), []);
  assert.deepEqual(findingsOf(alias('        ApplicationName: app\n        DeploymentGroup: group\n'), /^E3016$/), ['E3016@12']);
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-creationpolicy.html
test('E3055: a CreationPolicy key the resource type does not take, or a wrong type, is reported', () => {
  assert.deepEqual(findingsOf(group('    CreationPolicy:\n      ResourceSignal:\n        Count: many\n'), /^E3055$/), ['E3055@19']);
  assert.deepEqual(findingsOf(group('    CreationPolicy:\n      StartFleet:\n        Type: true\n'), /^E3055$/), ['E3055@18']);
  const wait = template('Resources:\n  W:\n    Type: AWS::CloudFormation::WaitCondition\n    CreationPolicy:\n      ResourceSignal:\n        Timeout: PT15M\n        Cout: 1\n');
  assert.deepEqual(findingsOf(wait, /^E3055$/), ['E3055@8']);
});

test('E3055: documented creation policies and types not checked here are not reported', () => {
  assert.deepEqual(findingsOf(group('    CreationPolicy:\n      AutoScalingCreationPolicy:\n        MinSuccessfulInstancesPercent: 50\n      ResourceSignal:\n        Count: !Ref Size\n        Timeout: PT15M\n'), /^E3055$/), []);
  const instance = template('Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n    CreationPolicy:\n      ResourceSignal:\n        Count: "1"\n        Timeout: PT10M\n');
  assert.deepEqual(findingsOf(instance, /^E3055$/), []);
  const fleet = template('Resources:\n  F:\n    Type: AWS::AppStream::Fleet\n    CreationPolicy:\n      StartFleet:\n        Type: true\n');
  assert.deepEqual(findingsOf(fleet, /^E3055$/), []);
});
