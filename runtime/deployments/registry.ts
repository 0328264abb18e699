import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../common/errors';
import { checkName, isValidName } from '../common/names';
import { uuid } from '../common/ids';
import type { StateStore } from '../common/state';
import { BUILT_IN_CONFIGS, DEFAULT_CONFIG } from './configs';
import type { Application, DeploymentConfig, DeploymentGroup, InstanceTarget, MinimumHealthyHosts, RegisteredInstance, TagFilter } from './records';

/**
 * Applications, deployment groups, deployment configs and registered instances,
 * each one record under `deployments/` of the state home.
 */
export class DeployRegistry {
  constructor(readonly store: StateStore) {}

  // --- applications ------------------------------------------------------

  createApplication(name: string): Application {
    checkName('application', name);
    return this.store.withLockSync(`deploy-app-${name}`, () => {
      if (this.getApplication(name)) throw new InputError(`application ${name} already exists`);
      const app: Application = { name, id: uuid(), computePlatform: 'Server', createdAt: new Date().toISOString() };
      this.store.write(app, 'deployments', 'applications', name, 'application.json');
      this.store.activity({ kind: 'deploy', action: 'create-application', application: name });
      return app;
    });
  }

  getApplication(name: string): Application | undefined {
    return this.store.read<Application>('deployments', 'applications', checkName('application', name), 'application.json');
  }

  requireApplication(name: string): Application {
    const app = this.getApplication(name);
    if (!app) throw new InputError(`no application ${name}; create it with 'slipway deploy app create ${name}'`);
    return app;
  }

  listApplications(): Application[] {
    return this.store
      .list('deployments', 'applications')
      .filter((name) => isValidName('application', name))
      .map((name) => this.getApplication(name))
      .filter((a): a is Application => !!a);
  }

  deleteApplication(name: string): void {
    this.requireApplication(name);
    this.store.remove('deployments', 'applications', checkName('application', name));
    this.store.activity({ kind: 'deploy', action: 'delete-application', application: name });
  }

  // --- deployment groups -------------------------------------------------

  putGroup(input: Omit<DeploymentGroup, 'id' | 'createdAt'> & { id?: string }, mode: 'create' | 'update'): DeploymentGroup {
    checkName('deployment group', input.name);
    this.requireApplication(input.application);
    this.requireConfig(input.config);
    const names = new Set<string>();
    for (const instance of input.instances) {
      checkName('instance', instance.name);
      if (names.has(instance.name)) throw new InputError(`instance ${instance.name} is listed twice`);
      names.add(instance.name);
      if (!path.isAbsolute(instance.root)) throw new InputError(`instance ${instance.name}: root must be an absolute folder, not "${instance.root}"`);
    }
    return this.store.withLockSync(`deploy-group-${input.application}-${input.name}`, () => {
      const existing = this.getGroup(input.application, input.name);
      if (mode === 'create' && existing) throw new InputError(`deployment group ${input.name} already exists in ${input.application}`);
      if (mode === 'update' && !existing) throw new InputError(`no deployment group ${input.name} in ${input.application}`);
      const group: DeploymentGroup = { ...input, id: existing?.id ?? input.id ?? uuid(), createdAt: existing?.createdAt ?? new Date().toISOString() };
      this.store.write(group, 'deployments', 'applications', input.application, 'groups', `${input.name}.json`);
      this.store.activity({ kind: 'deploy', action: `${mode}-group`, application: input.application, group: input.name });
      return group;
    });
  }

  getGroup(application: string, name: string): DeploymentGroup | undefined {
    return this.store.read<DeploymentGroup>('deployments', 'applications', checkName('application', application), 'groups', `${checkName('deployment group', name)}.json`);
  }

  requireGroup(application: string, name: string): DeploymentGroup {
    this.requireApplication(application);
    const group = this.getGroup(application, name);
    if (!group) throw new InputError(`no deployment group ${name} in application ${application}`);
    return group;
  }

  listGroups(application: string): DeploymentGroup[] {
    return this.store
      .list('deployments', 'applications', checkName('application', application), 'groups')
      .filter((f) => f.endsWith('.json') && isValidName('deployment group', f.slice(0, -5)))
      .map((f) => this.getGroup(application, f.slice(0, -5)))
      .filter((g): g is DeploymentGroup => !!g);
  }

  deleteGroup(application: string, name: string): void {
    this.requireGroup(application, name);
    this.store.remove('deployments', 'applications', checkName('application', application), 'groups', `${checkName('deployment group', name)}.json`);
    this.store.activity({ kind: 'deploy', action: 'delete-group', application, group: name });
  }

  /**
   * The group's instances in deployment order: those listed first, then registered
   * instances matching any tag filter (sorted by name), without duplicates.
   */
  groupInstances(group: DeploymentGroup): InstanceTarget[] {
    const result: InstanceTarget[] = [...group.instances];
    const seen = new Set(result.map((i) => i.name));
    if (group.tagFilters.length > 0) {
      for (const instance of this.listInstances()) {
        if (seen.has(instance.name)) continue;
        if (group.tagFilters.some((f) => matchesFilter(instance.tags, f))) {
          result.push({ name: instance.name, root: instance.root, tags: instance.tags });
          seen.add(instance.name);
        }
      }
    }
    return result;
  }

