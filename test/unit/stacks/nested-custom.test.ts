import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { changeSetFor, deploy, engineInTemp } from './helpers';

const HANDLER = `
const https = require('node:http');
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const event = JSON.parse(input);
  const log = require('node:path').join(__dirname, 'requests.log');
  require('node:fs').appendFileSync(log, event.RequestType + ' ' + (event.PhysicalResourceId || '-') + '\\n');
  const failing = event.ResourceProperties.Fail === 'yes' && event.RequestType !== 'Delete';
  const body = JSON.stringify({
    Status: failing ? 'FAILED' : 'SUCCESS',
    Reason: failing ? 'asked to fail' : undefined,
    PhysicalResourceId: 'custom-' + event.ResourceProperties.Name,
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
    Data: { Greeting: 'hello ' + event.ResourceProperties.Name },
  });
  const url = new URL(event.ResponseURL);
  const req = https.request({ method: 'PUT', hostname: url.hostname, port: url.port, path: url.pathname, headers: { 'content-length': Buffer.byteLength(body) } });
  req.end(body);
});
`;

describe('custom resources and nested stacks', () => {
  it('speaks the custom-resource protocol with a local handler (Create, Update with a new id, Delete)', async () => {
    const { engine, dir } = engineInTemp();
    fs.writeFileSync(path.join(dir, 'handler.js'), HANDLER);
    const template = (name: string, fail = 'no') =>
      `Resources:\n  Greeter:\n    Type: Custom::Greeter\n    Properties:\n      ServiceToken: ./handler.js\n      Name: ${name}\n      Fail: ${fail}\nOutputs:\n  Greeting: {Value: !GetAtt Greeter.Greeting}\n  Id: {Value: !Ref Greeter}`;
    const created = await deploy(engine, dir, 'custom', template('ann'));
    assert.equal(created.status, 'CREATE_COMPLETE');
    assert.deepEqual(Object.fromEntries(created.outputs.map((o) => [o.key, o.value])), { Greeting: 'hello ann', Id: 'custom-ann' });
    const updated = await deploy(engine, dir, 'custom', template('bob'));
    assert.equal(updated.status, 'UPDATE_COMPLETE');
    await engine.deleteStack('custom');
    assert.deepEqual(fs.readFileSync(path.join(dir, 'requests.log'), 'utf8').trim().split('\n'), ['Create -', 'Update custom-ann', 'Delete custom-ann', 'Delete custom-bob']);
    const failed = await deploy(engine, dir, 'custom2', template('cat', 'yes'));
    assert.equal(failed.status, 'ROLLBACK_COMPLETE');
    assert.match(engine.stacks.events('custom2').find((e) => e.status === 'CREATE_FAILED')!.reason!, /Received response status \[FAILED\] from custom resource. Message returned: asked to fail/);
  });

  it('creates, updates and deletes a nested stack from a local TemplateURL', async () => {
    const { engine, dir } = engineInTemp();
    fs.writeFileSync(
      path.join(dir, 'child.yaml'),
      'Parameters:\n  Text: {Type: String}\nResources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: child.txt, Content: !Ref Text}\nOutputs:\n  Where: {Value: !GetAtt F.Path}',
    );
    const parent = (text: string) => `Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n      Parameters: {Text: ${text}}\nOutputs:\n  Where: {Value: !GetAtt Child.Outputs.Where}`;
    const record = await deploy(engine, dir, 'parent', parent('one'));
    assert.equal(record.status, 'CREATE_COMPLETE');
    assert.equal(record.outputs[0].value, path.join(dir, 'child.txt'));
    const childName = engine.stacks.names().find((n) => n.startsWith('parent-Child-'))!;
    assert.equal(engine.describe(childName).parentId, record.stackId);
    await deploy(engine, dir, 'parent', parent('two'));
    assert.equal(fs.readFileSync(path.join(dir, 'child.txt'), 'utf8'), 'two');
    // A change to the child template alone updates the nested stack (change source Automatic).
    fs.writeFileSync(
      path.join(dir, 'child.yaml'),
      'Parameters:\n  Text: {Type: String}\nResources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: child.txt, Content: !Sub "${Text}!"}\nOutputs:\n  Where: {Value: !GetAtt F.Path}',
    );
    const preview = await changeSetFor(engine, dir, 'parent', parent('two'));
    assert.deepEqual(preview.changes.map((c) => [c.action, c.logicalId, c.details[0]?.changeSource]), [['Modify', 'Child', 'Automatic']]);
    await engine.deleteChangeSet('parent', preview.name);
    await deploy(engine, dir, 'parent', parent('two'));
    assert.equal(fs.readFileSync(path.join(dir, 'child.txt'), 'utf8'), 'two!');
    await engine.deleteStack('parent');
    assert.deepEqual(engine.stacks.names(), []);
    assert.ok(!fs.existsSync(path.join(dir, 'child.txt')));
  });
});
