import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const resources = (body: string) => template(`Parameters:\n  Fifo:\n    Type: String\nConditions:\n  C: !Equals [!Ref Fifo, "true"]\nResources:\n${body}`);
const queue = (name: string, fifo?: string) => `  ${name}:\n    Type: AWS::SQS::Queue\n${fifo === undefined ? '' : `    Properties:\n      FifoQueue: ${fifo}\n`}`;
const withDeadLetter = (fifo: string | undefined, target: string) =>
  `  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n${fifo === undefined ? '' : `      FifoQueue: ${fifo}\n`}      RedrivePolicy:\n        deadLetterTargetArn: ${target}\n        maxReceiveCount: 5\n`;

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
test('E3502: a FIFO queue with a standard dead-letter queue, or the reverse, is reported', () => {
  assert.deepEqual(findingsOf(resources(queue('D') + withDeadLetter('true', '!GetAtt D.Arn')), /^E3502$/), ['E3502@15']);
  assert.deepEqual(findingsOf(resources(queue('D', 'true') + withDeadLetter(undefined, '!GetAtt D.Arn')), /^E3502$/), ['E3502@16']);
});

test('E3502: queues of one kind, kinds not known as written and dead-letter queues outside the template are not reported', () => {
  assert.deepEqual(findingsOf(resources(queue('D', 'true') + withDeadLetter('true', '!GetAtt D.Arn')), /^E3502$/), []);
  assert.deepEqual(findingsOf(resources(queue('D') + withDeadLetter('false', '!GetAtt D.Arn')), /^E3502$/), []);
  assert.deepEqual(findingsOf(resources(queue('D', '!If [C, true, false]') + withDeadLetter('true', '!GetAtt D.Arn')), /^E3502$/), []);
  assert.deepEqual(findingsOf(resources(queue('D', '!Ref Fifo') + withDeadLetter(undefined, '!GetAtt D.Arn')), /^E3502$/), []);
  assert.deepEqual(findingsOf(resources(withDeadLetter('true', 'arn:aws:sqs:us-east-1:123456789012:dlq')), /^E3502$/), []);
});

// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
test('E3705: an event source mapping reads at most 10 messages a batch from a FIFO queue', () => {
  const mapping = (queueFifo: string | undefined, batch: string) =>
    resources(queue('Q', queueFifo) + `  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: f\n      EventSourceArn: !GetAtt Q.Arn\n      BatchSize: ${batch}\n`);
  assert.deepEqual(findingsOf(mapping('true', '100'), /^E3705$/), ['E3705@17']);
  assert.deepEqual(findingsOf(mapping('true', '10'), /^E3705$/), []);
  assert.deepEqual(findingsOf(mapping(undefined, '100'), /^E3705$/), []);
  assert.deepEqual(findingsOf(mapping('true', '!Ref Fifo'), /^E3705$/), []);
});

