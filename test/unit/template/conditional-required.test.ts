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

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-listener.html#cfn-elasticloadbalancingv2-listener-certificates
test('E3676: an HTTPS or TLS listener needs Certificates; HTTP, a protocol not written out and one with a certificate do not', () => {
  const listener = (extra: string) => resource('AWS::ElasticLoadBalancingV2::Listener', `      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1\n      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "200"}}]\n${extra}`);
  assert.deepEqual(findingsOf(listener('      Protocol: HTTPS\n      Port: 443\n'), /^E3676$/), ['E3676@5']);
  assert.deepEqual(findingsOf(listener('      Protocol: TLS\n      Port: 443\n'), /^E3676$/), ['E3676@5']);
  assert.deepEqual(findingsOf(listener('      Protocol: HTTPS\n      Port: 443\n      Certificates: [{CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/1}]\n'), /^E3676$/), []);
  assert.deepEqual(findingsOf(listener('      Protocol: HTTP\n      Port: 80\n'), /^E3676$/), []);
  assert.deepEqual(findingsOf(listener('      Protocol: !Ref AWS::NoValue\n'), /^E3676$/), []);
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html#cfn-apigateway-restapi-name
test('E3660: a REST API without an OpenAPI body needs a Name', () => {
  assert.deepEqual(findingsOf(resource('AWS::ApiGateway::RestApi', '      Description: api\n'), /^E3660$/), ['E3660@5']);
  assert.deepEqual(findingsOf(resource('AWS::ApiGateway::RestApi', '      Name: api\n'), /^E3660$/), []);
  assert.deepEqual(findingsOf(resource('AWS::ApiGateway::RestApi', '      BodyS3Location: {Bucket: b, Key: api.yaml}\n'), /^E3660$/), []);
  assert.deepEqual(findingsOf(resource('AWS::ApiGateway::RestApi', '      Body: {openapi: 3.0.1, info: {title: api}}\n'), /^E3660$/), []);
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html#cfn-dynamodb-table-provisionedthroughput
test('E3639: a table with the PROVISIONED billing mode needs ProvisionedThroughput', () => {
  const table = (extra: string) => resource('AWS::DynamoDB::Table', `      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n${extra}`);
  assert.deepEqual(findingsOf(table('      BillingMode: PROVISIONED\n'), /^E3639$/), ['E3639@5']);
  assert.deepEqual(findingsOf(table('      BillingMode: PROVISIONED\n      ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}\n'), /^E3639$/), []);
  assert.deepEqual(findingsOf(table('      BillingMode: PAY_PER_REQUEST\n'), /^E3639$/), []);
});
