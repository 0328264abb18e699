import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument, documentValue } from '../../../runtime/common/yaml/document';
import { buildDependencyGraph, findCycles, topologicalLevels, DependencyCycleError } from '../../../runtime/template/graph';

function graphOf(yaml: string, conditionValues?: Record<string, boolean>) {
  const value = documentValue(parseDocument('t.yaml', yaml)) as Record<string, unknown>;
  return buildDependencyGraph(value, { conditionValues });
}

const TEMPLATE = `
Parameters:
  Env: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub "\${Env}-\${Bucket}-\${AWS::Region}-\${!Literal}"
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
    DependsOn: Topic
    Properties:
      QueueName: !GetAtt Bucket.Arn
  Role:
    Type: AWS::IAM::Role
    DependsOn: [Queue]
    Properties:
      Path: !Sub
        - "\${Arn}/\${Topic.TopicName}"
        - Arn: !GetAtt [Queue, Arn]
      Other: !If [IsProd, !Ref Bucket, !Ref AWS::NoValue]
Outputs:
  Name:
    Value: !Ref Role
`;

test('edges come from Ref, GetAtt, both Sub forms and DependsOn', () => {
  const graph = graphOf(TEMPLATE);
  assert.deepEqual([...graph.dependsOn.get('Topic')!], ['Bucket']);
  assert.deepEqual([...graph.dependsOn.get('Queue')!].sort(), ['Bucket', 'Topic']);
  assert.deepEqual([...graph.dependsOn.get('Role')!].sort(), ['Bucket', 'Queue', 'Topic']);
  assert.deepEqual([...graph.dependents.get('Bucket')!].sort(), ['Queue', 'Role', 'Topic']);
  assert.deepEqual([...graph.parameters.get('Topic')!], ['Env']);
  assert.deepEqual([...graph.conditions.get('Queue')!], ['IsProd']);
  assert.deepEqual([...graph.conditions.get('Role')!], ['IsProd']);
  assert.deepEqual([...graph.outputs.get('Name')!], ['Role']);
});

test('escaped ${!Literal}, pseudo parameters and Sub-local variables are not references', () => {
  const graph = graphOf(TEMPLATE);
  const names = graph.references.map((r) => r.to);
  assert.ok(!names.includes('!Literal') && !names.includes('Literal'));
  assert.ok(!names.includes('Arn'));
  const pseudo = graph.references.filter((r) => r.targetKind === 'pseudo').map((r) => r.to);
  assert.deepEqual(pseudo, ['AWS::NoValue']);
  const sub = graph.references.find((r) => r.via === 'Sub' && r.to === 'Topic')!;
  assert.equal(sub.attribute, 'TopicName');
  assert.deepEqual(sub.path, ['Resources', 'Role', 'Properties', 'Path', 'Fn::Sub', 0]);
});

test('unknown targets are kept as unresolved references, not edges', () => {
  const graph = graphOf(`
Resources:
  A:
    Type: AWS::SNS::Topic
    DependsOn: Missing
    Properties:
      TopicName: !Ref Nope
      DisplayName: !GetAtt Gone.Arn
`);
  assert.equal(graph.dependsOn.get('A')!.size, 0);
  const unknown = graph.references.filter((r) => r.targetKind === 'unknown').map((r) => `${r.via}:${r.to}`);
  assert.deepEqual(unknown.sort(), ['DependsOn:Missing', 'GetAtt:Gone', 'Ref:Nope']);
});

test('known condition values prune the branch not taken', () => {
  const graph = graphOf(TEMPLATE, { IsProd: false });
  assert.deepEqual([...graph.dependsOn.get('Role')!].sort(), ['Queue', 'Topic']);
});

test('topological levels order creation and group parallel resources', () => {
  const levels = topologicalLevels(graphOf(TEMPLATE));
  assert.deepEqual(levels, [['Bucket'], ['Topic'], ['Queue'], ['Role']]);
  const flat = topologicalLevels(
    graphOf(`
Resources:
  A: { Type: AWS::SNS::Topic }
  B: { Type: AWS::SNS::Topic }
  C: { Type: AWS::SNS::Topic, DependsOn: [A, B] }
`),
  );
  assert.deepEqual(flat, [['A', 'B'], ['C']]);
});

test('cycles are named, including self references, and block ordering', () => {
  const graph = graphOf(`
Resources:
  A: { Type: AWS::SNS::Topic, Properties: { TopicName: !Ref C } }
  B: { Type: AWS::SNS::Topic, Properties: { TopicName: !GetAtt A.TopicName } }
  C: { Type: AWS::SNS::Topic, DependsOn: B }
  D: { Type: AWS::SNS::Topic, Properties: { TopicName: !Sub "\${D}" } }
  E: { Type: AWS::SNS::Topic, DependsOn: A }
`);
  assert.deepEqual(findCycles(graph), [['A', 'B', 'C'], ['D']]);
  assert.throws(() => topologicalLevels(graph), (error: unknown) => {
    assert.ok(error instanceof DependencyCycleError);
    assert.deepEqual(error.cycles, [['A', 'B', 'C'], ['D']]);
    return true;
  });
});

test('a 10,000-resource chain neither overflows nor misses the cycle', () => {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < 10_000; i++) resources[`R${i}`] = { Type: 'AWS::SNS::Topic', DependsOn: i === 0 ? 'R9999' : `R${i - 1}` };
  const graph = buildDependencyGraph({ Resources: resources });
  const cycles = findCycles(graph);
  assert.equal(cycles.length, 1);
  assert.equal(cycles[0].length, 10_000);
});

test('malformed sections are tolerated', () => {
  const graph = buildDependencyGraph({ Resources: ['x'], Outputs: 'y', Parameters: null });
  assert.deepEqual(graph.resources, []);
  assert.deepEqual(topologicalLevels(graph), []);
});
