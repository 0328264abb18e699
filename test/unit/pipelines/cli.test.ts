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
    const view = JSON.parse(created.stdout);
    assert.deepEqual(Object.keys(view).filter((k) => ['pipelineName', 'executionId', 'status', 'stages', 'variables'].includes(k)).sort(), [
      'executionId',
      'pipelineName',
      'stages',
      'status',
      'variables',
    ]);
    assert.equal(view.status, 'Succeeded');
    assert.equal(view.trigger.triggerType, 'CreatePipeline');
    assert.deepEqual(view.stages[1].inboundTransition, { enabled: true });
    assert.deepEqual(
      view.stages.map((s: { name: string; status: string; actions: { name: string; status: string }[] }) => [s.name, s.status, s.actions.map((a) => [a.name, a.status])]),
      [
        ['Source', 'Succeeded', [['Source', 'Succeeded']]],
        ['Say', 'Succeeded', [['Say', 'Succeeded']]],
      ],
    );
    const started = await slipway(box, 'pipeline', 'start', 'cli', '--variable', 'Who=you', '--wait', '--json');
    assert.equal(JSON.parse(started.stdout).variables.Who, 'you');
    const status = JSON.parse((await slipway(box, 'pipeline', 'status', 'cli', '--json')).stdout);
    assert.equal(status.executionId, JSON.parse(started.stdout).executionId);
    const history = JSON.parse((await slipway(box, 'pipeline', 'history', 'cli', '--json')).stdout);
    assert.deepEqual(history.pipelineExecutionSummaries.map((e: { status: string }) => e.status), ['Succeeded', 'Succeeded']);
    const list = JSON.parse((await slipway(box, 'pipeline', 'list', '--json')).stdout);
    assert.equal(list.pipelines[0].name, 'cli');
    assert.equal(list.pipelines[0].latestExecution.status, 'Succeeded');
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
    assert.equal(status.executionId, null);
    const again = await slipway(box, 'pipeline', 'create', '--definition', file);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
    const updated = await slipway(box, 'pipeline', 'update', '--definition', file, '--json');
    assert.equal(JSON.parse(updated.stdout).version, 2);
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
