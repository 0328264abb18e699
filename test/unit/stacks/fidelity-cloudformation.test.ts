// Scenario tests of CloudFormation behaviours, each named after the AWS page it follows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { StackEngine } from '../../../runtime/stacks/engine';
import { loadTemplate } from '../../../runtime/stacks/template-source';
import { main } from '../../../runtime/cli/main';
import { deploy, engineInTemp, tempHome, yamlTemplate } from './helpers';

const CHILD = 'Resources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: child.txt, Content: hi}\n';
const GRANDCHILD_PARENT = 'Resources:\n  Inner:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./child.yaml}\n';
const ROOT = (nested: boolean) => (nested ? 'Resources:\n  Middle:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./middle.yaml}\n' : 'Resources:\n  Other:\n    Type: Slipway::Local::File\n    Properties: {Path: other.txt, Content: x}\n');

test('CloudFormation using-cfn-protect-stacks: a protected root protects its nested stacks from direct deletion; an update of the root still removes them', async () => {
  const { engine, dir } = engineInTemp();
  fs.writeFileSync(path.join(dir, 'child.yaml'), CHILD);
  fs.writeFileSync(path.join(dir, 'middle.yaml'), GRANDCHILD_PARENT);
  assert.equal((await deploy(engine, dir, 'root', ROOT(true))).status, 'CREATE_COMPLETE');
  const middle = engine.stacks.names().find((n) => n.startsWith('root-Middle-'))!;
  const inner = engine.stacks.names().find((n) => n.startsWith(`${middle}-Inner-`))!;
  assert.ok(middle && inner);

  await engine.setTerminationProtection('root', true);
  for (const nested of [middle, inner]) {
    assert.equal(engine.describe(nested).terminationProtection, true, 'the root passes its choice on');
    await assert.rejects(engine.deleteStack(nested), /cannot be deleted while TerminationProtection is enabled \(set on its root stack root\)/);
    assert.equal(engine.describe(nested).status, 'CREATE_COMPLETE', 'the nested stack remains unchanged');
    await assert.rejects(engine.setTerminationProtection(nested, false), /is a nested stack: termination protection is set on its root stack root/);
  }
  await assert.rejects(engine.deleteStack('root'), /cannot be deleted while TerminationProtection is enabled/);

  // "if a user performs a stack update that would delete the nested stack, CloudFormation deletes the nested stack accordingly"
  assert.equal((await deploy(engine, dir, 'root', ROOT(false))).status, 'UPDATE_COMPLETE');
  assert.equal(engine.stacks.read(middle), undefined);
  assert.equal(engine.stacks.read(inner), undefined);

  await engine.setTerminationProtection('root', false);
  await engine.deleteStack('root');
  assert.equal(engine.stacks.read('root'), undefined);
});

test('CloudFormation using-cfn-protect-stacks: disabling protection on the root passes on to nested stacks, which can then be deleted', async () => {
  const { engine, dir } = engineInTemp();
  fs.writeFileSync(path.join(dir, 'child.yaml'), CHILD);
  fs.writeFileSync(path.join(dir, 'middle.yaml'), GRANDCHILD_PARENT);
  await engine.setTerminationProtection((await deploy(engine, dir, 'root2', ROOT(true))).name, true);
  await engine.setTerminationProtection('root2', false);
  const middle = engine.stacks.names().find((n) => n.startsWith('root2-Middle-'))!;
  assert.equal(engine.describe(middle).terminationProtection, false);
  await engine.deleteStack(middle);
  assert.equal(engine.stacks.read(middle), undefined);
});

async function outputsOf(region: string, name: string, text: string): Promise<Record<string, unknown>> {
  const { dir, state } = engineInTemp();
  const engine = new StackEngine(state, { region, concurrency: 4 });
  const record = await deploy(engine, dir, name, text);
  assert.match(record.status, /CREATE_COMPLETE/, record.statusReason);
  return Object.fromEntries(record.outputs.map((o) => [o.key, o.value]));
}

