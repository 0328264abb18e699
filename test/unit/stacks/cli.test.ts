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
    // DescribeStacks' shape (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html), Slipway's extras under `slipway`
    const [stack] = JSON.parse(result.stdout).Stacks;
    assert.equal(stack.StackName, 'hello');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
    assert.match(stack.StackId, /^arn:aws:cloudformation:us-east-1:000000000000:stack\/hello\//);
    assert.deepEqual(
      Object.fromEntries(stack.Outputs.map((o: { OutputKey: string; OutputValue: string }) => [o.OutputKey, o.OutputValue])),
      { GreetingParameterName: '/hello-service/dev/greeting', ReleaseBucketArn: 'arn:aws:s3:::hello-service-dev-releases', ApplicationName: 'hello-service-dev' },
    );
    assert.deepEqual(Object.keys(stack.slipway.resources[0]).sort(), ['logicalId', 'physicalId', 'simulated', 'status', 'type']);
    // DescribeStackEvents: newest first
    const events = JSON.parse((await cli(['stack', 'events', 'hello', '--json'], dir)).stdout).StackEvents;
    assert.deepEqual(Object.keys(events[0]).sort(), ['EventId', 'LogicalResourceId', 'PhysicalResourceId', 'ResourceStatus', 'ResourceStatusReason', 'ResourceType', 'StackId', 'StackName', 'Timestamp'].filter((k) => k in events[0]).sort());
    assert.equal(events[0].ResourceStatus, 'CREATE_COMPLETE');
    assert.equal(events[0].LogicalResourceId, 'hello');
    const list = JSON.parse((await cli(['stack', 'list', '--json'], dir)).stdout).StackSummaries;
    assert.deepEqual(list.map((s: { StackName: string }) => s.StackName), ['hello']);
    const outputs = JSON.parse((await cli(['stack', 'outputs', 'hello', '--json'], dir)).stdout).Outputs;
    assert.equal(outputs.find((o: { OutputKey: string }) => o.OutputKey === 'ApplicationName').OutputValue, 'hello-service-dev');
  });

  it('creates, describes, executes and deletes change sets', async () => {
    const dir = tempHome();
    const template = path.join(dir, 't.yaml');
    fs.writeFileSync(template, 'Resources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: f.txt, Content: one}\n');
    const created = await cli(['stack', 'changeset', 'create', 'cs', '--template', template, '--name', 'first', '--json'], dir);
    assert.equal(created.code, 0, created.stderr);
    // DescribeChangeSet's shape: Changes[].ResourceChange
    const changeSet = JSON.parse(created.stdout);
    assert.equal(changeSet.ChangeSetName, 'first');
    assert.deepEqual(changeSet.Changes, [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'F', ResourceType: 'Slipway::Local::File', Scope: [], Details: [] } }]);
    assert.equal(JSON.parse((await cli(['stack', 'changeset', 'describe', 'cs', 'first', '--json'], dir)).stdout).ExecutionStatus, 'AVAILABLE');
    assert.equal((await cli(['stack', 'changeset', 'execute', 'cs', 'first', '--json'], dir)).code, 0);
    fs.writeFileSync(template, 'Resources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: f.txt, Content: two}\n');
    const second = JSON.parse((await cli(['stack', 'changeset', 'create', 'cs', '--template', template, '--name', 'second', '--json'], dir)).stdout);
    assert.equal(second.Changes[0].ResourceChange.Replacement, 'False');
    assert.equal((await cli(['stack', 'changeset', 'delete', 'cs', 'second'], dir)).code, 0);
    assert.equal((await cli(['stack', 'changeset', 'describe', 'cs', 'second'], dir)).code, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'f.txt'), 'utf8'), 'one');
    const drift = JSON.parse((await cli(['stack', 'drift', 'cs', '--json'], dir)).stdout);
    assert.equal(drift.StackDriftStatus, 'IN_SYNC');
    assert.equal((await cli(['stack', 'delete', 'cs'], dir)).code, 0);
    assert.ok(!fs.existsSync(path.join(dir, 'f.txt')));
  });

  it('exits 1 when the stack rolls back and 2 on bad input, naming file and line', async () => {
    const dir = tempHome();
    const failing = path.join(dir, 'fail.yaml');
    fs.writeFileSync(failing, 'Resources:\n  C:\n    Type: Slipway::Local::Command\n    Properties: {Create: "exit 7"}\n');
    const failed = await cli(['stack', 'deploy', 'f', '--template', failing, '--json'], dir);
    assert.equal(failed.code, 1);
    assert.equal(JSON.parse(failed.stdout).Stacks[0].StackStatus, 'ROLLBACK_COMPLETE');
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