  // --- deployment configs ------------------------------------------------

  createConfig(name: string, minimumHealthyHosts: MinimumHealthyHosts): DeploymentConfig {
    checkName('deployment config', name);
    if (name.startsWith('CodeDeployDefault.')) throw new InputError(`${name}: the CodeDeployDefault. prefix is reserved for built-in configs`);
    return this.store.withLockSync(`deploy-config-${name}`, () => {
      if (this.getConfig(name)) throw new InputError(`deployment config ${name} already exists`);
      const config: DeploymentConfig = { name, minimumHealthyHosts, builtIn: false };
      this.store.write(config, 'deployments', 'configs', `${name}.json`);
      this.store.activity({ kind: 'deploy', action: 'create-config', config: name });
      return config;
    });
  }

  getConfig(name: string): DeploymentConfig | undefined {
    return BUILT_IN_CONFIGS.find((c) => c.name === name) ?? this.store.read<DeploymentConfig>('deployments', 'configs', `${checkName('deployment config', name)}.json`);
  }

  requireConfig(name: string = DEFAULT_CONFIG): DeploymentConfig {
    const config = this.getConfig(name);
    if (!config) throw new InputError(`no deployment config ${name}; create it with 'slipway deploy config create ${name} --min-healthy HOST_COUNT:N'`);
    return config;
  }

  listConfigs(): DeploymentConfig[] {
    const custom = this.store
      .list('deployments', 'configs')
      .filter((f) => f.endsWith('.json'))
      .map((f) => this.store.read<DeploymentConfig>('deployments', 'configs', f))
      .filter((c): c is DeploymentConfig => !!c);
    return [...BUILT_IN_CONFIGS, ...custom];
  }

  deleteConfig(name: string): void {
    const config = this.requireConfig(name);
    if (config.builtIn) throw new InputError(`${name} is built in and cannot be deleted`);
    this.store.remove('deployments', 'configs', `${checkName('deployment config', name)}.json`);
  }

  // --- instances ---------------------------------------------------------

  registerInstance(name: string, root: string, tags: Record<string, string>, identity: Pick<RegisteredInstance, 'iamUserArn' | 'iamSessionArn'> = {}): RegisteredInstance {
    checkName('instance', name);
    if (!path.isAbsolute(root)) throw new InputError(`instance ${name}: root must be an absolute folder, not "${root}"`);
    return this.store.withLockSync(`deploy-instance-${name}`, () => {
      if (this.getInstance(name)) throw new InputError(`instance ${name} is already registered`);
      fs.mkdirSync(root, { recursive: true });
      const instance: RegisteredInstance = { name, root, tags, registeredAt: new Date().toISOString(), ...identity };
      this.store.write(instance, 'deployments', 'instances', `${name}.json`);
      this.store.activity({ kind: 'deploy', action: 'register-instance', instance: name });
      return instance;
    });
  }

  getInstance(name: string): RegisteredInstance | undefined {
    return this.store.read<RegisteredInstance>('deployments', 'instances', `${checkName('instance', name)}.json`);
  }

  listInstances(): RegisteredInstance[] {
    return this.store
      .list('deployments', 'instances')
      .filter((f) => f.endsWith('.json'))
      .map((f) => this.store.read<RegisteredInstance>('deployments', 'instances', f))
      .filter((i): i is RegisteredInstance => !!i);
  }

  /** Replaces a registered instance's tags (AddTagsToOnPremisesInstances / RemoveTagsFromOnPremisesInstances). */
  setInstanceTags(name: string, change: (tags: Record<string, string>) => void): RegisteredInstance {
    return this.store.withLockSync(`deploy-instance-${name}`, () => {
      const instance = this.getInstance(name);
      if (!instance) throw new InputError(`no registered instance ${name}`);
      change(instance.tags);
      this.store.write(instance, 'deployments', 'instances', `${name}.json`);
      this.store.activity({ kind: 'deploy', action: 'tag-instance', instance: name });
      return instance;
    });
  }

  deregisterInstance(name: string): void {
    if (!this.getInstance(name)) throw new InputError(`no registered instance ${name}`);
    this.store.remove('deployments', 'instances', `${checkName('instance', name)}.json`);
  }
}

/** Ec2TagFilter matching: KEY_ONLY, VALUE_ONLY or KEY_AND_VALUE. */
export function matchesFilter(tags: Record<string, string>, filter: TagFilter): boolean {
  const entries = Object.entries(tags);
  switch (filter.Type) {
    case 'KEY_ONLY':
      return entries.some(([k]) => k === filter.Key);
    case 'VALUE_ONLY':
      return entries.some(([, v]) => v === filter.Value);
    default:
      return entries.some(([k, v]) => k === filter.Key && v === filter.Value);
  }
}
