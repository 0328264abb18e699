// False errors seen on real templates (issue 16), each from a minimal template of our own,
// and the findings added from the AWS documentation for the families cfn-lint reports.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';
import { findingsOf, template } from './template-findings';

const errorsOf = (text: string) =>
  validateText('t.yaml', text, 'template')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}@${d.range.start.line + 1}`);

test('!Base64 over an indented Fn::Sub map substitutes (Fn::Base64 page: "Fn::Sub": string); the parameter counts as used', () => {
  const text = template(
    [
      'Parameters:',
      '  Name: {Type: String}',
      'Resources:',
      '  Instance:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      ImageId: ami-12345678',
      '      UserData: !Base64',
      '        Fn::Sub: |',
      '          #!/bin/bash',
      '          echo ${Name} ${AWS::Region}',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^(E1029|W2001)$/), []);
});

test('!ImportValue over a Fn::Sub map substitutes; the parameter counts as used', () => {
  const text = template(
    [
      'Parameters:',
      '  VPCStack: {Type: String}',
      'Resources:',
      '  SG:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: web',
      '      VpcId: !ImportValue',
      '        Fn::Sub: ${VPCStack}-VPCID',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^(E1029|W2001|E1016)$/), []);
});

test('a plain string under !Base64 with ${Param} still needs Fn::Sub (E1029)', () => {
  const text = template(
    ['Parameters:', '  Name: {Type: String}', 'Resources:', '  I:', '    Type: AWS::EC2::Instance', '    Properties:', '      ImageId: ami-12345678', "      UserData: {'Fn::Base64': 'echo ${Name}'}"].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E1029$/), ['E1029@9']);
});

test("${} in a StackSet's TemplateBody, a buildspec or inline code belongs to that document, not to this template's Fn::Sub", () => {
  const text = template(
    [
      'Resources:',
      '  Set:',
      '    Type: AWS::CloudFormation::StackSet',
      '    Properties:',
      '      StackSetName: s',
      '      PermissionModel: SELF_MANAGED',
      '      TemplateBody: |',
      '        Resources:',
      '          T:',
      '            Type: AWS::SNS::Topic',
      '            Properties:',
      '              TopicName: !Sub "${AWS::StackName}-t"',
      '  Build:',
      '    Type: AWS::CodeBuild::Project',
      '    Properties:',
      '      ServiceRole: arn:aws:iam::123456789012:role/b',
      '      Artifacts: {Type: NO_ARTIFACTS}',
      '      Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0}',
      '      Source:',
      '        Type: NO_SOURCE',
      '        BuildSpec: |',
      '          version: 0.2',
      '          phases:',
      '            build:',
      '              commands: [echo ${AWS::Region}]',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E1029$/), []);
});

test('dynamic references are never checked against a pattern, length, type or allowed values', () => {
  const text = template(
    [
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      "      DelaySeconds: '{{resolve:ssm:/queue/delay}}'",
      "      QueueName: '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:n:SecretString:name}}'",
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      "      TopicName: '{{resolve:ssm:/my/topic/name}}'",
      '  V:',
      '    Type: AWS::EC2::Volume',
      '    Properties:',
      '      AvailabilityZone: us-east-1a',
      '      Size: 10',
      "      VolumeType: '{{resolve:ssm:/volume/type}}'",
    ].join('\n'),
  );
  assert.deepEqual(errorsOf(text), []);
});

test("other tools' tags (!Rain::Embed, !Rain::S3) are warnings and their values are not checked", () => {
  const text = template(
    [
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Role: arn:aws:iam::123456789012:role/x',
      '      Runtime: python3.12',
      '      Handler: index.handler',
      '      Code: !Rain::S3',
      '        Path: lambda-src',
      '      Timeout: !Rain::Constant Timeout',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: !Rain::Embed name.txt',
    ].join('\n'),
  );
  assert.deepEqual(errorsOf(text), []);
  assert.equal(findingsOf(text, /./).length, 3);
});

test('E3014: two exclusive properties on opposite branches of one condition are never set together', () => {
  const rule = (cidr: string) =>
    template(
      [
        'Parameters:',
        '  Source: {Type: String}',
        'Conditions:',
        '  HasSource: !Not [!Equals [!Ref Source, ""]]',
        'Resources:',
        '  SG:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties: {GroupDescription: d}',
        '  In:',
        '    Type: AWS::EC2::SecurityGroupIngress',
        '    Properties:',
        '      GroupId: !Ref SG',
        '      IpProtocol: tcp',
        '      FromPort: 22',
        '      ToPort: 22',
        "      SourceSecurityGroupId: !If [HasSource, !Ref Source, !Ref 'AWS::NoValue']",
        `      CidrIp: ${cidr}`,
      ].join('\n'),
    );
  assert.deepEqual(findingsOf(rule("!If [HasSource, !Ref 'AWS::NoValue', '0.0.0.0/0']"), /^E3014$/), []);
  assert.deepEqual(findingsOf(rule("!If [HasSource, '10.0.0.0/8', !Ref 'AWS::NoValue']"), /^E3014$/), ['E3014@17', 'E3014@18']);
});

test('E3013: the condition name of an Fn::If over CloudFront aliases is not an alias', () => {
  const text = template(
    [
      'Conditions:',
      '  HasAlias: !Equals [a, a]',
      'Resources:',
      '  D:',
      '    Type: AWS::CloudFront::Distribution',
      '    Properties:',
      '      DistributionConfig:',
      '        Enabled: true',
      '        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: allow-all}',
      '        Aliases: !If',
      '        - HasAlias',
      '        - [www.example.com, Bad_Alias]',
      "        - !Ref 'AWS::NoValue'",
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E3013$/), ['E3013@13']);
});

test('custom resources take any property but need ServiceToken (aws-resource-cloudformation-customresource)', () => {
  const custom = (type: string, properties: string) => template(['Resources:', '  C:', `    Type: ${type}`, ...(properties ? ['    Properties:', properties] : [])].join('\n'));
  assert.deepEqual(findingsOf(custom('AWS::CloudFormation::CustomResource', '      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f\n      Parameter: Value'), /^E30/), []);
  assert.deepEqual(findingsOf(custom('Custom::Thing', '      Anything: [1, 2]'), /^E3003$/), ['E3003@5']);
  assert.deepEqual(findingsOf(custom('Custom::Thing', ''), /^E3003$/), ['E3003@3']);
});

test('E3530: a trust statement without Action is shown where the statement opens (its { in JSON)', () => {
  const json = JSON.stringify(
    { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Actions: ['sts:AssumeRole'] }] } } } } },
    null,
    2,
  );
  const lines = validateText('t.json', json, 'template')
    .diagnostics.filter((d) => d.code === 'E3530' && /needs Action/.test(d.message))
    .map((d) => d.range.start.line + 1);
  const opening = json.split('\n').findIndex((line, index, all) => line.trim() === '{' && all[index + 1].includes('"Effect"')) + 1;
  assert.deepEqual(lines, [opening]);
});

test('E3710 for a shut-down service, W3696 for one whose end is announced, W3697 for launch configurations', () => {
  const text = template(
    [
      'Resources:',
      '  Channel:',
      '    Type: AWS::IoTAnalytics::Channel',
      '    Properties: {ChannelName: c}',
      '  Mesh:',
      '    Type: AWS::AppMesh::Mesh',
      '  Config:',
      '    Type: AWS::AutoScaling::LaunchConfiguration',
      '    Properties: {ImageId: ami-12345678, InstanceType: t3.micro}',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^(E3710|W3696|W3697)$/), ['E3710@5', 'W3696@7', 'W3697@10']);
});

test('E2533 for python3.8 and nodejs16.x, whose creation Lambda blocks (lambda-runtimes deprecated table)', () => {
  const fn = (runtime: string) =>
    template(['Resources:', '  F:', '    Type: AWS::Lambda::Function', '    Properties:', '      Role: arn:aws:iam::123456789012:role/r', '      Handler: i.h', `      Runtime: ${runtime}`, '      Code: {ZipFile: x}'].join('\n'));
  assert.deepEqual(findingsOf(fn('python3.8'), /^(E2533|W2531)$/), ['E2533@8']);
  assert.deepEqual(findingsOf(fn('nodejs16.x'), /^(E2533|W2531)$/), ['E2533@8']);
  assert.deepEqual(findingsOf(fn('python3.13'), /^(E2533|W2531)$/), []);
});

test('E3012: a list or map where a map of strings wants a string', () => {
  const text = template(
    [
      'Resources:',
      '  F:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Role: arn:aws:iam::123456789012:role/r',
      '      Handler: i.h',
      '      Runtime: python3.13',
      '      Code: {ZipFile: x}',
      '      Environment:',
      '        Variables:',
      '          GOOD: text',
      '          NUMBER: 3',
      '          LIST: [1, 2]',
      '          CHOSEN: !If [C, a, b]',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E3012$/), ['E3012@14']);
});

test('E1015: long-form Fn::GetAZs with null; the bare !GetAZs short form is fine', () => {
  const az = (value: string) =>
    template(['Resources:', '  S:', '    Type: AWS::EC2::Subnet', '    Properties:', '      VpcId: vpc-12345678', '      CidrBlock: 10.0.0.0/24', `      AvailabilityZone: ${value}`].join('\n'));
  assert.deepEqual(findingsOf(az('{"Fn::Select": [0, {"Fn::GetAZs": null}]}'), /^E1/), ['E1015@8']);
  assert.deepEqual(findingsOf(az('!Select [0, !GetAZs ""]'), /^E1/), []);
});

test('E1020: a Ref to a parameter without a Type', () => {
  const text = template(['Parameters:', '  Vpc:', '    Default: vpc-12345678', 'Resources:', '  SG:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: d', '      VpcId: !Ref Vpc'].join('\n'));
  assert.deepEqual(findingsOf(text, /^(E1020|E2001)$/), ['E2001@3', 'E1020@10']);
});

test('E3037: an IAM list declared unique holds an item twice, also when only one condition branch repeats it', () => {
  const group = (list: string) =>
    template(['Conditions:', '  C: !Equals [a, b]', 'Resources:', '  G:', '    Type: AWS::IAM::Group', '    Properties:', `      ManagedPolicyArns: ${list}`].join('\n'));
  assert.deepEqual(findingsOf(group('[arn:aws:iam::aws:policy/A, arn:aws:iam::aws:policy/A]'), /^E3037$/), ['E3037@8']);
  assert.deepEqual(findingsOf(group("[!If [C, arn:aws:iam::aws:policy/A, !Ref 'AWS::NoValue'], arn:aws:iam::aws:policy/A]"), /^E3037$/), ['E3037@8']);
  assert.deepEqual(findingsOf(group("[!If [C, arn:aws:iam::aws:policy/A, arn:aws:iam::aws:policy/B], arn:aws:iam::aws:policy/B]"), /^E3037$/), ['E3037@8']);
  assert.deepEqual(findingsOf(group('[arn:aws:iam::aws:policy/A, arn:aws:iam::aws:policy/B]'), /^E3037$/), []);
});

test('E3030: CodeDeploy ComputePlatform is Server, Lambda or ECS (API_CreateApplication)', () => {
  const app = (platform: string) => template(['Resources:', '  App:', '    Type: AWS::CodeDeploy::Application', '    Properties:', `      ComputePlatform: ${platform}`].join('\n'));
  assert.deepEqual(findingsOf(app('Lambdaax'), /^E3030$/), ['E3030@6']);
  assert.deepEqual(findingsOf(app('Lambda'), /^E3030$/), []);
});

test('E3002: a CIDR block with host bits set is not a network; W1030 when it comes from a Ref to a parameter Default', () => {
  const text = template(
    [
      'Parameters:',
      '  Block: {Type: String, Default: 192.168.1.0/0}',
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Properties: {CidrBlock: 10.0.0.0/16}',
      '  Wide:',
      '    Type: AWS::EC2::VPC',
      '    Properties: {CidrBlock: !Ref Block}',
      '  Filter:',
      '    Type: AWS::SES::ReceiptFilter',
      '    Properties:',
      '      Filter:',
      '        Name: f',
      '        IpFilter: {Policy: Block, Cidr: 10.0.0.1/24}',
      '  Route:',
      '    Type: AWS::EC2::Route',
      '    Properties: {RouteTableId: rtb-12345678, DestinationIpv6CidrBlock: "2001:db8::/32", GatewayId: igw-12345678}',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^(E3002|W1030)$/), ['W1030@10', 'E3002@16']);
});

test('W3037: an action the Service Authorization Reference does not list, with the likely one; wildcards match as IAM does', () => {
  const policy = (actions: string) =>
    template(
      ['Resources:', '  P:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      PolicyDocument:', "        Version: '2012-10-17'", '        Statement:', '          - Effect: Allow', `            Action: ${actions}`, "            Resource: '*'"].join('\n'),
    );
  const findings = (actions: string) => validateText('t.yaml', policy(actions), 'template').diagnostics.filter((d) => d.code === 'W3037');
  const typo = findings('[s3:GetObject, s3:ReplicationTags]');
  assert.equal(typo.length, 1);
  assert.match(typo[0].message, /s3:ReplicationTags.*did you mean s3:ReplicateTags\?/);
  assert.deepEqual(findings('[s3:Get*, "ec2:Describe?nstances", sqs:*, "*", newservice:DoThing]'), []);
  assert.equal(findings('[s3:Frobnicate*]').length, 1);
});

test('template quotas: more than 500 resources (E3010); over 51,200 bytes (I1002) and over 1 MB (E1002)', () => {
  const topics = (count: number, padding = 0) =>
    template(['Resources:', ...Array.from({ length: count }, (_, i) => `  T${i}:\n    Type: AWS::SNS::Topic${padding ? `\n    Metadata: {Note: ${'x'.repeat(padding)}}` : ''}`)].join('\n'));
  assert.deepEqual(findingsOf(topics(501), /^(E3010|E1002|I1002)$/), ['E3010@2']);
  assert.deepEqual(findingsOf(topics(10, 6000), /^(E1002|I1002)$/), ['I1002@1']);
  assert.deepEqual(findingsOf(topics(500), /^E3010$/), []);
  assert.deepEqual(findingsOf(topics(10), /^(E1002|I1002)$/), []);
  assert.deepEqual(findingsOf(topics(300, 3600), /^(E1002|I1002)$/), ['E1002@1']);
});
