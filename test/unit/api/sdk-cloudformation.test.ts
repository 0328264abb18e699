// CloudFormation through the AWS SDK for JavaScript v3 against `slipway serve`
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Operations.html).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  CreateStackSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListChangeSetsCommand,
  ListExportsCommand,
  ListImportsCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
  paginateDescribeStackEvents,
  paginateListStacks,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { StackEngine } from '../../../runtime/stacks/engine';
import { startEndpoint, type Endpoint } from './endpoint';

const ROOT = path.resolve(__dirname, '../../..');
const HELLO = fs.readFileSync(path.join(ROOT, 'examples/hello-service/template.yaml'), 'utf8');
const wait = { maxWaitTime: 60, minDelay: 1, maxDelay: 1 };

let endpoint: Endpoint;
let cfn: CloudFormationClient;

before(async () => {
  endpoint = await startEndpoint();
  cfn = new CloudFormationClient(endpoint.client);
});
after(() => endpoint.close());

async function rejects(promise: Promise<unknown>, name: string, status?: number): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.equal((error as Error).name, name, (error as Error).message);
    if (status) assert.equal((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, status);
    return error as Error;
  }
  assert.fail(`expected ${name}`);
}

const paramTemplate = (value: string, exported = 'shared-value') => `
Parameters:
  Value:
    Type: String
    Default: ${value}
    Description: what the parameter holds
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !Ref Value
Outputs:
  Name:
    Description: the parameter's name
    Value: !Ref Param
    Export:
      Name: ${exported}
`;

test('CreateStack, the create waiter, DescribeStacks/Events/Resources: a stack made through the API is the one `slipway stack` sees', async () => {
  const created = await cfn.send(new CreateStackCommand({ StackName: 'hello', TemplateBody: HELLO, Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'prod' }] }));
  assert.match(created.StackId!, /^arn:aws:cloudformation:us-east-1:000000000000:stack\/hello\/[0-9a-f-]{36}$/);
  const waited = await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'hello' });
  assert.equal(waited.state, 'SUCCESS');
  const [stack] = (await cfn.send(new DescribeStacksCommand({ StackName: 'hello' }))).Stacks!;
  assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
  assert.equal(stack.StackId, created.StackId);
  assert.ok(stack.CreationTime instanceof Date);
  assert.deepEqual(stack.Parameters?.find((p) => p.ParameterKey === 'Stage'), { ParameterKey: 'Stage', ParameterValue: 'prod' });
  assert.ok(stack.Outputs?.some((o) => o.OutputKey === 'GreetingParameterName' && o.OutputValue === '/hello-service/prod/greeting'));
  // the same record the engine (and so the CLI and the Stacks view) reads
  assert.equal(new StackEngine(endpoint.store).describe('hello').status, 'CREATE_COMPLETE');
  // by stack id too
  assert.equal((await cfn.send(new DescribeStacksCommand({ StackName: created.StackId }))).Stacks![0].StackName, 'hello');

  const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'hello' }))).StackEvents!;
  assert.equal(events[0].ResourceStatus, 'CREATE_COMPLETE', 'newest first');
  assert.equal(events[0].LogicalResourceId, 'hello');
  assert.equal(events[events.length - 1].ResourceStatus, 'REVIEW_IN_PROGRESS');
  const paged = [];
  for await (const p of paginateDescribeStackEvents({ client: cfn }, { StackName: 'hello' })) paged.push(...p.StackEvents!);
  assert.equal(paged.length, events.length);

  const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'hello' }))).StackResources!;
  assert.ok(resources.length >= 3);
  assert.ok(resources.every((r) => r.ResourceStatus === 'CREATE_COMPLETE' && r.StackName === 'hello'));
  const one = (await cfn.send(new DescribeStackResourceCommand({ StackName: 'hello', LogicalResourceId: resources[0].LogicalResourceId }))).StackResourceDetail!;
  assert.equal(one.PhysicalResourceId, resources[0].PhysicalResourceId);
  assert.ok(one.LastUpdatedTimestamp instanceof Date);
  const summaries = (await cfn.send(new ListStackResourcesCommand({ StackName: 'hello' }))).StackResourceSummaries!;
  assert.equal(summaries.length, resources.length);
  await rejects(cfn.send(new DescribeStackResourceCommand({ StackName: 'hello', LogicalResourceId: 'Nope' })), 'ValidationError');

  const listed = [];
  for await (const p of paginateListStacks({ client: cfn }, { StackStatusFilter: ['CREATE_COMPLETE'] })) listed.push(...p.StackSummaries!);
  assert.ok(listed.some((s) => s.StackName === 'hello'));
  await rejects(cfn.send(new CreateStackCommand({ StackName: 'hello', TemplateBody: HELLO })), 'AlreadyExistsException');
  await rejects(cfn.send(new DescribeStacksCommand({ StackName: 'missing' })), 'ValidationError', 400);
});

