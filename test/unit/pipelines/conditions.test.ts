import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../runtime/common/errors';
import { parsePipeline } from '../../../runtime/pipelines';
import { command, create, gitRepo, localSource, run, sandbox } from './helpers';

function conditioned(result: string, operator: string, value: string): string {
  return `pipeline:
  name: conditions
  pipelineType: V2
  stages:
${localSource()}    - name: Deploy
      beforeEntry:
        conditions:
          - result: ${result}
            rules:
              - name: OnlyMain
                ruleTypeId: { category: Rule, owner: AWS, provider: VariableCheck, version: "1" }
                configuration: { Variable: "#{SourceVariables.BranchName}", Operator: ${operator}, Value: "${value}" }
      actions:
${command('Deploy', 'true')}    - name: After
      actions:
${command('After', 'true')}`;
}

test('beforeEntry VariableCheck: a passing condition enters the stage', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const done = await run(box, create(box, conditioned('FAIL', 'EQ', 'main')));
    assert.equal(done.status, 'Succeeded', done.statusSummary);
    assert.equal(done.stages[1].status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});

test('beforeEntry with result FAIL fails the stage and the execution, saying which rule', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const done = await run(box, create(box, conditioned('FAIL', 'MATCHES', '^release/')));
    assert.equal(done.status, 'Failed');
    assert.equal(done.stages[1].status, 'Failed');
    assert.equal(done.stages[1].actions[0].status, 'NotStarted', 'no action ran');
    assert.match(done.statusSummary!, /Entry condition rule OnlyMain failed: #\{SourceVariables\.BranchName\} is "main", not MATCHES "\^release\/"/);
  } finally {
    box.cleanup();
  }
});

test('beforeEntry with result SKIP skips the stage and continues', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const done = await run(box, create(box, conditioned('SKIP', 'CONTAINS', 'feature')));
    assert.equal(done.status, 'Succeeded');
    assert.equal(done.stages[1].status, 'Skipped');
    assert.equal(done.stages[2].status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});

test('rules that cannot run locally are refused when the pipeline is read', () => {
  const text = conditioned('FAIL', 'EQ', 'main').replace('provider: VariableCheck', 'provider: DeploymentWindow');
  assert.throws(() => parsePipeline('p.yaml', text), (error: Error) => error instanceof InputError && /^p\.yaml:18: rule provider "DeploymentWindow" cannot run locally/.test(error.message));
});
