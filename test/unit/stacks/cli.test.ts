import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../runtime/cli/main';
import { tempHome } from './helpers';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, cwd);
  return { code, stdout, stderr };
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('slipway stack', () => {
  it('deploys the example template and prints the stack description (exit 0)', async () => {
    const dir = tempHome();
    const result = await cli(['stack', 'deploy', 'hello', '--template', path.join(ROOT, 'examples/hello-service/template.yaml'), '--json'], dir);
    assert.equal(result.code, 0, result.stderr);
    const stack = JSON.parse(result.stdout);
    assert.equal(stack.status, 'CREATE_COMPLETE');
    assert.deepEqual(stack.outputs, { GreetingParameterName: '/hello-service/dev/greeting', ReleaseBucketArn: 'arn:aws:s3:::hello-service-dev-releases', ApplicationName: 'hello-service-dev' });
    assert.deepEqual(Object.keys(stack.resources[0]).sort(), ['logicalId', 'physicalId', 'simulated', 'status', 'type']);
    const events = JSON.parse((await cli(['stack', 'events', 'hello', '--json'], dir)).stdout);
    assert.deepEqual(Object.keys(events[0]).sort(), ['logicalId', 'physicalId', 'reason', 'status', 'time', 'type'].filter((k) => k in events[0]).sort());
    assert.equal(events[0].status, 'CREATE_COMPLETE', 'newest first, as DescribeStackEvents lists them');
    const list = JSON.parse((await cli(['stack', 'list', '--json'], dir)).stdout);
    assert.deepEqual(list.map((s: { name: string }) => s.name), ['hello']);
    const outputs = JSON.parse((await cli(['stack', 'outputs', 'hello', '--json'], dir)).stdout);
    assert.equal(outputs.ApplicationName, 'hello-service-dev');
  });

  it('creates, describes, executes and deletes change sets', async () => {
    const dir = tempHome();
    const template = path.join(dir, 't.yaml');
    fs.writeFileSync(template, 'Resources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: f.txt, Content: one}\n');
    const created = await cli(['stack', 'changeset', 'create', 'cs', '--template', template, '--name', 'first', '--json'], dir);
    assert.equal(created.code, 0, created.stderr);
    const changeSet = JSON.parse(created.stdout);
    assert.equal(changeSet.name, 'first');
    assert.deepEqual(changeSet.changes, [{ action: 'Add', logicalId: 'F', type: 'Slipway::Local::File', details: [] }]);
    assert.equal(JSON.parse((await cli(['stack', 'changeset', 'describe', 'cs', 'first', '--json'], dir)).stdout).executionStatus, 'AVAILABLE');
    assert.equal((await cli(['stack', 'changeset', 'execute', 'cs', 'first', '--json'], dir)).code, 0);
    fs.writeFileSync(template, 'Resources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: f.txt, Content: two}\n');
    const second = JSON.parse((await cli(['stack', 'changeset', 'create', 'cs', '--template', template, '--name', 'second', '--json'], dir)).stdout);
    assert.equal(second.changes[0].replacement, 'False');
    assert.equal((await cli(['stack', 'changeset', 'delete', 'cs', 'second'], dir)).code, 0);
    assert.equal((await cli(['stack', 'changeset', 'describe', 'cs', 'second'], dir)).code, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'f.txt'), 'utf8'), 'one');
    const drift = JSON.parse((await cli(['stack', 'drift', 'cs', '--json'], dir)).stdout);
    assert.equal(drift.status, 'IN_SYNC');
    assert.equal((await cli(['stack', 'delete', 'cs'], dir)).code, 0);
    assert.ok(!fs.existsSync(path.join(dir, 'f.txt')));
  });

  it('exits 1 when the stack rolls back and 2 on bad input, naming file and line', async () => {
    const dir = tempHome();
    const failing = path.join(dir, 'fail.yaml');
    fs.writeFileSync(failing, 'Resources:\n  C:\n    Type: Slipway::Local::Command\n    Properties: {Create: "exit 7"}\n');
    const failed = await cli(['stack', 'deploy', 'f', '--template', failing, '--json'], dir);
    assert.equal(failed.code, 1);
    assert.equal(JSON.parse(failed.stdout).status, 'ROLLBACK_COMPLETE');
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'Resources:\n  A: [unclosed\n');
    const bad = await cli(['stack', 'deploy', 'b', '--template', broken], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /broken\.yaml:\d+: /);
    assert.equal((await cli(['stack', 'deploy', 'x', '--template', failing, '--param', 'Nope=1'], dir)).code, 2);
    assert.equal((await cli(['stack', 'describe', 'missing'], dir)).code, 2);
    assert.equal((await cli(['stack', 'frobnicate'], dir)).code, 2);
  });
});
