import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const resource = (type: string, properties: string) => template(`Resources:\n  R:\n    Type: ${type}\n    Properties:\n${properties}`);

test('E3673: an instance needs ImageId unless a launch template supplies it', () => {
  assert.deepEqual(findingsOf(resource('AWS::EC2::Instance', '      InstanceType: t3.micro\n'), /^E3673$/), ['E3673@5']);
  assert.deepEqual(findingsOf(resource('AWS::EC2::Instance', '      LaunchTemplate: {LaunchTemplateId: lt-1, Version: "1"}\n'), /^E3673$/), []);
});

test('E3678: inline Lambda code needs a Runtime', () => {
  const fn = (runtime: string) => resource('AWS::Lambda::Function', `      Role: arn:aws:iam::123456789012:role/r\n      Handler: index.handler\n      Code: {ZipFile: x}\n${runtime}`);
  assert.deepEqual(findingsOf(fn(''), /^E3678$/), ['E3678@5']);
  assert.deepEqual(findingsOf(fn('      Runtime: python3.13\n'), /^E3678$/), []);
});

test('E3048: a Fargate task definition needs Cpu, Memory and NetworkMode', () => {
  const task = (extra: string) => resource('AWS::ECS::TaskDefinition', `      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions: [{Name: a, Image: i}]\n${extra}`);
  assert.deepEqual(findingsOf(task('      Cpu: "256"\n'), /^E3048$/), ['E3048@5']);
  assert.deepEqual(findingsOf(task('      Cpu: "256"\n      Memory: "512"\n      NetworkMode: awsvpc\n'), /^E3048$/), []);
});
