import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import '../../../runtime/plugins';
import { providerFor, type ProviderContext } from '../../../runtime/stacks/provider';
import { PipelineStore, type ExecutionRecord } from '../../../runtime/pipelines';
import { gitRepo, sandbox, type Sandbox } from './helpers';

const properties = {
  Name: 'from-stack',
  PipelineType: 'V2',
  Variables: [{ Name: 'Who', DefaultValue: 'stack' }],
  DisableInboundStageTransitions: [{ StageName: 'Say', Reason: 'held by the template' }],
  Stages: [
    {
      Name: 'Source',
      Actions: [
        {
          Name: 'Source',
          ActionTypeId: { Category: 'Source', Owner: 'Custom', Provider: 'LocalGit', Version: '1' },
          Configuration: { RepositoryPath: 'workspace-repo', BranchName: 'main' },
          OutputArtifacts: [{ Name: 'Src' }],
        },
      ],
    },
    {
      Name: 'Say',
      Actions: [
        {
          Name: 'Say',
          ActionTypeId: { Category: 'Invoke', Owner: 'Custom', Provider: 'Command', Version: '1' },
          Configuration: { Command: 'echo #{variables.Who}' },
          InputArtifacts: [{ Name: 'Src' }],
        },
      ],
    },
  ],
};

function context(box: Sandbox): ProviderContext {
  return {
    store: box.state,
    stackName: 'ci',
    stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/ci/1',
    logicalId: 'Pipeline',
    resourceType: 'AWS::CodePipeline::Pipeline',
    region: 'us-east-1',
    accountId: '000000000000',
    templateDir: box.dir,
    log: () => undefined,
  };
}

function until(box: Sandbox, name: string, predicate: (e: ExecutionRecord) => boolean): Promise<ExecutionRecord> {
  const dir = box.state.ensure('pipelines', name, 'executions');
  return new Promise((resolve) => {
    const check = () => {
      const found = box.pipelines.executions(name).find(predicate);
      if (found) {
        watcher.close();
        resolve(found);
      }
    };
    const watcher = fs.watch(dir, check);
    check();
  });
}

test('AWS::CodePipeline::Pipeline creates a working pipeline, starts its first execution and deletes it', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const provider = providerFor('AWS::CodePipeline::Pipeline');
    assert.ok(provider, 'registered with the stack engine');
    const created = await provider.create(properties, context(box));
    assert.deepEqual(created, { physicalId: 'from-stack', attributes: { Version: '1' } });
    const record = new PipelineStore(box.state).require('from-stack');
    assert.deepEqual(record.managedBy, { stackName: 'ci', logicalId: 'Pipeline' });
    assert.deepEqual(record.transitions.Say, { enabled: false, reason: 'held by the template', lastChangedAt: record.transitions.Say.lastChangedAt });
    // The detached worker runs Source, then the execution waits at the disabled transition.
    const held = await until(box, 'from-stack', (e) => e.stages[0].status === 'Succeeded');
    assert.equal(held.trigger.triggerType, 'CreatePipeline');
    const updated = await provider.update('from-stack', { ...properties, DisableInboundStageTransitions: [] }, properties, context(box));
    assert.equal(updated.attributes.Version, '2');
    assert.equal(new PipelineStore(box.state).require('from-stack').transitions.Say.enabled, true);
    await provider.delete('from-stack', properties, context(box));
    assert.equal(new PipelineStore(box.state).get('from-stack'), undefined);
  } finally {
    box.cleanup();
  }
});

test('a template pipeline that cannot run fails the resource with the reason', async () => {
  const box = sandbox();
  try {
    const provider = providerFor('AWS::CodePipeline::Pipeline')!;
    const broken = { ...properties, Stages: [properties.Stages[1], properties.Stages[0]] };
    await assert.rejects(provider.create(broken, context(box)), /the first stage may contain only Source actions/);
  } finally {
    box.cleanup();
  }
});
