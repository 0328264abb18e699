import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../../runtime/cli/main';
import { gitRepo, localSource, command, sandbox, type Sandbox } from './helpers';

async function slipway(box: Sandbox, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const previous = process.env.SLIPWAY_HOME;
  process.env.SLIPWAY_HOME = box.home;
  try {
    const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, box.dir);
    return { code, stdout, stderr };
  } finally {
    if (previous === undefined) delete process.env.SLIPWAY_HOME;
    else process.env.SLIPWAY_HOME = previous;
  }
}

function write(box: Sandbox, file: string, text: string): string {
  fs.writeFileSync(path.join(box.dir, file), text);
  return file;
}

const definition = (name: string) => `pipeline:
  name: ${name}
  pipelineType: V2
  variables: [{ name: Who, defaultValue: world }]
  stages:
${localSource()}    - name: Say
      actions:
${command('Say', 'echo hello #{variables.Who}')}`;

test('create starts the first execution and prints the status JSON with AWS status names', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const created = await slipway(box, 'pipeline', 'create', '--definition', write(box, 'p.yaml', definition('cli')), '--json');
    assert.equal(created.code, 0, created.stderr);
    // GetPipelineState's shape (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GetPipelineState.html) with the execution's id and GetPipelineExecution.
    const view = JSON.parse(created.stdout);
    assert.deepEqual(Object.keys(view).sort(), ['created', 'pipelineExecution', 'pipelineExecutionId', 'pipelineName', 'pipelineVersion', 'stageStates', 'updated']);
    assert.equal(view.pipelineExecution.status, 'Succeeded');
    assert.equal(view.pipelineExecution.trigger.triggerType, 'CreatePipeline');
    assert.deepEqual(view.stageStates[1].inboundTransitionState, { enabled: true });
    type StageState = { stageName: string; latestExecution: { status: string }; actionStates: { actionName: string; latestExecution: { status: string } }[] };
    assert.deepEqual(
      view.stageStates.map((s: StageState) => [s.stageName, s.latestExecution.status, s.actionStates.map((a) => [a.actionName, a.latestExecution.status])]),
      [
        ['Source', 'Succeeded', [['Source', 'Succeeded']]],
        ['Say', 'Succeeded', [['Say', 'Succeeded']]],
      ],
    );
    const started = await slipway(box, 'pipeline', 'start', 'cli', '--variable', 'Who=you', '--wait', '--json');
    assert.deepEqual(JSON.parse(started.stdout).pipelineExecution.variables.find((v: { name: string }) => v.name === 'Who'), { name: 'Who', resolvedValue: 'you' });
    const status = JSON.parse((await slipway(box, 'pipeline', 'status', 'cli', '--json')).stdout);
    assert.equal(status.stageStates[0].latestExecution.pipelineExecutionId, JSON.parse(started.stdout).pipelineExecutionId);
    const history = JSON.parse((await slipway(box, 'pipeline', 'history', 'cli', '--json')).stdout);
    assert.deepEqual(history.pipelineExecutionSummaries.map((e: { status: string }) => e.status), ['Succeeded', 'Succeeded']);
    const list = JSON.parse((await slipway(box, 'pipeline', 'list', '--json')).stdout);
    assert.equal(list.pipelines[0].name, 'cli');
    assert.equal(list.pipelines[0].slipway.latestExecution.status, 'Succeeded');
    const logs = await slipway(box, 'pipeline', 'logs', 'cli');
    assert.match(logs.stdout, /Say\/Say: hello you/);
  } finally {
    box.cleanup();
  }
});

test('--no-start creates without running; update makes a new version', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const file = write(box, 'p.yaml', definition('quiet'));
    assert.equal((await slipway(box, 'pipeline', 'create', '--definition', file, '--no-start')).code, 0);
    const status = JSON.parse((await slipway(box, 'pipeline', 'status', 'quiet', '--json')).stdout);
    assert.equal(status.stageStates[0].latestExecution, undefined, 'no execution has reached any stage');
    const again = await slipway(box, 'pipeline', 'create', '--definition', file);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
    const updated = await slipway(box, 'pipeline', 'update', '--definition', file, '--json');
    assert.equal(JSON.parse(updated.stdout).pipeline.version, 2);
  } finally {
    box.cleanup();
  }
});

test('bad input exits 2 with one line naming file and line', async () => {
  const box = sandbox();
  try {
    const unknown = definition('bad').replace('provider: Command', 'provider: Teleport');
    const result = await slipway(box, 'pipeline', 'create', '--definition', write(box, 'bad.yaml', unknown));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^slipway pipeline: .*bad\.yaml:15: action "Say": Slipway has no local provider for Invoke\/Custom\/Teleport\n$/);
    const missing = await slipway(box, 'pipeline', 'status', 'nope');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no pipeline named "nope"/);
    const usage = await slipway(box, 'pipeline', 'approve', 'x');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /needs --stage/);
    const key = await slipway(box, 'pipeline', 'create', '--definition', write(box, 'key.yaml', definition('key').replace('{ Command:', '{ Shell: x, Command:')));
    assert.match(key.stderr, /key\.yaml:15: action "Say": Command does not take configuration "Shell"/);
  } finally {
    box.cleanup();
  }
});