test('change sets: create (waiter), describe with Changes[].ResourceChange, list, execute (update waiter), delete, and a failed empty one', async () => {
  await cfn.send(new CreateStackCommand({ StackName: 'params', TemplateBody: paramTemplate('one') }));
  await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'params' });
  const { Id } = await cfn.send(new CreateChangeSetCommand({ StackName: 'params', ChangeSetName: 'two', TemplateBody: paramTemplate('two'), ChangeSetType: 'UPDATE' }));
  assert.match(Id!, /:changeSet\/two\//);
  assert.equal((await waitUntilChangeSetCreateComplete({ client: cfn, ...wait }, { StackName: 'params', ChangeSetName: 'two' })).state, 'SUCCESS');
  const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: Id }));
  assert.equal(described.Status, 'CREATE_COMPLETE');
  assert.equal(described.ExecutionStatus, 'AVAILABLE');
  const change = described.Changes![0];
  assert.equal(change.Type, 'Resource');
  assert.equal(change.ResourceChange?.Action, 'Modify');
  assert.equal(change.ResourceChange?.LogicalResourceId, 'Param');
  assert.ok(change.ResourceChange?.Details?.some((d) => d.Target?.Attribute === 'Properties' && d.Target?.Name === 'Value'));
  const summaries = (await cfn.send(new ListChangeSetsCommand({ StackName: 'params' }))).Summaries!;
  assert.deepEqual(summaries.map((s) => s.ChangeSetName), ['two']);

  await cfn.send(new CreateChangeSetCommand({ StackName: 'params', ChangeSetName: 'throwaway', TemplateBody: paramTemplate('three') }));
  await cfn.send(new DeleteChangeSetCommand({ StackName: 'params', ChangeSetName: 'throwaway' }));
  await rejects(cfn.send(new DescribeChangeSetCommand({ StackName: 'params', ChangeSetName: 'throwaway' })), 'ChangeSetNotFoundException', 404);

  await cfn.send(new ExecuteChangeSetCommand({ StackName: 'params', ChangeSetName: 'two' }));
  assert.equal((await waitUntilStackUpdateComplete({ client: cfn, ...wait }, { StackName: 'params' })).state, 'SUCCESS');
  const [stack] = (await cfn.send(new DescribeStacksCommand({ StackName: 'params' }))).Stacks!;
  assert.equal(stack.Parameters![0].ParameterValue, 'two');
  await rejects(cfn.send(new ExecuteChangeSetCommand({ StackName: 'params', ChangeSetName: 'two' })), 'InvalidChangeSetStatusException');

  // no changes: the change set FAILS with the reason `aws cloudformation deploy` looks for
  await cfn.send(new CreateChangeSetCommand({ StackName: 'params', ChangeSetName: 'same', TemplateBody: paramTemplate('two') }));
  const waited = await waitUntilChangeSetCreateComplete({ client: cfn, ...wait }, { StackName: 'params', ChangeSetName: 'same' }).catch((error: Error) => error);
  assert.ok(waited instanceof Error, 'the change-set waiter fails on a FAILED change set');
  const same = await cfn.send(new DescribeChangeSetCommand({ StackName: 'params', ChangeSetName: 'same' }));
  assert.equal(same.Status, 'FAILED');
  assert.match(same.StatusReason!, /didn't contain changes/);
  await rejects(cfn.send(new CreateChangeSetCommand({ StackName: 'params', ChangeSetName: 'same', TemplateBody: paramTemplate('x') })), 'AlreadyExistsException');
  await rejects(cfn.send(new CreateChangeSetCommand({ StackName: 'ghost', ChangeSetName: 'c', TemplateBody: paramTemplate('x') })), 'ValidationError');

  // CREATE change sets make a REVIEW_IN_PROGRESS stack
  await cfn.send(new CreateChangeSetCommand({ StackName: 'fresh', ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateBody: paramTemplate('x', 'fresh-value') }));
  assert.equal((await cfn.send(new DescribeStacksCommand({ StackName: 'fresh' }))).Stacks![0].StackStatus, 'REVIEW_IN_PROGRESS');
  await cfn.send(new ExecuteChangeSetCommand({ StackName: 'fresh', ChangeSetName: 'first' }));
  assert.equal((await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'fresh' })).state, 'SUCCESS');
});