const api = (name: string) => `  ${name}:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: ${name}\n`;

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html
test('E3698: a stage whose deployment is of another REST API is reported; the same API or one not known is not', () => {
  const stage = (deploymentApi: string, stageApi: string) =>
    resources(api('A') + api('B') + `  D:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      RestApiId: ${deploymentApi}\n  S:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      DeploymentId: !Ref D\n      RestApiId: ${stageApi}\n`);
  assert.deepEqual(findingsOf(stage('!Ref A', '!Ref B'), /^E3698$/), ['E3698@24']);
  assert.deepEqual(findingsOf(stage('!Ref A', '!Ref A'), /^E3698$/), []);
  assert.deepEqual(findingsOf(stage('!ImportValue api', '!Ref B'), /^E3698$/), []);
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html
test('E3708: a method AuthorizationType that does not fit its authorizer Type is reported', () => {
  const method = (authorization: string, authorizerType: string) =>
    resources(
      api('A') +
        `  Z:\n    Type: AWS::ApiGateway::Authorizer\n    Properties:\n      RestApiId: !Ref A\n      Name: z\n      Type: ${authorizerType}\n  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: !Ref A\n      ResourceId: !GetAtt A.RootResourceId\n      HttpMethod: GET\n      AuthorizationType: ${authorization}\n      AuthorizerId: !Ref Z\n`,
    );
  assert.deepEqual(findingsOf(method('COGNITO_USER_POOLS', 'TOKEN'), /^E3708$/), ['E3708@24']);
  assert.deepEqual(findingsOf(method('CUSTOM', 'COGNITO_USER_POOLS'), /^E3708$/), ['E3708@24']);
  assert.deepEqual(findingsOf(method('CUSTOM', 'REQUEST'), /^E3708$/), []);
  assert.deepEqual(findingsOf(method('COGNITO_USER_POOLS', 'COGNITO_USER_POOLS'), /^E3708$/), []);
  assert.deepEqual(findingsOf(method('!Ref Fifo', 'TOKEN'), /^E3708$/), []);
});

const task = (props: string) => `  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n${props}`;
const service = (props: string) => `  S:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: c\n      TaskDefinition: !Ref T\n${props}`;

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html#cfn-ecs-service-networkconfiguration
test('E3052: a service of an awsvpc task definition without NetworkConfiguration is reported', () => {
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n') + service('')), /^E3052$/), ['E3052@19']);
  const network = '      NetworkConfiguration:\n        AwsvpcConfiguration:\n          Subnets: [subnet-1]\n';
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n') + service(network)), /^E3052$/), []);
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: bridge\n') + service('')), /^E3052$/), []);
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n') + service('      DeploymentController:\n        Type: EXTERNAL\n')), /^E3052$/), []);
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n') + service('      Fn::If: [C, {NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1]}}}, {}]\n')), /^E3052$/), []);
});

// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#requires_compatibilities
test('E3054: a FARGATE service whose task definition does not list FARGATE is reported', () => {
  const fargate = '      LaunchType: FARGATE\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          Subnets: [subnet-1]\n';
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n      RequiresCompatibilities: [EC2]\n') + service(fargate)), /^E3054$/), ['E3054@20']);
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n') + service(fargate)), /^E3054$/), ['E3054@19']);
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n      RequiresCompatibilities: [FARGATE]\n') + service(fargate)), /^E3054$/), []);
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n      RequiresCompatibilities: [!Ref Fifo]\n') + service(fargate)), /^E3054$/), []);
  assert.deepEqual(findingsOf(resources(task('      NetworkMode: awsvpc\n      RequiresCompatibilities: [EC2]\n') + service('      LaunchType: EC2\n')), /^E3054$/), []);
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
test('E3707: a DB instance whose engine differs from its cluster engine is reported, without regard to case', () => {
  const instance = (engine: string) =>
    resources(
      `  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n  I:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n      Engine: ${engine}\n`,
    );
  assert.deepEqual(findingsOf(instance('aurora-mysql'), /^E3707$/), ['E3707@17']);
  assert.deepEqual(findingsOf(instance('Aurora-PostgreSQL'), /^E3707$/), []);
  assert.deepEqual(findingsOf(instance('!Ref Fifo'), /^E3707$/), []);
});

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
test('E3045: a bucket ACL that grants others access needs OwnershipControls that enable ACLs', () => {
  const bucket = (props: string) => resources(`  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${props}`);
  assert.deepEqual(findingsOf(bucket('      AccessControl: LogDeliveryWrite\n'), /^E3045$/), ['E3045@11']);
  const enforced = '      OwnershipControls:\n        Rules:\n          - ObjectOwnership: BucketOwnerEnforced\n';
  assert.deepEqual(findingsOf(bucket('      AccessControl: PublicRead\n' + enforced), /^E3045$/), ['E3045@11']);
  const preferred = '      OwnershipControls:\n        Rules:\n          - ObjectOwnership: BucketOwnerPreferred\n';
  assert.deepEqual(findingsOf(bucket('      AccessControl: LogDeliveryWrite\n' + preferred), /^E3045$/), []);
  assert.deepEqual(findingsOf(bucket('      AccessControl: Private\n'), /^E3045$/), []);
  assert.deepEqual(findingsOf(bucket('      AccessControl: !If [C, PublicRead, Private]\n'), /^E3045$/), []);
  assert.deepEqual(findingsOf(bucket('      AccessControl: PublicRead\n      OwnershipControls: !If [C, {Rules: [{ObjectOwnership: ObjectWriter}]}, !Ref AWS::NoValue]\n'), /^E3045$/), []);
});
