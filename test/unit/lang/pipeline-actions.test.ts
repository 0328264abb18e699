import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineFindings } from './helpers';

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
