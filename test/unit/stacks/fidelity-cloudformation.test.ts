// Scenario tests of CloudFormation behaviours, each named after the AWS page it follows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { deploy, engineInTemp } from './helpers';

const CHILD = 'Resources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: child.txt, Content: hi}\n';
const GRANDCHILD_PARENT = 'Resources:\n  Inner:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./child.yaml}\n';
const ROOT = (nested: boolean) => (nested ? 'Resources:\n  Middle:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./middle.yaml}\n' : 'Resources:\n  Other:\n    Type: Slipway::Local::File\n    Properties: {Path: other.txt, Content: x}\n');

test('CloudFormation using-cfn-protect-stacks: a protected root protects its nested stacks from direct deletion; an update of the root still removes them', async () => {
  const { engine, dir } = engineInTemp();
  fs.writeFileSync(path.join(dir, 'child.yaml'), CHILD);
  fs.writeFileSync(path.join(dir, 'middle.yaml'), GRANDCHILD_PARENT);
  assert.equal((await deploy(engine, dir, 'root', ROOT(true))).status, 'CREATE_COMPLETE');
  const middle = engine.stacks.names().find((n) => n.startsWith('root-Middle-'))!;
  const inner = engine.stacks.names().find((n) => n.startsWith(`${middle}-Inner-`))!;
  assert.ok(middle && inner);

  await engine.setTerminationProtection('root', true);
  for (const nested of [middle, inner]) {
    assert.equal(engine.describe(nested).terminationProtection, true, 'the root passes its choice on');
    await assert.rejects(engine.deleteStack(nested), /cannot be deleted while TerminationProtection is enabled \(set on its root stack root\)/);
    assert.equal(engine.describe(nested).status, 'CREATE_COMPLETE', 'the nested stack remains unchanged');
    await assert.rejects(engine.setTerminationProtection(nested, false), /is a nested stack: termination protection is set on its root stack root/);
  }
  await assert.rejects(engine.deleteStack('root'), /cannot be deleted while TerminationProtection is enabled/);

  // "if a user performs a stack update that would delete the nested stack, CloudFormation deletes the nested stack accordingly"
  assert.equal((await deploy(engine, dir, 'root', ROOT(false))).status, 'UPDATE_COMPLETE');
  assert.equal(engine.stacks.read(middle), undefined);
  assert.equal(engine.stacks.read(inner), undefined);

  await engine.setTerminationProtection('root', false);
  await engine.deleteStack('root');
  assert.equal(engine.stacks.read('root'), undefined);
});

test('CloudFormation using-cfn-protect-stacks: disabling protection on the root passes on to nested stacks, which can then be deleted', async () => {
  const { engine, dir } = engineInTemp();
  fs.writeFileSync(path.join(dir, 'child.yaml'), CHILD);
  fs.writeFileSync(path.join(dir, 'middle.yaml'), GRANDCHILD_PARENT);
  await engine.setTerminationProtection((await deploy(engine, dir, 'root2', ROOT(true))).name, true);
  await engine.setTerminationProtection('root2', false);
  const middle = engine.stacks.names().find((n) => n.startsWith('root2-Middle-'))!;
  assert.equal(engine.describe(middle).terminationProtection, false);
  await engine.deleteStack(middle);
  assert.equal(engine.stacks.read(middle), undefined);
});
