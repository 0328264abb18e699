import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { documentValue, parseDocument } from '../../../runtime/common/yaml/document';
import { StackEngine } from '../../../runtime/stacks/engine';
import type { TemplateBody } from '../../../runtime/template/eval';
import { sandbox, tracedRevision } from './helpers';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Application:
    Type: AWS::CodeDeploy::Application
    Properties:
      ApplicationName: !Sub \${AWS::StackName}-app
      ComputePlatform: Server
  Config:
    Type: AWS::CodeDeploy::DeploymentConfig
    Properties:
      MinimumHealthyHosts: { Type: HOST_COUNT, Value: 1 }
  Group:
    Type: AWS::CodeDeploy::DeploymentGroup
    Properties:
      ApplicationName: !Ref Application
      DeploymentGroupName: web
      DeploymentConfigName: !Ref Config
      ServiceRoleArn: arn:aws:iam::000000000000:role/CodeDeploy
      Ec2TagFilters:
        - { Key: Role, Value: web, Type: KEY_AND_VALUE }
      AutoRollbackConfiguration: { Enabled: true, Events: [DEPLOYMENT_FAILURE] }
Outputs:
  GroupName:
    Value: !Ref Group
`;

test('the stack engine creates a CodeDeploy application, config and group that a deployment then uses', async (t) => {
  const box = sandbox();
  const previousKey = process.env.SLIPWAY_KMS_KEY_FILE;
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(box.dir, 'kms.key');
  t.after(() => {
    if (previousKey === undefined) delete process.env.SLIPWAY_KMS_KEY_FILE;
    else process.env.SLIPWAY_KMS_KEY_FILE = previousKey;
    box.cleanup();
  });
  box.engine.registry.registerInstance('web1', path.join(box.dir, 'web1'), { Role: 'web' });
  box.engine.registry.registerInstance('web2', path.join(box.dir, 'web2'), { Role: 'web' });
  const stacks = new StackEngine(box.store);
  const template = documentValue(parseDocument('template.yaml', TEMPLATE)) as TemplateBody;
  const changeSet = await stacks.createChangeSet({ stackName: 'hello', template });
  const record = await stacks.executeChangeSet('hello', changeSet.name);
  assert.equal(record.status, 'CREATE_COMPLETE', JSON.stringify(record.resources));
  const group = box.engine.registry.requireGroup('hello-app', 'web');
  assert.equal(group.autoRollback, true);
  assert.match(group.config, /^hello-Config-/);
  const d = await box.engine.start('hello-app', 'web', { revision: tracedRevision(path.join(box.dir, 'rev'), path.join(box.dir, 'trace'), 'v') });
  assert.equal(d.status, 'Succeeded');
  assert.deepEqual(d.instances.map((i) => i.name), ['web1', 'web2']);

  await stacks.deleteStack('hello');
  assert.equal(box.engine.registry.getApplication('hello-app'), undefined);
  assert.equal(box.engine.registry.getConfig(group.config), undefined);
});
