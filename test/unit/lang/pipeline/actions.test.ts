import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineFindings } from '../helpers';

test('unknown categories are errors with a replacement', () => {
  const result = pipelineFindings((p) => ((p.stages[1].actions[0].actionTypeId as Record<string, string>).category = 'Biuld'));
  assert.ok(result.some((d) => d.code === 'EP106' && d.data?.replacement === 'Build'));
});

test('required configuration keys per provider', () => {
  const result = pipelineFindings((p) => (p.stages[0].actions[0].configuration = { RepositoryName: 'demo' }));
  assert.deepEqual(result.map((d) => d.code), ['EP107']);
  assert.match(result[0].message, /"BranchName"/);
  const cfn = pipelineFindings((p) => {
    p.stages[2].actions[0].actionTypeId = { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' };
    p.stages[2].actions[0].configuration = { ActionMode: 'CREATE_UPADTE', StackName: 's', TemplatePath: 'BuildOutput::t.yaml' };
  });
  assert.deepEqual(cfn.map((d) => d.code), ['EP107']);
  assert.equal(cfn[0].data?.replacement, 'CREATE_UPDATE');
});

test('unknown configuration keys are warnings with a replacement', () => {
  const result = pipelineFindings((p) => (p.stages[1].actions[0].configuration = { ProjectName: 'demo', EnviromentVariables: '[]' }));
  assert.deepEqual(result.map((d) => `${d.code}:${d.severity}`), ['WP108:warning']);
  assert.equal(result[0].data?.replacement, 'EnvironmentVariables');
});

test('manual approvals need no configuration', () => {
  const result = pipelineFindings((p) =>
    p.stages.splice(2, 0, { name: 'Approve', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] }),
  );
  assert.deepEqual(result, []);
});

// https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-action-artifacts.html
test('each action type takes the documented number of input and output artifacts (EP113)', () => {
  const noRevision = pipelineFindings((p) => (p.stages[2].actions[0].inputArtifacts = []));
  assert.deepEqual(noRevision.map((d) => d.code), ['EP113']);
  assert.match(noRevision[0].message, /CodeDeploy deploy actions take 1 input artifact; "Deploy" has 0/);
  const sourceWithInput = pipelineFindings((p) => (p.stages[0].actions[0].inputArtifacts = [{ name: 'SourceOutput' }]));
  assert.ok(sourceWithInput.some((d) => d.code === 'EP113' && /take 0 input artifacts/.test(d.message)));
  const tooManyOutputs = pipelineFindings((p) => (p.stages[0].actions[0].outputArtifacts = [{ name: 'SourceOutput' }, { name: 'Second' }]));
  assert.deepEqual(tooManyOutputs.map((d) => d.code), ['EP113']);
  // An AWS-only type (no local provider) is checked from the catalog.
  const lambda = pipelineFindings((p) => {
    p.stages[2].actions[0].actionTypeId = { category: 'Invoke', owner: 'AWS', provider: 'Lambda', version: '1' };
    p.stages[2].actions[0].configuration = { FunctionName: 'f' };
    p.stages[2].actions[0].outputArtifacts = [1, 2, 3, 4, 5, 6].map((n) => ({ name: `Out${n}` }));
  });
  assert.deepEqual(lambda.map((d) => d.code), ['EP113']);
});

test('a Custom action with a local provider is checked from its provider: LocalGit configuration keys', () => {
  const result = pipelineFindings((p) => {
    p.stages[0].actions[0].actionTypeId = { category: 'Source', owner: 'Custom', provider: 'LocalGit', version: '1' };
    p.stages[0].actions[0].configuration = { RepositoryPath: '.', BranchName: 'main', Branch: 'x' };
  });
  assert.deepEqual(result.map((d) => d.code), ['WP108']);
  assert.match(result[0].message, /LocalGit actions take no configuration "Branch"/);
});