test('UpdateStack with UsePreviousValue, "No updates are to be performed.", GetTemplate, GetTemplateSummary, ValidateTemplate', async () => {
  await cfn.send(new CreateStackCommand({ StackName: 'upd', TemplateBody: paramTemplate('a', 'upd-value'), Parameters: [{ ParameterKey: 'Value', ParameterValue: 'kept' }] }));
  await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'upd' });
  await rejects(cfn.send(new UpdateStackCommand({ StackName: 'upd', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Value', UsePreviousValue: true }] })), 'ValidationError');
  await cfn.send(new UpdateStackCommand({ StackName: 'upd', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Value', ParameterValue: 'changed' }] }));
  await waitUntilStackUpdateComplete({ client: cfn, ...wait }, { StackName: 'upd' });
  assert.equal((await cfn.send(new DescribeStacksCommand({ StackName: 'upd' }))).Stacks![0].Parameters![0].ParameterValue, 'changed');

  const template = await cfn.send(new GetTemplateCommand({ StackName: 'upd' }));
  assert.equal(JSON.parse(template.TemplateBody!).Resources.Param.Type, 'AWS::SSM::Parameter');
  const summary = await cfn.send(new GetTemplateSummaryCommand({ TemplateBody: paramTemplate('z') }));
  assert.deepEqual(summary.ResourceTypes, ['AWS::SSM::Parameter']);
  assert.equal(summary.Parameters![0].ParameterKey, 'Value');
  assert.equal(summary.Parameters![0].DefaultValue, 'z');
  const validated = await cfn.send(new ValidateTemplateCommand({ TemplateBody: paramTemplate('z') }));
  assert.equal(validated.Parameters![0].Description, 'what the parameter holds');
  await rejects(cfn.send(new ValidateTemplateCommand({ TemplateBody: 'Resources: [' })), 'ValidationError');
  await rejects(cfn.send(new ValidateTemplateCommand({ TemplateBody: 'Description: nothing\n' })), 'ValidationError');
  const iam = 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n';
  assert.deepEqual((await cfn.send(new ValidateTemplateCommand({ TemplateBody: iam }))).Capabilities, ['CAPABILITY_IAM']);
  await rejects(cfn.send(new CreateStackCommand({ StackName: 'iam', TemplateBody: iam })), 'InsufficientCapabilitiesException');
});

test('TemplateURL reads an object of a local bucket (what `aws cloudformation package` uploads)', async () => {
  const s3 = new S3Client({ ...endpoint.client, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
  await s3.send(new PutObjectCommand({ Bucket: 'templates', Key: 'stack/template.yaml', Body: paramTemplate('from-s3', 'url-value') }));
  await cfn.send(new CreateStackCommand({ StackName: 'fromurl', TemplateURL: `${endpoint.url}/templates/stack/template.yaml` }));
  await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'fromurl' });
  assert.equal((await cfn.send(new DescribeStacksCommand({ StackName: 'fromurl' }))).Stacks![0].Parameters![0].ParameterValue, 'from-s3');
  await rejects(cfn.send(new CreateStackCommand({ StackName: 'badurl', TemplateURL: 'https://templates.s3.amazonaws.com/missing.yaml' })), 'ValidationError');
});

test('exports and imports, termination protection, drift detection, DeleteStack and the delete waiter', async () => {
  await cfn.send(new CreateStackCommand({ StackName: 'exporter', TemplateBody: paramTemplate('e', 'exp-value') }));
  await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'exporter' });
  const importer = 'Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: !ImportValue exp-value\n';
  await cfn.send(new CreateStackCommand({ StackName: 'importer', TemplateBody: importer }));
  await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'importer' });
  const exports = (await cfn.send(new ListExportsCommand({}))).Exports!;
  const exported = exports.find((e) => e.Name === 'exp-value');
  assert.match(exported!.ExportingStackId!, /:stack\/exporter\//);
  assert.deepEqual((await cfn.send(new ListImportsCommand({ ExportName: 'exp-value' }))).Imports, ['importer']);
  await rejects(cfn.send(new ListImportsCommand({ ExportName: 'nobody-imports-this' })), 'ValidationError');

  await cfn.send(new UpdateTerminationProtectionCommand({ StackName: 'importer', EnableTerminationProtection: true }));
  assert.equal((await cfn.send(new DescribeStacksCommand({ StackName: 'importer' }))).Stacks![0].EnableTerminationProtection, true);
  await rejects(cfn.send(new DeleteStackCommand({ StackName: 'importer' })), 'ValidationError');
  await cfn.send(new UpdateTerminationProtectionCommand({ StackName: 'importer', EnableTerminationProtection: false }));

  const { StackDriftDetectionId } = await cfn.send(new DetectStackDriftCommand({ StackName: 'importer' }));
  const status = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }));
  assert.equal(status.DetectionStatus, 'DETECTION_COMPLETE');
  assert.ok(['IN_SYNC', 'DRIFTED'].includes(status.StackDriftStatus!));
  const drifts = (await cfn.send(new DescribeStackResourceDriftsCommand({ StackName: 'importer' }))).StackResourceDrifts!;
  assert.deepEqual(drifts.map((d) => d.LogicalResourceId), ['P']);

  await cfn.send(new DeleteStackCommand({ StackName: 'importer' }));
  assert.equal((await waitUntilStackDeleteComplete({ client: cfn, ...wait }, { StackName: 'importer' })).state, 'SUCCESS');
  await rejects(cfn.send(new DescribeStacksCommand({ StackName: 'importer' })), 'ValidationError');
  await cfn.send(new DeleteStackCommand({ StackName: 'never-existed' }));
});

test('an operation Slipway does not implement answers 501 NotImplemented with its name', async () => {
  const error = await rejects(cfn.send(new CreateStackSetCommand({ StackSetName: 'set', TemplateBody: HELLO })), 'NotImplemented', 501);
  assert.match(error.message, /CreateStackSet/);
});
