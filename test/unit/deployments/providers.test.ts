import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import '../../../runtime/plugins';
import { providerFor, type ProviderContext } from '../../../runtime/stacks/provider';
import { sandbox, tracedRevision } from './helpers';

test('a template declares a CodeDeploy application, config and tag-filtered group that deploy for real', async (t) => {
  const box = sandbox();
  t.after(box.cleanup);
  const ctx = (logicalId: string, resourceType: string): ProviderContext => ({
    store: box.store, stackName: 'hello', stackId: 'stack-1', logicalId, resourceType, region: 'us-east-1', accountId: '000000000000', templateDir: box.dir, log: () => {},
  });
  const app = await providerFor('AWS::CodeDeploy::Application')!.create({ ApplicationName: 'hello-dev', ComputePlatform: 'Server' }, ctx('App', 'AWS::CodeDeploy::Application'));
  assert.equal(app.physicalId, 'hello-dev');
  const config = await providerFor('AWS::CodeDeploy::DeploymentConfig')!.create({ MinimumHealthyHosts: { Type: 'FLEET_PERCENT', Value: 50 } }, ctx('Config', 'AWS::CodeDeploy::DeploymentConfig'));
  assert.match(config.physicalId, /^hello-Config-[0-9A-F]{12}$/);
  box.engine.registry.registerInstance('web1', path.join(box.dir, 'web1'), { Role: 'web' });
  box.engine.registry.registerInstance('web2', path.join(box.dir, 'web2'), { Role: 'web' });
  box.engine.registry.registerInstance('db1', path.join(box.dir, 'db1'), { Role: 'db' });
  const groupProps = {
    ApplicationName: 'hello-dev',
    DeploymentGroupName: 'web',
    DeploymentConfigName: config.physicalId,
    ServiceRoleArn: 'arn:aws:iam::000000000000:role/CodeDeploy',
    Ec2TagFilters: [{ Key: 'Role', Value: 'web', Type: 'KEY_AND_VALUE' }],
    AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE'] },
  };
  const groupProvider = providerFor('AWS::CodeDeploy::DeploymentGroup')!;
  await groupProvider.create(groupProps, ctx('Group', 'AWS::CodeDeploy::DeploymentGroup'));
  const group = box.engine.registry.requireGroup('hello-dev', 'web');
  assert.deepEqual(box.engine.registry.groupInstances(group).map((i) => i.name), ['web1', 'web2']);
  assert.equal(group.autoRollback, true);
  const d = await box.engine.start('hello-dev', 'web', { revision: tracedRevision(path.join(box.dir, 'rev'), path.join(box.dir, 'trace'), 'v') });
  assert.equal(d.status, 'Succeeded');
  assert.equal(d.config, config.physicalId);

  await groupProvider.update('web', { ...groupProps, DeploymentConfigName: 'CodeDeployDefault.AllAtOnce', Ec2TagFilters: [{ Key: 'Role', Type: 'KEY_ONLY' }] }, groupProps, ctx('Group', 'AWS::CodeDeploy::DeploymentGroup'));
  assert.equal(box.engine.registry.requireGroup('hello-dev', 'web').config, 'CodeDeployDefault.AllAtOnce');
  assert.equal(box.engine.registry.groupInstances(box.engine.registry.requireGroup('hello-dev', 'web')).length, 3);
  assert.equal(groupProvider.replacesOn!('DeploymentGroupName', {}, {}), true);

  await assert.rejects(providerFor('AWS::CodeDeploy::Application')!.create({ ComputePlatform: 'Lambda' }, ctx('L', 'AWS::CodeDeploy::Application')), /Server/);
  await groupProvider.delete('web', groupProps, ctx('Group', 'AWS::CodeDeploy::DeploymentGroup'));
  assert.equal(box.engine.registry.getGroup('hello-dev', 'web'), undefined);
  await providerFor('AWS::CodeDeploy::DeploymentConfig')!.delete(config.physicalId, {}, ctx('Config', 'AWS::CodeDeploy::DeploymentConfig'));
  assert.equal(box.engine.registry.getConfig(config.physicalId), undefined);
  await providerFor('AWS::CodeDeploy::Application')!.delete('hello-dev', {}, ctx('App', 'AWS::CodeDeploy::Application'));
  assert.equal(box.engine.registry.getApplication('hello-dev'), undefined);
});
