import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineFindings } from '../helpers';

const connection = { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' };

test('a trigger names a CodeStarSourceConnection source action of the first stage', () => {
  const ok = pipelineFindings((p) => {
    p.stages[0].actions[0].actionTypeId = connection;
    p.stages[0].actions[0].configuration = { ConnectionArn: 'arn:aws:codeconnections:us-east-1:0:connection/x', FullRepositoryId: 'o/r', BranchName: 'main' };
    p.stages[0].actions[0].namespace = undefined;
    p.stages[2].actions[0].configuration = { ApplicationName: 'a', DeploymentGroupName: 'g' };
    p.triggers = [{ providerType: 'CodeStarSourceConnection', gitConfiguration: { sourceActionName: 'Source', push: [{ branches: { includes: ['main'] } }] } }];
  });
  assert.deepEqual(ok, []);
  const misspelt = pipelineFindings((p) => (p.triggers = [{ providerType: 'CodeStarSourceConnection', gitConfiguration: { sourceActionName: 'Sorce' } }]));
  assert.deepEqual(misspelt.map((d) => d.code), ['EP111']);
  assert.equal(misspelt[0].data?.replacement, 'Source');
  const codecommit = pipelineFindings((p) => (p.triggers = [{ providerType: 'CodeStarSourceConnection', gitConfiguration: { sourceActionName: 'Source' } }]));
  assert.match(codecommit[0].message, /CodeStarSourceConnection source actions; "Source" is a CodeCommit action/);
});

test('variables, triggers and PARALLEL need a V2 pipeline', () => {
  const result = pipelineFindings((p) => {
    p.pipelineType = 'V1';
    p.executionMode = 'PARALLEL';
    p.stages[2].actions[0].configuration = { ApplicationName: 'a', DeploymentGroupName: 'g' };
  });
  assert.deepEqual(result.map((d) => d.code), ['EP112', 'EP112']);
});
