import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../runtime/common/yaml/document';
import { templateModel, declarationFor } from '../../../runtime/template/model';

const TEXT = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env:
    Type: String
Mappings:
  Regions:
    us-east-1: { Ami: ami-1 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Topic:
    Type: AWS::SNS::Topic
    DependsOn: [Bucket]
    Properties:
      TopicName: !Sub "x-\${Bucket.Arn}-\${Env}-\${!Lit}"
      DisplayName: !GetAtt Bucket.DomainName
      Other: { "Fn::GetAtt": [Bucket, Arn] }
      Ami: !FindInMap [Regions, !Ref "AWS::Region", Ami]
      Choice: !If [IsProd, a, b]
      Listed: !Sub
        - "\${Local}-\${Env}"
        - Local: !Ref Bucket
Outputs:
  Out:
    Condition: NotProd
    Value: !Ref Topic
`;

function at(text: string, line: number, character: number, length: number) {
  return text.split('\n')[line].slice(character, character + length);
}

test('sections and declarations carry their positions', () => {
  const model = templateModel(parseDocument('t.yaml', TEXT));
  assert.deepEqual([...model.sections.keys()], ['AWSTemplateFormatVersion', 'Transform', 'Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs']);
  assert.deepEqual(model.transforms, ['AWS::Serverless-2016-10-31']);
  const topic = model.resources.get('Topic')!;
  assert.equal(topic.type, 'AWS::SNS::Topic');
  assert.deepEqual(topic.keyRange.start, { line: 15, character: 2 });
  assert.ok(model.parameters.has('Env') && model.mappings.has('Regions') && model.conditions.has('NotProd') && model.outputs.has('Out'));
});

test('every reference names its target with the exact range of the name', () => {
  const model = templateModel(parseDocument('t.yaml', TEXT));
  const seen = model.references.map((r) => {
    const text = at(TEXT, r.range.start.line, r.range.start.character, r.range.end.character - r.range.start.character);
    return `${r.from.id}:${r.via}:${r.name}${r.attribute ? '.' + r.attribute : ''}=${text}`;
  });
  assert.deepEqual(seen.sort(), [
    'Bucket:Condition:IsProd=IsProd',
    'IsProd:Ref:Env=Env',
    'NotProd:Condition:IsProd=IsProd',
    'Out:Condition:NotProd=NotProd',
    'Out:Ref:Topic=Topic',
    'Topic:DependsOn:Bucket=Bucket',
    'Topic:FindInMap:Regions=Regions',
    'Topic:GetAtt:Bucket.Arn=Bucket',
    'Topic:GetAtt:Bucket.DomainName=Bucket',
    'Topic:If:IsProd=IsProd',
    'Topic:Ref:AWS::Region=AWS::Region',
    'Topic:Ref:Bucket=Bucket',
    'Topic:Sub:Bucket.Arn=Bucket',
    'Topic:Sub:Env=Env',
    'Topic:Sub:Env=Env',
  ]);
  const getAtt = model.references.find((r) => r.attribute === 'DomainName')!;
  assert.equal(at(TEXT, getAtt.attributeRange!.start.line, getAtt.attributeRange!.start.character, 10), 'DomainName');
  const subAttr = model.references.find((r) => r.via === 'Sub' && r.attribute === 'Arn')!;
  assert.equal(at(TEXT, subAttr.attributeRange!.start.line, subAttr.attributeRange!.start.character, 3), 'Arn');
  assert.equal(declarationFor(model, { via: 'Ref', name: 'Env' })?.section, 'Parameters');
  assert.equal(declarationFor(model, { via: 'If', name: 'IsProd' })?.section, 'Conditions');
});

test('Fn::Sub strings keep their variables, locals and escapes apart', () => {
  const model = templateModel(parseDocument('t.yaml', TEXT));
  assert.equal(model.subs.length, 2);
  assert.deepEqual(model.subs[0].variables.map((v) => v.name), ['Bucket.Arn', 'Env']);
  assert.deepEqual([...model.subs[1].locals.keys()], ['Local']);
});

test('JSON templates and broken YAML still produce a model', () => {
  const source = '{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "${B}"}}}}}';
  const json = templateModel(parseDocument('t.json', source));
  const ref = json.references[0];
  assert.equal(ref.name, 'B');
  const offset = source.indexOf('${B}') + 2;
  assert.deepEqual(ref.range, { start: { line: 0, character: offset }, end: { line: 0, character: offset + 1 } });
  const broken = templateModel(parseDocument('t.yaml', 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref\n  B:\n    Type: [\n'));
  assert.ok(broken.resources.has('A'));
  assert.equal(broken.resources.get('A')!.type, 'AWS::SNS::Topic');
});
