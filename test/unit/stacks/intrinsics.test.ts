import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, NO_VALUE, Unresolved, cidr, resourceProperties, evaluateOutputs } from '../../../runtime/template/eval';
import { prepare } from './helpers';

/** Evaluates one value inside a template with the given preamble (Parameters, Mappings…). */
function value(expression: string, preamble = '', given: Record<string, string> = {}): unknown {
  const evaluated = prepare(`${preamble}\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      V: ${expression}\n`, { parameters: given });
  return resourceProperties(evaluated, 'R', { ref: (id) => `${id}-physical`, getAtt: (id, attr) => `${id}.${attr}-value` }).V;
}

describe('intrinsic functions (examples from the AWS intrinsic-function reference)', () => {
  it('Fn::Base64 encodes "AWS CloudFormation"', () => {
    assert.equal(value('!Base64 "AWS CloudFormation"'), 'QVdTIENsb3VkRm9ybWF0aW9u');
  });

  it('Fn::Cidr splits 192.168.0.0/24 into six /27 subnets', () => {
    assert.deepEqual(value('!Cidr ["192.168.0.0/24", 6, 5]'), [
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ]);
  });

  it('Fn::Cidr handles IPv6 blocks with 64 host bits', () => {
    assert.deepEqual(cidr('2001:db8:1234:1a00::/56', 2, 64), ['2001:db8:1234:1a00::/64', '2001:db8:1234:1a01::/64']);
    assert.throws(() => cidr('10.0.0.0/24', 9, 5), /holds only 8 subnets/);
  });

  it('Fn::FindInMap returns the AMI for the stack region', () => {
    const preamble = 'Mappings:\n  RegionMap:\n    us-east-1:\n      HVM64: ami-0ff8a91507f77f867\n      HVMG2: ami-0a584ac55a7631c0c\n    us-west-1:\n      HVM64: ami-0bdb828fd58c52235';
    assert.equal(value('!FindInMap [RegionMap, !Ref "AWS::Region", HVM64]', preamble), 'ami-0ff8a91507f77f867');
    assert.throws(() => value('!FindInMap [RegionMap, eu-west-1, HVM64]', preamble), /key 'eu-west-1' not found in mapping 'RegionMap'/);
  });

  it('Fn::FindInMap returns DefaultValue when the key is missing (AWS::LanguageExtensions)', () => {
    const preamble = 'Transform: AWS::LanguageExtensions\nMappings:\n  RegionMap:\n    us-east-1:\n      InstanceType: t2.micro';
    assert.equal(value('!FindInMap [RegionMap, us-west-2, InstanceType, {DefaultValue: t3.micro}]', preamble), 't3.micro');
    assert.equal(value('!FindInMap [RegionMap, us-east-1, InstanceType, {DefaultValue: t3.micro}]', preamble), 't2.micro');
    assert.throws(() => value('!FindInMap [M, a, b, {DefaultValue: x}]', 'Mappings:\n  M:\n    a:\n      c: d'), /AWS::LanguageExtensions/);
  });

  it('Fn::GetAZs evaluates to the five us-east-1 zones for "", the region and its name', () => {
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e'];
    assert.deepEqual(value('!GetAZs ""'), zones);
    assert.deepEqual(value('!GetAZs {Ref: "AWS::Region"}'), zones);
    assert.deepEqual(value('{"Fn::GetAZs": us-east-1}'), zones);
  });

  it('Fn::Join joins with a delimiter, including pseudo parameters', () => {
    assert.equal(value('!Join [":", [a, b, c]]'), 'a:b:c');
    assert.equal(value('!Join ["", ["arn:", !Ref AWS::Partition, ":s3:::elasticbeanstalk-*-", !Ref AWS::AccountId]]'), 'arn:aws:s3:::elasticbeanstalk-*-000000000000');
  });

  it('Fn::Select picks by index, and refuses a nonexistent index', () => {
    assert.equal(value('!Select ["1", ["apples", "grapes", "oranges", "mangoes"]]'), 'grapes');
    assert.equal(value('!Select [0, !GetAZs ""]'), 'us-east-1a');
    assert.throws(() => value('!Select [4, [a, b]]'), /cannot select nonexistent value at index 4/);
  });

  it('Fn::Split keeps empty strings between and after delimiters', () => {
    assert.deepEqual(value('!Split ["|", "a|b|c"]'), ['a', 'b', 'c']);
    assert.deepEqual(value('!Split ["|", "a||c|"]'), ['a', '', 'c', '']);
    assert.equal(value('!Select [2, !Split [",", !ImportValue x]]'.replace('!ImportValue x', '"a,b,c"')), 'c');
  });

  it('Fn::Sub substitutes variables, pseudo parameters, resources and attributes; ${!Literal} stays literal', () => {
    assert.equal(
      value('!Sub ["arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${vpc}", {vpc: !Ref Vpc}]', 'Parameters:\n  Vpc:\n    Type: String\n    Default: vpc-1234'),
      'arn:aws:ec2:us-east-1:000000000000:vpc/vpc-1234',
    );
    assert.equal(value('!Sub "www.${Domain}"', 'Parameters:\n  Domain:\n    Type: String', { Domain: 'example.com' }), 'www.example.com');
    assert.equal(value('!Sub "${!Literal}-${AWS::StackName}"'), '${Literal}-test-stack');
    assert.equal(value('!Sub "${R}/${R.Arn}"'), 'R-physical/R.Arn-value');
  });

  it('Fn::Length and Fn::ToJsonString (AWS::LanguageExtensions)', () => {
    const preamble = 'Transform: AWS::LanguageExtensions\nParameters:\n  ParameterName:\n    Type: String\n    Default: resolvedValue\n  Queues:\n    Type: CommaDelimitedList\n    Default: "a, b, c"';
    assert.equal(value('!Length [1, 2, 3]', preamble), 3);
    assert.equal(value('!Length {Ref: Queues}', preamble), 3);
    assert.equal(value('!ToJsonString {key1: value1, key2: !Ref ParameterName}', preamble), '{"key1":"value1","key2":"resolvedValue"}');
    assert.equal(value('!ToJsonString [a, !Ref ParameterName]', preamble), '["a","resolvedValue"]');
    assert.throws(() => value('!Length [1]'), /needs "Transform: AWS::LanguageExtensions"/);
  });

  it('Fn::If with AWS::NoValue removes the property', () => {
    const preamble = 'Parameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  IsProd: !Equals [!Ref Env, prod]';
    const evaluated = prepare(`${preamble}\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: !If [IsProd, big, small]\n      B: !If [IsProd, x, !Ref AWS::NoValue]\n      C: [one, !If [IsProd, two, !Ref AWS::NoValue]]\n`);
    assert.deepEqual(resourceProperties(evaluated, 'R', { ref: () => '', getAtt: () => '' }), { A: 'small', C: ['one'] });
  });

  it('condition functions: Fn::Equals, Fn::And, Fn::Or, Fn::Not and Condition', () => {
    const evaluated = prepare(
      [
        'Parameters:',
        '  Env: {Type: String, Default: prod}',
        '  Count: {Type: Number, Default: 3}',
        'Conditions:',
        '  IsProd: !Equals [!Ref Env, prod]',
        '  IsThree: !Equals [!Ref Count, 3]',
        '  Both: !And [!Condition IsProd, !Condition IsThree]',
        '  Either: !Or [!Equals [sg-mysggroup, !Ref Env], !Condition IsProd]',
        '  NotProd: !Not [!Condition IsProd]',
        'Resources:',
        '  R: {Type: AWS::SNS::Topic}',
        '  Dev: {Type: AWS::SNS::Topic, Condition: NotProd}',
      ].join('\n'),
    );
    assert.deepEqual(evaluated.conditions, { IsProd: true, IsThree: true, Both: true, Either: true, NotProd: false });
    assert.deepEqual(Object.keys(evaluated.resources), ['R']);
  });

  it('Ref on a resource that is not created is refused, and unknown names are named', () => {
    assert.throws(() => value('!Ref Missing'), /Unresolved resource dependencies \[Missing\]/);
    assert.throws(() => value('!Sub "${Nope}"'), /\$\{Nope\} is not a parameter/);
  });

  it('pseudo parameters have the local account values', () => {
    assert.equal(value('!Sub "${AWS::AccountId}|${AWS::Region}|${AWS::Partition}|${AWS::URLSuffix}|${AWS::StackId}"'), '000000000000|us-east-1|aws|amazonaws.com|arn:aws:cloudformation:us-east-1:000000000000:stack/test-stack/1');
    assert.deepEqual(value('!Ref AWS::NotificationARNs'), []);
  });

  it('values of resources not created yet are Unresolved, and functions propagate them', () => {
    const evaluated = prepare('Resources:\n  A: {Type: AWS::SNS::Topic}\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      Name: !Join ["-", [!Ref A, x]]\n');
    const properties = resourceProperties(evaluated, 'B');
    assert.ok(properties.Name instanceof Unresolved);
    assert.deepEqual((properties.Name as Unresolved).causes, ['A']);
    assert.equal(evaluate({ Ref: 'AWS::NoValue' }, evaluated.ctx), NO_VALUE);
  });

  it('outputs honour their condition and evaluate export names', () => {
    const evaluated = prepare('Conditions:\n  No: !Equals [a, b]\nResources:\n  A: {Type: AWS::SNS::Topic}\nOutputs:\n  Name:\n    Value: !Ref A\n    Export: {Name: !Sub "${AWS::StackName}-A"}\n  Hidden:\n    Condition: No\n    Value: x\n');
    assert.deepEqual(evaluateOutputs(evaluated, { ref: () => 'topic-1', getAtt: () => '' }), [{ key: 'Name', value: 'topic-1', exportName: 'test-stack-A' }]);
  });
});
