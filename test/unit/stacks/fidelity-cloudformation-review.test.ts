// Scenario tests of CloudFormation behaviours, each named after the AWS page it follows (one state home for the file).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ParameterStore } from '../../../runtime/common/params';
import { cliIn, cloudFormationApi, deploy, engineInTemp, yamlTemplate } from './helpers';

const { engine, dir, state } = engineInTemp();

const NETWORK = `Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  SubnetA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
  SubnetB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web, VpcId: !Ref Vpc}}
  Key: {Type: AWS::EC2::KeyPair, Properties: {KeyName: deploy-key}}
`;

const APP = `Parameters:
  VpcId: {Type: AWS::EC2::VPC::Id}
  Subnets: {Type: List<AWS::EC2::Subnet::Id>}
  Group: {Type: AWS::EC2::SecurityGroup::Id}
  KeyName: {Type: AWS::EC2::KeyPair::KeyName}
  Zone: {Type: AWS::EC2::AvailabilityZone::Name, Default: us-east-1a}
  Image: {Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>, Default: /app/ami}
Resources:
  T: {Type: AWS::SNS::Topic}
Outputs:
  Subnets: {Value: !Join [',', !Ref Subnets]}
  Image: {Value: !Ref Image}
`;

test('CloudFormation cloudformation-supplied-parameter-types: AWS-specific values must exist in the local account (lists split), SSM types resolve from Parameter Store', async () => {
  const network = await deploy(engine, dir, 'network', NETWORK);
  assert.equal(network.status, 'CREATE_COMPLETE', network.statusReason);
  const ref = (id: string) => network.resources[id].ref ?? network.resources[id].physicalId!;
  const sgId = String(network.resources.Sg.attributes.GroupId);
  new ParameterStore(state).putParameter('/app/ami', 'ami-0ff8a91507f77f867');
  const good = { VpcId: ref('Vpc'), Subnets: `${ref('SubnetA')}, ${ref('SubnetB')}`, Group: sgId, KeyName: 'deploy-key' };

  const app = await deploy(engine, dir, 'app', APP, { parameters: good });
  assert.equal(app.status, 'CREATE_COMPLETE', app.statusReason);
  const outputs = Object.fromEntries(app.outputs.map((o) => [o.key, o.value]));
  assert.equal(outputs.Subnets, `${ref('SubnetA')},${ref('SubnetB')}`);
  assert.equal(outputs.Image, 'ami-0ff8a91507f77f867');

  const refused = async (parameters: Record<string, string>, message: RegExp) => {
    await assert.rejects(deploy(engine, dir, 'app-bad', APP, { parameters: { ...good, ...parameters } }), message);
    assert.equal(engine.stacks.read('app-bad'), undefined, 'nothing is created');
  };
  await refused({ VpcId: 'vpc-0123456789abcdef0' }, /Parameter validation failed: parameter value vpc-0123456789abcdef0 for parameter name VpcId does not exist/);
  await refused({ VpcId: 'my-vpc' }, /parameter value my-vpc for parameter name VpcId does not exist/);
  await refused({ Subnets: `${ref('SubnetA')},subnet-00000000` }, /parameter value subnet-00000000 for parameter name Subnets does not exist/);
  await refused({ KeyName: 'no-such-key' }, /parameter value no-such-key for parameter name KeyName does not exist/);
  await refused({ Group: ref('Vpc') }, /parameter name Group does not exist/);
  await refused({ Zone: 'us-west-2a' }, /parameter value us-west-2a for parameter name Zone does not exist/);
  await refused({ Image: '/app/none' }, /Unable to fetch parameters \[\/app\/none\] from parameter store for this account/);
  new ParameterStore(state).putParameter('/app/bad-ami', 'not-an-ami');
  await refused({ Image: '/app/bad-ami' }, /parameter value not-an-ami for parameter name Image does not exist/);
});

