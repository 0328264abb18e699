import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';

/** Findings (code@line, 1-based) of a YAML template. */
function findings(text: string): string[] {
  return validateText('t.yaml', text, 'template').diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`);
}

function codes(text: string): string[] {
  return validateText('t.yaml', text, 'template').diagnostics.map((d) => d.code);
}

const T = (body: string) => `AWSTemplateFormatVersion: "2010-09-09"\n${body}`;

// One case per check: a template that must trigger the rule (at a line) and a fix that must not.
const CASES: Array<{ rule: string; bad: string; at: number; good: string }> = [
  { rule: 'E1001', bad: T('Resourcez: {}\nResources:\n  A: {Type: AWS::SNS::Topic}\n'), at: 2, good: T('Resources:\n  A: {Type: AWS::SNS::Topic}\n') },
  { rule: 'E3001', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Propertiez: {}\n'), at: 5, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {}\n') },
  { rule: 'E3006', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topik\n'), at: 4, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n') },
  { rule: 'E3002', bad: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNam: x\n'), at: 6, good: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: x\n') },
  { rule: 'E3003', bad: T('Resources:\n  Q:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [a]\n'), at: 5, good: T('Resources:\n  Q:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [a]\n      PolicyDocument: {Statement: {Effect: Allow, Principal: "*", Action: "sqs:*"}}\n') },
  { rule: 'E3012', bad: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: [x]\n'), at: 6, good: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: "x"\n') },
  { rule: 'E3030', bad: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: Privat\n'), at: 6, good: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: Private\n') },
  { rule: 'E1020', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Nope\n'), at: 6, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref AWS::StackName\n') },
  { rule: 'E1010', bad: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.Nope\n'), at: 8, good: T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.Arn\n') },
  { rule: 'E1019', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${Missing}-x"\n'), at: 6, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${AWS::Region}-${!Literal}"\n') },
  { rule: 'E1029', bad: T('Parameters:\n  P: {Type: String}\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: "${P}-x"\n'), at: 8, good: T('Parameters:\n  P: {Type: String}\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${P}-x"\n') },
  { rule: 'E1011', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [Nope, a, b]\n'), at: 6, good: T('Mappings:\n  M:\n    a: {b: c}\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [M, a, b]\n') },
  { rule: 'E1022', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Join [",", "x"]\n'), at: 6, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Join [",", [a, b]]\n') },
  { rule: 'E1028', bad: T('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !If [D, a, b]\n'), at: 8, good: T('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !If [C, a, b]\n') },
  { rule: 'E3005', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: Nope\n'), at: 5, good: T('Resources:\n  B:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n') },
  { rule: 'E3004', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: A\n'), at: 3, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: A\n') },
  { rule: 'E3015', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Condition: Nope\n'), at: 5, good: T('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Condition: C\n') },
  { rule: 'E3035', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: Keep\n'), at: 5, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: Retain\n') },
  { rule: 'E3036', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    UpdateReplacePolicy: Snapshot\n'), at: 5, good: T('Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    UpdateReplacePolicy: Snapshot\n    Properties: {}\n') },
  { rule: 'E3019', bad: T('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: same}\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: same}\n'), at: 5, good: T('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: one}\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: two}\n') },
  { rule: 'E3687', bad: T('Resources:\n  I:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      IpProtocol: tcp\n      GroupId: sg-12345678\n      CidrIp: 10.0.0.0/8\n'), at: 5, good: T('Resources:\n  I:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      IpProtocol: "-1"\n      GroupId: sg-12345678\n      CidrIp: 10.0.0.0/8\n') },
  { rule: 'E1152', bad: T('Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-123\n'), at: 6, good: T('Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n') },
  { rule: 'E2533', bad: T('Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {Runtime: python2.7, Role: arn:aws:iam::123456789012:role/r, Code: {ZipFile: x}}\n'), at: 5, good: T('Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {Runtime: python3.13, Role: arn:aws:iam::123456789012:role/r, Code: {ZipFile: x}}\n') },
  { rule: 'E3510', bad: T('Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Alow\n            Action: "*"\n            Resource: "*"\n'), at: 8, good: T('Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n') },
  { rule: 'E3023', bad: T('Resources:\n  R:\n    Type: AWS::Route53::RecordSet\n    Properties: {Name: a.example.com, Type: A, HostedZoneId: Z1, TTL: "60", ResourceRecords: [300.1.1.1]}\n'), at: 5, good: T('Resources:\n  R:\n    Type: AWS::Route53::RecordSet\n    Properties: {Name: a.example.com, Type: A, HostedZoneId: Z1, TTL: "60", ResourceRecords: [10.1.1.1]}\n') },
  { rule: 'E3022', bad: T('Resources:\n  A:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: {SubnetId: subnet-12345678, RouteTableId: rtb-1}\n  B:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: {SubnetId: subnet-12345678, RouteTableId: rtb-2}\n'), at: 5, good: T('Resources:\n  A:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: {SubnetId: subnet-12345678, RouteTableId: rtb-1}\n  B:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: {SubnetId: subnet-87654321, RouteTableId: rtb-2}\n') },
  { rule: 'E3014', bad: T('Resources:\n  I:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      IpProtocol: "-1"\n      GroupId: sg-12345678\n      CidrIp: 10.0.0.0/8\n      CidrIpv6: ::/0\n'), at: 8, good: T('Resources:\n  I:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      IpProtocol: "-1"\n      GroupId: sg-12345678\n      CidrIp: 10.0.0.0/8\n') },
  { rule: 'E3013', bad: T('Resources:\n  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: allow-all}\n        Aliases: [WWW.Example.com]\n'), at: 9, good: T('Resources:\n  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: allow-all}\n        Aliases: [www.example.com]\n') },
  { rule: 'E1033', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: {"Fn::GetStackOutput": {StackName: s}}\n'), at: 6, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: {"Fn::GetStackOutput": {StackName: s, OutputName: o}}\n') },
  { rule: 'E5001', bad: T('Resources:\n  M:\n    Type: My::Org::Thing::MODULE\n    UpdatePolicy: {}\n'), at: 5, good: T('Resources:\n  M:\n    Type: My::Org::Thing::MODULE\n') },
  { rule: 'E2001', bad: T('Parameters:\n  P:\n    Type: String\n    Defualt: x\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\n'), at: 5, good: T('Parameters:\n  P:\n    Type: String\n    Default: x\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\n') },
  { rule: 'E2002', bad: T('Parameters:\n  P:\n    Type: Strin\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\n'), at: 4, good: T('Parameters:\n  P:\n    Type: String\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\n') },
  { rule: 'E2015', bad: T('Parameters:\n  P:\n    Type: String\n    Default: c\n    AllowedValues: [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\n'), at: 5, good: T('Parameters:\n  P:\n    Type: String\n    Default: a\n    AllowedValues: [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\n') },
  { rule: 'W2001', bad: T('Parameters:\n  P: {Type: String}\nResources:\n  A:\n    Type: AWS::SNS::Topic\n'), at: 3, good: T('Parameters:\n  P: {Type: String}\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\n') },
  { rule: 'E8003', bad: T('Conditions:\n  C: !Equals [a]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Condition: C\n'), at: 3, good: T('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Condition: C\n') },
  { rule: 'W8001', bad: T('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n'), at: 3, good: T('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Condition: C\n') },
  { rule: 'E7001', bad: T('Mappings:\n  M:\n    a: b\nResources:\n  A:\n    Type: AWS::SNS::Topic\n'), at: 4, good: T('Mappings:\n  M:\n    a: {b: c}\nResources:\n  A:\n    Type: AWS::SNS::Topic\n') },
  { rule: 'E6002', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\nOutputs:\n  O:\n    Description: x\n'), at: 6, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\nOutputs:\n  O:\n    Value: !Ref A\n') },
  { rule: 'E6001', bad: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\nOutputs:\n  O:\n    Value: !Ref A\n    Exprt: {Name: x}\n'), at: 8, good: T('Resources:\n  A:\n    Type: AWS::SNS::Topic\nOutputs:\n  O:\n    Value: !Ref A\n    Export: {Name: x}\n') },
];

for (const c of CASES) {
  test(`${c.rule}: reported where it applies, silent on the fix`, () => {
    assert.ok(findings(c.bad).includes(`${c.rule}@${c.at}`), `expected ${c.rule}@${c.at} in ${JSON.stringify(findings(c.bad))}`);
    assert.deepEqual(codes(c.good), [], `expected no findings in the fixed template`);
  });
}

test('E3043: parameters passed to a local nested stack template are checked against it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-nested-'));
  fs.writeFileSync(path.join(dir, 'child.yaml'), T('Parameters:\n  Needed: {Type: String}\n  Optional: {Type: String, Default: x}\nResources:\n  A: {Type: AWS::SNS::Topic}\n'));
  const parent = (params: string) => T(`Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n      Parameters:\n${params}`);
  const run = (text: string) => validateText(path.join(dir, 'parent.yaml'), text, 'template').diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.message}`);
  assert.deepEqual(run(parent('        Needed: a\n')), []);
  const found = run(parent('        Optional: a\n        Unknown: b\n'));
  assert.equal(found.length, 2, found.join('\n'));
  assert.match(found[0], /^E3043@7:.*does not pass Needed/);
  assert.match(found[1], /^E3043@9:.*no parameter "Unknown"/);
  fs.rmSync(dir, { recursive: true });
});

test('did-you-mean suggestions carry the replacement for the quick fix', () => {
  const result = validateText('t.yaml', T('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNam: x\n'), 'template');
  const finding = result.diagnostics.find((d) => d.code === 'E3002')!;
  assert.match(finding.message, /did you mean BucketName\?/);
  assert.equal(finding.data?.replacement, 'BucketName');
});

test('cfn-lint ignore_checks in Metadata is honoured at template and resource level', () => {
  const bad = 'Resources:\n  A:\n    Type: AWS::SNS::Topik\n';
  assert.deepEqual(codes(T(`Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [E3006]\n${bad}`)), []);
  assert.deepEqual(codes(T(`Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [E3]\n${bad}`)), []);
  const scoped = T('Resources:\n  A:\n    Type: AWS::SNS::Topik\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [E3006]\n  B:\n    Type: AWS::SNS::Topik\n');
  assert.deepEqual(findings(scoped), ['E3006@10']);
});

test('SAM templates are not held to the names the transform creates', () => {
  const sam = T('Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function: {Timeout: 3}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: i.h, Runtime: nodejs22.x, CodeUri: .}\nOutputs:\n  R:\n    Value: !Ref FRole\n');
  assert.deepEqual(codes(sam), []);
});
