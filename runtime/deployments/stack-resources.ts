import { randomBytes } from 'node:crypto';
import { registerProvider, type ProviderContext, type ResourceProvider } from '../stacks/provider';
import { parseMinimumHealthy } from './configs';
import type { DeploymentGroup, TagFilter } from './records';
import { DeployRegistry } from './registry';

/** CloudFormation's generated names: stack-logicalId-RANDOM, within CodeDeploy's 100 characters. */
function generatedName(ctx: ProviderContext): string {
  return `${ctx.stackName}-${ctx.logicalId}`.slice(0, 86) + `-${randomBytes(6).toString('hex').toUpperCase()}`;
}

function text(value: unknown, property: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${property} must be a string`);
  return String(value);
}

function serverOnly(properties: Record<string, unknown>): void {
  const platform = properties.ComputePlatform ?? 'Server';
  if (platform !== 'Server') throw new Error(`ComputePlatform ${String(platform)}: local deployments run Server (EC2/on-premises) applications only`);
}

const application: ResourceProvider = {
  type: 'AWS::CodeDeploy::Application',
  replacesOn: (property) => property === 'ApplicationName' || property === 'ComputePlatform',
  async create(properties, ctx) {
    serverOnly(properties);
    const name = text(properties.ApplicationName, 'ApplicationName') ?? generatedName(ctx);
    new DeployRegistry(ctx.store).createApplication(name);
    ctx.log(`created CodeDeploy application ${name}`);
    return { physicalId: name, attributes: {} };
  },
  async update(physicalId) {
    return { physicalId, attributes: {} };
  },
  async delete(physicalId, _properties, ctx) {
    const registry = new DeployRegistry(ctx.store);
    if (registry.getApplication(physicalId)) registry.deleteApplication(physicalId);
  },
  async read(physicalId, properties, ctx) {
    const app = new DeployRegistry(ctx.store).getApplication(physicalId);
    return app ? { ...properties, ApplicationName: app.name, ComputePlatform: app.computePlatform } : undefined;
  },
};

const deploymentConfig: ResourceProvider = {
  type: 'AWS::CodeDeploy::DeploymentConfig',
  // Every property of a deployment config requires replacement.
  replacesOn: () => true,
  async create(properties, ctx) {
    serverOnly(properties);
    const hosts = properties.MinimumHealthyHosts as { Type?: string; Value?: unknown } | undefined;
    if (!hosts) throw new Error('MinimumHealthyHosts is required for a Server deployment config');
    const minimum = parseMinimumHealthy(`${hosts.Type}:${hosts.Value}`);
    const name = text(properties.DeploymentConfigName, 'DeploymentConfigName') ?? generatedName(ctx);
    new DeployRegistry(ctx.store).createConfig(name, minimum);
    ctx.log(`created deployment config ${name} (${minimum.type} ${minimum.value})`);
    return { physicalId: name, attributes: {} };
  },
  async update(physicalId) {
    return { physicalId, attributes: {} };
  },
  async delete(physicalId, _properties, ctx) {
    const registry = new DeployRegistry(ctx.store);
    if (registry.getConfig(physicalId)) registry.deleteConfig(physicalId);
  },
};

/** A group's settings from its template properties (instances come from tag filters). */
function groupFromProperties(properties: Record<string, unknown>, name: string): Omit<DeploymentGroup, 'id' | 'createdAt'> {
  if (properties.Deployment) {
    throw new Error('Deployment: a stack cannot fetch an S3 or GitHub revision locally; run `slipway deploy start` with the revision instead');
  }
  const filters = [...asFilters(properties.Ec2TagFilters, 'Ec2TagFilters'), ...asFilters(properties.OnPremisesInstanceTagFilters, 'OnPremisesInstanceTagFilters')];
  const rollback = properties.AutoRollbackConfiguration as { Enabled?: unknown; Events?: unknown[] } | undefined;
  const autoRollback = String(rollback?.Enabled) === 'true' && (!rollback?.Events || rollback.Events.includes('DEPLOYMENT_FAILURE'));
  const style = properties.DeploymentStyle as { DeploymentType?: string } | undefined;
  const blueGreen = properties.BlueGreenDeploymentConfiguration as { TerminateBlueInstancesOnDeploymentSuccess?: { TerminationWaitTimeInMinutes?: unknown } } | undefined;
  const waitMinutes = Number(blueGreen?.TerminateBlueInstancesOnDeploymentSuccess?.TerminationWaitTimeInMinutes ?? 0);
  return {
    application: text(properties.ApplicationName, 'ApplicationName')!,
    name,
    instances: [],
    tagFilters: filters,
    config: text(properties.DeploymentConfigName, 'DeploymentConfigName') ?? 'CodeDeployDefault.OneAtATime',
    autoRollback,
    ...(style?.DeploymentType === 'BLUE_GREEN' ? { blueGreen: { terminationWaitSeconds: waitMinutes * 60 } } : {}),
  };
}

function asFilters(value: unknown, property: string): TagFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${property} must be a list of {Key, Value, Type}`);
  return value.map((f: { Key?: string; Value?: string; Type?: string }) => {
    const type = f.Type ?? 'KEY_AND_VALUE';
    if (!['KEY_ONLY', 'VALUE_ONLY', 'KEY_AND_VALUE'].includes(type)) throw new Error(`${property}: Type must be KEY_ONLY, VALUE_ONLY or KEY_AND_VALUE, not ${type}`);
    return { Key: f.Key, Value: f.Value, Type: type as TagFilter['Type'] };
  });
}

const deploymentGroup: ResourceProvider = {
  type: 'AWS::CodeDeploy::DeploymentGroup',
  replacesOn: (property) => property === 'ApplicationName' || property === 'DeploymentGroupName',
  async create(properties, ctx) {
    if (!properties.ApplicationName) throw new Error('ApplicationName is required');
    const name = text(properties.DeploymentGroupName, 'DeploymentGroupName') ?? generatedName(ctx);
    const registry = new DeployRegistry(ctx.store);
    const group = registry.putGroup(groupFromProperties(properties, name), 'create');
    ctx.log(`created deployment group ${name} with ${registry.groupInstances(group).length} matching instances`);
    return { physicalId: name, attributes: {} };
  },
  async update(physicalId, properties, _old, ctx) {
    new DeployRegistry(ctx.store).putGroup(groupFromProperties(properties, physicalId), 'update');
    return { physicalId, attributes: {} };
  },
  async delete(physicalId, properties, ctx) {
    const registry = new DeployRegistry(ctx.store);
    const app = String(properties.ApplicationName);
    if (registry.getApplication(app) && registry.getGroup(app, physicalId)) registry.deleteGroup(app, physicalId);
  },
  async read(physicalId, properties, ctx) {
    const group = new DeployRegistry(ctx.store).getGroup(String(properties.ApplicationName), physicalId);
    return group ? { ...properties, DeploymentConfigName: group.config } : undefined;
  },
};

registerProvider(application);
registerProvider(deploymentConfig);
registerProvider(deploymentGroup);