test('CloudFormation cloudformation-supplied-parameter-types: AWS::SSM::Parameter::Name must name an existing parameter; its value is the name', async () => {
  const template = 'Parameters:\n  Name: {Type: AWS::SSM::Parameter::Name}\nResources:\n  T: {Type: AWS::SNS::Topic}\nOutputs:\n  N: {Value: !Ref Name}\n';
  new ParameterStore(state).putParameter('/app/name', 'the-value');
  const ok = await deploy(engine, dir, 'named', template, { parameters: { Name: '/app/name' } });
  assert.equal(ok.outputs[0].value, '/app/name');
  await assert.rejects(deploy(engine, dir, 'named-bad', template, { parameters: { Name: '/app/absent' } }), /Unable to fetch parameters \[\/app\/absent\]/);
});

const api = cloudFormationApi(state);
const cli = cliIn(dir);

test('CloudFormation DescribeStackEvents / DescribeStacks: a deleted stack is read by its stack id (DELETE_COMPLETE, its events), not by its name; ListStacks lists it', async () => {
  const created = await deploy(engine, dir, 'short-lived', 'Resources:\n  T: {Type: AWS::SNS::Topic}\n');
  const stackId = created.stackId;
  await engine.deleteStack('short-lived');

  const described = (await api('DescribeStacks', { StackName: stackId })).Stacks[0];
  assert.equal(described.StackStatus, 'DELETE_COMPLETE');
  assert.ok(described.DeletionTime instanceof Date);
  const events = (await api('DescribeStackEvents', { StackName: stackId })).StackEvents;
  assert.deepEqual([events[0].ResourceStatus, events[0].LogicalResourceId], ['DELETE_COMPLETE', 'short-lived'], 'newest first, ending with the stack\'s DELETE_COMPLETE');
  assert.ok(events.some((e: { LogicalResourceId: string; ResourceStatus: string }) => e.LogicalResourceId === 'T' && e.ResourceStatus === 'DELETE_COMPLETE'));
  await assert.rejects(api('DescribeStacks', { StackName: 'short-lived' }), /Stack with id short-lived does not exist/);
  const listed = (await api('ListStacks', { StackStatusFilter: ['DELETE_COMPLETE'] })).StackSummaries;
  assert.ok(listed.some((s: { StackId: string }) => s.StackId === stackId));

  // The CLI reads the same records through the same shapes.
  const viaCli = await cli('stack', 'events', stackId, '--json');
  assert.equal(viaCli.code, 0, viaCli.stderr);
  assert.deepEqual(JSON.parse(viaCli.stdout).StackEvents.map((e: { EventId: string }) => e.EventId), events.map((e: { EventId: string }) => e.EventId));
  const describedCli = await cli('stack', 'describe', stackId, '--json');
  assert.equal(JSON.parse(describedCli.stdout).Stacks[0].StackStatus, 'DELETE_COMPLETE');
  assert.equal((await cli('stack', 'describe', 'short-lived')).code, 2);

  // The name is free again: a new stack gets a new id, and the old id still reads the deleted one.
  const again = await deploy(engine, dir, 'short-lived', 'Resources:\n  T: {Type: AWS::SNS::Topic}\n');
  assert.notEqual(again.stackId, stackId);
  assert.equal((await api('DescribeStacks', { StackName: stackId })).Stacks[0].StackStatus, 'DELETE_COMPLETE');
  assert.equal((await api('DescribeStacks', { StackName: again.stackId })).Stacks[0].StackStatus, 'CREATE_COMPLETE');
  // A crafted id never leaves the deleted stacks' folder.
  await assert.rejects(api('DescribeStackEvents', { StackName: 'arn:aws:cloudformation:us-east-1:000000000000:stack/x/../../stacks' }), /does not exist/);
});