const RETURN_VALUES = [
  'Resources:',
  '  Q: {Type: AWS::SQS::Queue}',
  '  T: {Type: AWS::SNS::Topic}',
  '  L: {Type: AWS::Logs::LogGroup}',
  '  S: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x}}',
  '  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}',
  '  K: {Type: AWS::KMS::Key}',
  'Outputs:',
  '  QueueUrl: {Value: !GetAtt Q.QueueUrl}',
  '  QueueName: {Value: !GetAtt Q.QueueName}',
  '  TopicArn: {Value: !Ref T}',
  '  LogArn: {Value: !GetAtt L.Arn}',
  '  GroupId: {Value: !GetAtt S.GroupId}',
  '  VpcId: {Value: !Ref V}',
  '  KeyId: {Value: !Ref K}',
].join('\n');

test('CloudFormation resource return values: QueueUrl, GroupId, VPC id, KMS key id and log group Arn have the forms AWS documents', async () => {
  const out = await outputsOf('us-east-1', 'returns', RETURN_VALUES);
  assert.equal(out.QueueUrl, `https://sqs.us-east-1.amazonaws.com/000000000000/${out.QueueName}`);
  assert.match(String(out.GroupId), /^sg-[0-9a-f]{17}$/);
  assert.match(String(out.VpcId), /^vpc-[0-9a-f]{17}$/);
  assert.match(String(out.KeyId), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.match(String(out.LogArn), /^arn:aws:logs:us-east-1:000000000000:log-group:[^:]+:\*$/);
});

test('CloudFormation pseudo-parameter-reference AWS::Partition: resource ARNs use the region\'s partition (aws-us-gov, aws-cn)', async () => {
  const gov = await outputsOf('us-gov-west-1', 'gov', RETURN_VALUES);
  assert.match(String(gov.TopicArn), /^arn:aws-us-gov:sns:us-gov-west-1:/);
  assert.match(String(gov.LogArn), /^arn:aws-us-gov:logs:/);
  const cn = await outputsOf('cn-north-1', 'cn', RETURN_VALUES);
  assert.match(String(cn.TopicArn), /^arn:aws-cn:sns:cn-north-1:/);
  assert.match(String(cn.QueueUrl), /^https:\/\/sqs\.cn-north-1\.amazonaws\.com\.cn\//);
});

test('Amazon S3 WebsiteEndpoints: WebsiteURL uses the region\'s documented website endpoint form', async () => {
  const bucket = (name: string) => `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: ${name}}\nOutputs:\n  W: {Value: !GetAtt B.WebsiteURL}\n`;
  assert.equal((await outputsOf('us-west-2', 'dash', bucket('site-dash-1'))).W, 'http://site-dash-1.s3-website-us-west-2.amazonaws.com');
  assert.equal((await outputsOf('eu-central-1', 'dot', bucket('site-dot-1'))).W, 'http://site-dot-1.s3-website.eu-central-1.amazonaws.com');
});

test('CloudFormation aws-attribute-dependson: DependsOn naming a missing resource is rejected ("Unresolved resource dependencies")', async () => {
  const { engine } = engineInTemp();
  const text = 'Resources:\n  A:\n    Type: Slipway::Local::File\n    DependsOn: [Missing]\n    Properties: {Path: a.txt, Content: a}\n';
  await assert.rejects(
    engine.createChangeSet({ stackName: 'dep', template: yamlTemplate(text) }),
    /Template format error: Unresolved resource dependencies \[Missing\] in the Resources block of the template/,
  );
  assert.equal(engine.stacks.read('dep'), undefined);
});

test('CloudFormation cloudformation-limits: a template over 500 resources or 1 MB is rejected with AWS\'s message', async () => {
  const { engine, dir } = engineInTemp();
  const many = `Resources:\n${Array.from({ length: 501 }, (_, i) => `  R${i}: {Type: AWS::SNS::Topic}`).join('\n')}\n`;
  await assert.rejects(engine.createChangeSet({ stackName: 'many', template: yamlTemplate(many) }), /Number of resources, 501, is greater than maximum allowed, 500/);
  const big = path.join(dir, 'big.yaml');
  fs.writeFileSync(big, `Description: ${'x'.repeat(1_000_001)}\nResources:\n  T: {Type: AWS::SNS::Topic}\n`);
  assert.throws(() => loadTemplate(big), /Template may not exceed 1000000 bytes in size/);
});

test('CloudFormation stack-failure-options: a CREATE_FAILED stack created with rollback disabled keeps its resources and can be updated', async () => {
  const { engine, dir } = engineInTemp();
  const template = (create: string) => `Resources:\n  Good:\n    Type: Slipway::Local::File\n    Properties: {Path: good.txt, Content: kept}\n  Flaky:\n    Type: Slipway::Local::Command\n    DependsOn: Good\n    Properties: {Create: "${create}"}\n`;
  const failed = await deploy(engine, dir, 'preserve', template('exit 1'), { disableRollback: true });
  assert.equal(failed.status, 'CREATE_FAILED');
  assert.equal(failed.resources.Good.status, 'CREATE_COMPLETE', 'successfully provisioned resources are preserved');
  const fixed = await deploy(engine, dir, 'preserve', template('true'));
  assert.equal(fixed.status, 'UPDATE_COMPLETE', fixed.statusReason);
  assert.equal(fs.readFileSync(path.join(dir, 'good.txt'), 'utf8'), 'kept');
  // With rollback on, a failed creation still has to be deleted first.
  assert.equal((await deploy(engine, dir, 'rolled', template('exit 1'))).status, 'ROLLBACK_COMPLETE');
  await assert.rejects(deploy(engine, dir, 'rolled', template('true')), /ROLLBACK_COMPLETE state and can not be updated/);
});

test('CloudFormation using-cfn-updating-stacks-changesets-execute: executing a change set deletes the stack\'s other change sets', async () => {
  const { engine, dir } = engineInTemp();
  await deploy(engine, dir, 'sets', 'Resources:\n  T: {Type: AWS::SNS::Topic}\n');
  const a = await engine.createChangeSet({ stackName: 'sets', changeSetName: 'a', template: yamlTemplate('Resources:\n  T: {Type: AWS::SNS::Topic, Properties: {TopicName: a}}\n') });
  await engine.createChangeSet({ stackName: 'sets', changeSetName: 'b', template: yamlTemplate('Resources:\n  T: {Type: AWS::SNS::Topic, Properties: {TopicName: b}}\n') });
  assert.equal(a.changes[0].details[0].requiresRecreation, 'Always', 'TopicName is replacement-only');
  await engine.executeChangeSet('sets', 'a');
  assert.deepEqual(engine.stacks.changeSets('sets').map((c) => c.name), ['a']);
});

test('CloudFormation outputs-section-structure / DescribeStackEvents through the CLI: outputs show description and export name; events are newest first', async () => {
  const dir = tempHome();
  fs.writeFileSync(path.join(dir, 't.yaml'), 'Resources:\n  T: {Type: AWS::SNS::Topic}\nOutputs:\n  TopicArn:\n    Description: where to publish\n    Value: !Ref T\n    Export: {Name: shared-topic}\n');
  const run = async (...args: string[]) => {
    let stdout = '';
    const code = await main(args, { stdout: (t) => (stdout += t), stderr: () => undefined }, dir);
    return { code, stdout };
  };
  assert.equal((await run('stack', 'deploy', 'outs', '--template', 't.yaml')).code, 0);
  assert.match((await run('stack', 'outputs', 'outs')).stdout, /^TopicArn\tarn:aws:sns:[^\t]+\twhere to publish\texport shared-topic$/m);
  // DescribeStackEvents' shape: StackEvents, newest first.
  const events = JSON.parse((await run('stack', 'events', 'outs', '--json')).stdout).StackEvents;
  assert.equal(events[0].ResourceStatus, 'CREATE_COMPLETE');
  assert.equal(events.at(-1).ResourceStatus, 'REVIEW_IN_PROGRESS');
  assert.deepEqual(JSON.parse((await run('stack', 'outputs', 'outs', '--json')).stdout).Outputs[0], { OutputKey: 'TopicArn', OutputValue: events.find((e: { LogicalResourceId: string }) => e.LogicalResourceId === 'T').PhysicalResourceId, Description: 'where to publish', ExportName: 'shared-topic' });
});
