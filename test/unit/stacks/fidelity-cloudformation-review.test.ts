// Scenario tests of CloudFormation behaviours, each named after the AWS page it follows (one state home for the file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParameterStore } from '../../../runtime/common/params';
import { deploy, engineInTemp } from './helpers';

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