test('CloudFormation aws-attribute-deletionpolicy: Retain keeps the resource when the stack is deleted (DELETE_SKIPPED); Delete removes it', async () => {
  const template = 'Resources:\n  Kept:\n    Type: Slipway::Local::File\n    DeletionPolicy: Retain\n    Properties: {Path: kept.txt, Content: k}\n  Gone:\n    Type: Slipway::Local::File\n    Properties: {Path: gone.txt, Content: g}\n';
  const record = await deploy(engine, dir, 'retainer', template);
  assert.equal(record.status, 'CREATE_COMPLETE', record.statusReason);
  await engine.deleteStack('retainer');
  assert.ok(fs.existsSync(path.join(dir, 'kept.txt')));
  assert.ok(!fs.existsSync(path.join(dir, 'gone.txt')));
  const events = engine.stacks.deletedEvents(record.stackId);
  assert.ok(events.some((e) => e.logicalId === 'Kept' && e.status === 'DELETE_SKIPPED'), events.map((e) => `${e.logicalId}:${e.status}`).join());
});

test('CloudFormation aws-attribute-updatereplacepolicy: Retain keeps the old physical resource when an update replaces it', async () => {
  const template = (file: string) => `Resources:\n  Out:\n    Type: Slipway::Local::File\n    UpdateReplacePolicy: Retain\n    Properties: {Path: ${file}, Content: x}\n`;
  assert.equal((await deploy(engine, dir, 'replacer', template('first.txt'))).status, 'CREATE_COMPLETE');
  const updated = await deploy(engine, dir, 'replacer', template('second.txt'));
  assert.equal(updated.status, 'UPDATE_COMPLETE', updated.statusReason);
  assert.ok(fs.existsSync(path.join(dir, 'first.txt')), 'the replaced file is retained');
  assert.ok(fs.existsSync(path.join(dir, 'second.txt')));
});

test('CloudFormation outputs-section-structure Export: export names are unique in the region; an export in use cannot be changed or removed', async () => {
  const exporter = (value: string) => `Resources:\n  T: {Type: AWS::SNS::Topic}\nOutputs:\n  O:\n    Value: ${value}\n    Export: {Name: shared-name}\n`;
  assert.equal((await deploy(engine, dir, 'exporter', exporter('one'))).status, 'CREATE_COMPLETE');
  await assert.rejects(deploy(engine, dir, 'exporter-2', exporter('two')), /Export with name shared-name is already exported by stack exporter/);
  assert.equal((await deploy(engine, dir, 'importer', 'Resources:\n  T: {Type: AWS::SNS::Topic, Properties: {DisplayName: !ImportValue shared-name}}\n')).status, 'CREATE_COMPLETE');
  const changed = await deploy(engine, dir, 'exporter', exporter('changed')).catch((error: Error) => error);
  assert.match(String((changed as { statusReason?: string }).statusReason ?? (changed as Error).message), /Export shared-name cannot be updated as it is in use by importer/);
  await assert.rejects(engine.deleteStack('exporter'), /Export shared-name cannot be deleted as it is in use by importer/);
});

test('CloudFormation troubleshooting (ROLLBACK_COMPLETE): a stack whose creation rolled back can only be deleted, not updated', async () => {
  const failing = 'Resources:\n  Bad:\n    Type: Slipway::Local::Command\n    Properties: {Create: "exit 1"}\n';
  const record = await deploy(engine, dir, 'rolled-back', failing);
  assert.equal(record.status, 'ROLLBACK_COMPLETE', record.statusReason);
  await assert.rejects(deploy(engine, dir, 'rolled-back', 'Resources:\n  T: {Type: AWS::SNS::Topic}\n'), /is in ROLLBACK_COMPLETE state and can not be updated/);
  await engine.deleteStack('rolled-back');
  assert.equal(engine.stacks.read('rolled-back'), undefined);
});

test('CloudFormation using-cfn-updating-stacks-changesets-create: a change set with no changes is FAILED with AWS\'s reason', async () => {
  const template = 'Resources:\n  T: {Type: AWS::SNS::Topic}\n';
  await deploy(engine, dir, 'unchanged', template);
  const set = await engine.createChangeSet({ stackName: 'unchanged', changeSetName: 'noop', template: yamlTemplate(template) });
  assert.equal(set.status, 'FAILED');
  assert.match(set.statusReason ?? '', /The submitted information didn't contain changes. Submit different information to create a change set./);
  assert.equal(set.executionStatus, 'UNAVAILABLE');
});

test('CloudFormation using-cfn-updating-stacks (rollback): a failed update rolls back to UPDATE_ROLLBACK_COMPLETE and the earlier properties are restored', async () => {
  const good = 'Resources:\n  Conf:\n    Type: Slipway::Local::File\n    Properties: {Path: conf.txt, Content: v1}\n';
  assert.equal((await deploy(engine, dir, 'roller', good)).status, 'CREATE_COMPLETE');
  const bad = 'Resources:\n  Conf:\n    Type: Slipway::Local::File\n    Properties: {Path: conf.txt, Content: v2}\n  Bad:\n    Type: Slipway::Local::Command\n    DependsOn: Conf\n    Properties: {Create: "exit 1"}\n';
  const record = await deploy(engine, dir, 'roller', bad);
  assert.equal(record.status, 'UPDATE_ROLLBACK_COMPLETE', record.statusReason);
  assert.equal(fs.readFileSync(path.join(dir, 'conf.txt'), 'utf8'), 'v1');
  assert.equal(record.resources.Bad, undefined, 'the resource the update added is gone');
});

test('CloudFormation cfn-using-console-create-stack-parameters (stack name): a stack name starts with a letter and holds only letters, digits and hyphens', async () => {
  for (const name of ['1stack', 'has_underscore', 'a'.repeat(129)]) {
    await assert.rejects(deploy(engine, dir, name, 'Resources:\n  T: {Type: AWS::SNS::Topic}\n'), /stack name/i, name);
  }
});

test('CloudFormation intrinsic-function-reference-getatt: an attribute the resource type does not have is a template error', async () => {
  await assert.rejects(
    deploy(engine, dir, 'bad-getatt', 'Resources:\n  T: {Type: AWS::SNS::Topic}\nOutputs:\n  O: {Value: !GetAtt T.NoSuchAttribute}\n'),
    /Template error: resource T does not support attribute type NoSuchAttribute in Fn::GetAtt/,
  );
});

test('CloudFormation conditions-section-structure: a resource or output whose condition is false is neither created nor listed', async () => {
  const template = 'Parameters:\n  Env: {Type: String, Default: dev}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Always: {Type: AWS::SNS::Topic}\n  ProdOnly: {Type: AWS::SNS::Topic, Condition: IsProd}\nOutputs:\n  ProdTopic: {Condition: IsProd, Value: !Ref ProdOnly}\n  Topic: {Value: !Ref Always}\n';
  const dev = await deploy(engine, dir, 'conditional', template);
  assert.deepEqual(Object.keys(dev.resources), ['Always']);
  assert.deepEqual(dev.outputs.map((o) => o.key), ['Topic']);
  const prod = await deploy(engine, dir, 'conditional', template, { parameters: { Env: 'prod' } });
  assert.deepEqual(Object.keys(prod.resources).sort(), ['Always', 'ProdOnly']);
  assert.deepEqual(prod.outputs.map((o) => o.key).sort(), ['ProdTopic', 'Topic']);
});

test('CloudFormation intrinsic-function-reference-importvalue: importing an export that does not exist fails before anything is created', async () => {
  await assert.rejects(deploy(engine, dir, 'orphan-import', 'Resources:\n  T: {Type: AWS::SNS::Topic, Properties: {DisplayName: !ImportValue no-such-export}}\n'), /No export named no-such-export found/);
  assert.equal(engine.stacks.read('orphan-import'), undefined);
});
