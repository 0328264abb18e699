// CodeDeploy (EC2/On-premises compute platform) over the deployment engine: applications,
// deployment groups whose on-premises tag filters select registered local instances,
// configs, revisions in the local S3 buckets, deployments and their targets.
// https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_Operations.html
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { InputError } from '../../common/errors';
import type { StateStore } from '../../common/state';
import { BucketError, BucketStore } from '../../buckets/objects';
import { DeployEngine } from '../../deployments/engine';
import { parseMinimumHealthy } from '../../deployments/configs';
import type { Deployment, DeploymentGroup, TagFilter } from '../../deployments/records';
import { AwsError, type CallContext, type Operation, type ServiceDefinition } from '../types';
import { defined, epochSeconds, optional, page, required, withServiceErrors } from '../operations';
import { configShape, deploymentRequest, deploymentShape, groupShape, instanceInfoShape, instanceTargetShape, type DeploymentRequest } from './shapes';

type Input = Record<string, unknown>;

function need(input: Input, member: string, code: string): string {
  const value = input[member];
  if (typeof value !== 'string' || !value) throw new AwsError(code, `${member} is required`);
  return value;
}

function application(engine: DeployEngine, input: Input): string {
  const name = need(input, 'applicationName', 'ApplicationNameRequiredException');
  if (!engine.registry.getApplication(name)) throw new AwsError('ApplicationDoesNotExistException', `No application found for name: ${name}`);
  return name;
}

function group(engine: DeployEngine, input: Input, member = 'deploymentGroupName'): DeploymentGroup {
  const app = application(engine, input);
  const name = need(input, member, 'DeploymentGroupNameRequiredException');
  const found = engine.registry.getGroup(app, name);
  if (!found) throw new AwsError('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${name}`);
  return found;
}

function deployment(engine: DeployEngine, input: Input): Deployment {
  const id = need(input, 'deploymentId', 'DeploymentIdRequiredException');
  if (!/^d-[A-Za-z0-9-]+$/.test(id)) throw new AwsError('InvalidDeploymentIdException', `${id} is not a deployment id`);
  const found = engine.getDeployment(id);
  if (!found) throw new AwsError('DeploymentDoesNotExistException', `Deployment ${id} does not exist`);
  return found;
}

function tagFilters(value: unknown, member: string): TagFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new AwsError('InvalidTagException', `${member} must be a list`);
  return value.map((f: Record<string, unknown>) => {
    const type = f?.Type ?? (f?.Key !== undefined && f?.Value !== undefined ? 'KEY_AND_VALUE' : f?.Key !== undefined ? 'KEY_ONLY' : 'VALUE_ONLY');
    if (!['KEY_ONLY', 'VALUE_ONLY', 'KEY_AND_VALUE'].includes(type as string)) throw new AwsError('InvalidTagException', `${member}: Type must be KEY_ONLY, VALUE_ONLY or KEY_AND_VALUE`);
    return defined({ Key: f.Key as string | undefined, Value: f.Value as string | undefined, Type: type as TagFilter['Type'] });
  });
}

function tagList(value: unknown): Record<string, string> {
  if (!Array.isArray(value) || value.length === 0) throw new AwsError('TagRequiredException', 'tags are required');
  const tags: Record<string, string> = {};
  for (const t of value as Array<{ Key?: unknown; Value?: unknown }>) {
    if (typeof t?.Key !== 'string' || !t.Key) throw new AwsError('InvalidTagException', 'every tag needs a Key');
    tags[t.Key] = typeof t.Value === 'string' ? t.Value : '';
  }
  return tags;
}

/** Group members the engine does not use (service role, alarms, triggers), kept as given. */
function groupExtras(store: StateStore, app: string, name: string): Record<string, unknown> {
  return store.read<Record<string, unknown>>('deployments', 'applications', app, 'groups', `${name}.aws.json`) ?? {};
}

function putGroup(engine: DeployEngine, input: Input, app: string, name: string, mode: 'create' | 'update', existing?: DeploymentGroup): DeploymentGroup {
  const filters = [...tagFilters(input.onPremisesInstanceTagFilters, 'onPremisesInstanceTagFilters'), ...tagFilters(input.ec2TagFilters, 'ec2TagFilters')];
  const rollback = optional<{ enabled?: boolean }>(input, 'autoRollbackConfiguration', 'InvalidAutoRollbackConfigException', 'object');
  const config = optional<string>(input, 'deploymentConfigName', 'InvalidDeploymentConfigNameException', 'string') ?? existing?.config ?? 'CodeDeployDefault.OneAtATime';
  if (!engine.registry.getConfig(config)) throw new AwsError('DeploymentConfigDoesNotExistException', `No deployment configuration found for name: ${config}`);
  const style = (input.deploymentStyle ?? {}) as Record<string, unknown>;
  if (style.deploymentType === 'BLUE_GREEN') throw new AwsError('InvalidDeploymentStyleException', 'BLUE_GREEN groups of the EC2/On-premises platform need Auto Scaling or load balancers, which have no local equivalent here');
  const saved = engine.registry.putGroup(
    {
      application: app,
      name,
      id: existing?.id,
      instances: existing?.instances ?? [],
      tagFilters: input.onPremisesInstanceTagFilters === undefined && input.ec2TagFilters === undefined && existing ? existing.tagFilters : filters,
      config,
      autoRollback: rollback ? !!rollback.enabled : (existing?.autoRollback ?? false),
      blueGreen: existing?.blueGreen,
    },
    mode,
  );
  const extras = { ...groupExtras(engine.store, app, name) };
  for (const key of ['serviceRoleArn', 'alarmConfiguration', 'triggerConfigurations', 'outdatedInstancesStrategy', 'tags']) if (input[key] !== undefined) extras[key] = input[key];
  engine.store.write(extras, 'deployments', 'applications', app, 'groups', `${name}.aws.json`);
  return saved;
}

// --- revisions -------------------------------------------------------------

/** The file holding an object of a local S3 bucket (the buckets `slipway serve` answers for). */
function s3ObjectFile(store: StateStore, bucket: string, key: string): string {
  try {
    return new BucketStore(store).dataPath(bucket, key);
  } catch (error) {
    if (error instanceof BucketError) throw new AwsError('InvalidRevisionException', `s3://${bucket}/${key}: ${error.message}`);
    throw error;
  }
}

/** The engine's revision source for an S3 revision: the object's file, named so the engine knows its archive type. */
function revisionSource(store: StateStore, revision: Record<string, unknown>, deploymentDir: string): string {
  if (revision.revisionType !== 'S3') throw new AwsError('InvalidRevisionException', `revisionType ${String(revision.revisionType)} is not served locally: give an S3 revision (aws deploy push uploads one)`);
  const location = (revision.s3Location ?? {}) as Record<string, unknown>;
  if (typeof location.bucket !== 'string' || typeof location.key !== 'string') throw new AwsError('InvalidRevisionException', 's3Location needs a bucket and a key');
  const file = s3ObjectFile(store, location.bucket, location.key);
  const bundleType = (location.bundleType as string | undefined) ?? (/\.tar\.gz$|\.tgz$/i.test(location.key) ? 'tgz' : /\.tar$/i.test(location.key) ? 'tar' : 'zip');
  const extension = { zip: '.zip', tar: '.tar', tgz: '.tar.gz' }[bundleType];
  if (!extension) throw new AwsError('InvalidRevisionException', `bundleType ${bundleType} is not one of zip, tar, tgz`);
  // The engine tells archives by extension; S3 keys need not have one.
  fs.mkdirSync(deploymentDir, { recursive: true });
  const copy = path.join(deploymentDir, `revision${extension}`);
  fs.copyFileSync(file, copy);
  return copy;
}

function revisionKey(revision: unknown): string {
  return createHash('sha256').update(JSON.stringify(revision)).digest('hex').slice(0, 32);
}

interface RevisionRecord {
  revision: Record<string, unknown>;
  description?: string;
  registerTime: string;
  firstUsedTime?: string;
  lastUsedTime?: string;
}

function registerRevision(store: StateStore, app: string, revision: Record<string, unknown>, description?: string, used = false): void {
  const key = revisionKey(revision);
  store.withLockSync(`deploy-revision-${app}-${key}`, () => {
    const now = new Date().toISOString();
    const existing = store.read<RevisionRecord>('deployments', 'applications', app, 'revisions', `${key}.json`);
    const record: RevisionRecord = { revision, description: description ?? existing?.description, registerTime: existing?.registerTime ?? now, firstUsedTime: existing?.firstUsedTime ?? (used ? now : undefined), lastUsedTime: used ? now : existing?.lastUsedTime };
    store.write(record, 'deployments', 'applications', app, 'revisions', `${key}.json`);
  });
}

function deploymentsOf(engine: DeployEngine, input: Input): Deployment[] {
  const app = input.applicationName === undefined ? undefined : application(engine, input);
  const groupName = input.deploymentGroupName === undefined ? undefined : group(engine, input).name;
  if (groupName && !app) throw new AwsError('ApplicationNameRequiredException', 'applicationName is required with deploymentGroupName');
  const statuses = optional<string[]>(input, 'includeOnlyStatuses', 'InvalidDeploymentStatusException', 'array');
  const range = (input.createTimeRange ?? {}) as { start?: number; end?: number };
  return engine
    .listDeployments({ application: app, group: groupName })
    .filter((d) => !statuses || statuses.includes(d.status))
    .filter((d) => (range.start === undefined || Date.parse(d.createTime) / 1000 >= range.start) && (range.end === undefined || Date.parse(d.createTime) / 1000 <= range.end));
}

/** Why the engine refused to start: one active deployment per group, or a bad revision (no appspec, a missing script, …). */
function startRefusal(error: Error): Error {
  if (!(error instanceof InputError)) return error;
  if (/already has an active deployment/.test(error.message)) return new AwsError('DeploymentLimitExceededException', error.message);
  if (/has no instances/.test(error.message)) return new AwsError('InvalidTargetInstancesException', error.message);
  return new AwsError('InvalidRevisionException', error.message);
}

const operations: Record<string, Operation> = {
  // --- applications ----------------------------------------------------------
  async CreateApplication(input: Input, ctx: CallContext) {
    const engine = new DeployEngine(ctx.store);
    const name = need(input, 'applicationName', 'ApplicationNameRequiredException');
    if (input.computePlatform !== undefined && input.computePlatform !== 'Server') throw new AwsError('InvalidComputePlatformException', `computePlatform ${String(input.computePlatform)} is not served locally; only Server (EC2/On-premises)`);
    if (engine.registry.getApplication(name)) throw new AwsError('ApplicationAlreadyExistsException', `The application ${name} already exists`);
    return { applicationId: engine.registry.createApplication(name).id };
  },
  async GetApplication(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = engine.registry.getApplication(application(engine, input))!;
    return { application: { applicationId: app.id, applicationName: app.name, createTime: epochSeconds(app.createdAt), linkedToGitHub: false, computePlatform: 'Server' } };
  },
  async BatchGetApplications(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const names = required<string[]>(input, 'applicationNames', 'ApplicationNameRequiredException', 'array');
    return {
      applicationsInfo: names.map((n) => engine.registry.getApplication(n)).filter((a) => !!a).map((a) => ({ applicationId: a.id, applicationName: a.name, createTime: epochSeconds(a.createdAt), linkedToGitHub: false, computePlatform: 'Server' })),
    };
  },
  async ListApplications(input: Input, ctx) {
    const { items, nextToken } = page(new DeployEngine(ctx.store).registry.listApplications().map((a) => a.name), input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ applications: items, nextToken });
  },
  async DeleteApplication(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const name = need(input, 'applicationName', 'ApplicationNameRequiredException');
    if (engine.registry.getApplication(name)) engine.registry.deleteApplication(name);
    return {};
  },
  // --- deployment groups ---------------------------------------------------
  async CreateDeploymentGroup(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = application(engine, input);
    const name = need(input, 'deploymentGroupName', 'DeploymentGroupNameRequiredException');
    if (engine.registry.getGroup(app, name)) throw new AwsError('DeploymentGroupAlreadyExistsException', `A deployment group named ${name} already exists`);
    return { deploymentGroupId: putGroup(engine, input, app, name, 'create').id };
  },
  async UpdateDeploymentGroup(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const existing = group(engine, input, 'currentDeploymentGroupName');
    const rename = optional<string>(input, 'newDeploymentGroupName', 'InvalidDeploymentGroupNameException', 'string');
    if (rename && rename !== existing.name) {
      if (engine.registry.getGroup(existing.application, rename)) throw new AwsError('DeploymentGroupAlreadyExistsException', `A deployment group named ${rename} already exists`);
      const extras = groupExtras(ctx.store, existing.application, existing.name);
      putGroup(engine, input, existing.application, rename, 'create', existing);
      ctx.store.write(extras, 'deployments', 'applications', existing.application, 'groups', `${rename}.aws.json`);
      engine.registry.deleteGroup(existing.application, existing.name);
      ctx.store.remove('deployments', 'applications', existing.application, 'groups', `${existing.name}.aws.json`);
    } else putGroup(engine, input, existing.application, existing.name, 'update', existing);
    return { hooksNotCleanedUp: [] };
  },
  async GetDeploymentGroup(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const found = group(engine, input);
    return { deploymentGroupInfo: groupShape(found, groupExtras(ctx.store, found.application, found.name), engine.lastSuccessful(found)) };
  },
  async BatchGetDeploymentGroups(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = application(engine, input);
    const names = required<string[]>(input, 'deploymentGroupNames', 'DeploymentGroupNameRequiredException', 'array');
    const found = names.map((n) => engine.registry.getGroup(app, n));
    return {
      deploymentGroupsInfo: found.filter((g) => !!g).map((g) => groupShape(g, groupExtras(ctx.store, app, g.name), engine.lastSuccessful(g))),
      errorMessage: names.filter((_, i) => !found[i]).map((n) => `${n}: deployment group does not exist`).join('; ') || undefined,
    };
  },
  async ListDeploymentGroups(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = application(engine, input);
    const { items, nextToken } = page(engine.registry.listGroups(app).map((g) => g.name), input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ applicationName: app, deploymentGroups: items, nextToken });
  },
  async DeleteDeploymentGroup(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = application(engine, input);
    const name = need(input, 'deploymentGroupName', 'DeploymentGroupNameRequiredException');
    if (engine.registry.getGroup(app, name)) {
      engine.registry.deleteGroup(app, name);
      ctx.store.remove('deployments', 'applications', app, 'groups', `${name}.aws.json`);
    }
    return { hooksNotCleanedUp: [] };
  },
  // --- deployment configs --------------------------------------------------
  async CreateDeploymentConfig(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const name = need(input, 'deploymentConfigName', 'DeploymentConfigNameRequiredException');
    if (engine.registry.getConfig(name)) throw new AwsError('DeploymentConfigAlreadyExistsException', `A deployment configuration named ${name} already exists`);
    const hosts = optional<{ type?: string; value?: number }>(input, 'minimumHealthyHosts', 'InvalidMinimumHealthyHostValueException', 'object');
    if (!hosts || (hosts.type !== 'HOST_COUNT' && hosts.type !== 'FLEET_PERCENT') || typeof hosts.value !== 'number') {
      throw new AwsError('InvalidMinimumHealthyHostValueException', 'minimumHealthyHosts needs a type (HOST_COUNT or FLEET_PERCENT) and a value');
    }
    const parsed = parseMinimumHealthy(`${hosts.type}:${hosts.value}`);
    return { deploymentConfigId: configShape(engine.registry.createConfig(name, parsed)).deploymentConfigId };
  },
  async GetDeploymentConfig(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const name = need(input, 'deploymentConfigName', 'DeploymentConfigNameRequiredException');
    const config = engine.registry.getConfig(name);
    if (!config) throw new AwsError('DeploymentConfigDoesNotExistException', `No deployment configuration found for name: ${name}`);
    return { deploymentConfigInfo: configShape(config) };
  },
  async ListDeploymentConfigs(input: Input, ctx) {
    const { items, nextToken } = page(new DeployEngine(ctx.store).registry.listConfigs().map((c) => c.name), input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ deploymentConfigsList: items, nextToken });
  },
  async DeleteDeploymentConfig(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const name = need(input, 'deploymentConfigName', 'DeploymentConfigNameRequiredException');
    const config = engine.registry.getConfig(name);
    if (config?.builtIn) throw new AwsError('InvalidOperationException', `${name} is a default deployment configuration and cannot be deleted`);
    const users = engine.registry.listApplications().flatMap((a) => engine.registry.listGroups(a.name)).filter((g) => g.config === name);
    if (users.length) throw new AwsError('DeploymentConfigInUseException', `${name} is used by deployment group ${users[0].name}`);
    if (config) engine.registry.deleteConfig(name);
    return {};
  },
  // --- on-premises instances -------------------------------------------------
  async RegisterOnPremisesInstance(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const name = need(input, 'instanceName', 'InstanceNameRequiredException');
    const iamUserArn = optional<string>(input, 'iamUserArn', 'InvalidIamUserArnException', 'string');
    const iamSessionArn = optional<string>(input, 'iamSessionArn', 'InvalidIamSessionArnException', 'string');
    if (!iamUserArn && !iamSessionArn) throw new AwsError('IamArnRequiredException', 'Either iamUserArn or iamSessionArn is required');
    if (iamUserArn && iamSessionArn) throw new AwsError('MultipleIamArnsProvidedException', 'Give either iamUserArn or iamSessionArn, not both');
    if (!/^[A-Za-z0-9_.+=,@-]{1,100}$/.test(name)) throw new AwsError('InvalidInstanceNameException', `Instance name ${name} is not valid`);
    if (engine.registry.getInstance(name)) throw new AwsError('InstanceNameAlreadyRegisteredException', `The on-premises instance ${name} is already registered`);
    // The local stand-in for the machine: its own folder in the state home.
    engine.registry.registerInstance(name, ctx.store.path('deployments', 'on-premises', name), {}, defined({ iamUserArn, iamSessionArn }));
    return {};
  },
  async DeregisterOnPremisesInstance(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const name = need(input, 'instanceName', 'InstanceNameRequiredException');
    if (!engine.registry.getInstance(name)) throw new AwsError('InstanceNotRegisteredException', `The on-premises instance ${name} is not registered`);
    engine.registry.deregisterInstance(name);
    return {};
  },
  async GetOnPremisesInstance(input: Input, ctx) {
    const name = need(input, 'instanceName', 'InstanceNameRequiredException');
    const instance = new DeployEngine(ctx.store).registry.getInstance(name);
    if (!instance) throw new AwsError('InstanceNotRegisteredException', `The on-premises instance ${name} is not registered`);
    return { instanceInfo: instanceInfoShape(instance) };
  },
  async BatchGetOnPremisesInstances(input: Input, ctx) {
    const names = required<string[]>(input, 'instanceNames', 'InstanceNameRequiredException', 'array');
    const registry = new DeployEngine(ctx.store).registry;
    return { instanceInfos: names.map((n) => registry.getInstance(n)).filter((i) => !!i).map((i) => instanceInfoShape(i)) };
  },
  async ListOnPremisesInstances(input: Input, ctx) {
    const status = input.registrationStatus;
    if (status !== undefined && status !== 'Registered' && status !== 'Deregistered') throw new AwsError('InvalidRegistrationStatusException', 'registrationStatus must be Registered or Deregistered');
    const filters = tagFilters(input.tagFilters, 'tagFilters');
    const instances = status === 'Deregistered' ? [] : new DeployEngine(ctx.store).registry.listInstances();
    const names = instances.filter((i) => filters.every((f) => Object.entries(i.tags).some(([k, v]) => (f.Type === 'VALUE_ONLY' || k === f.Key) && (f.Type === 'KEY_ONLY' || v === f.Value)))).map((i) => i.name);
    const { items, nextToken } = page(names, input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ instanceNames: items, nextToken });
  },
  async AddTagsToOnPremisesInstances(input: Input, ctx) {
    const tags = tagList(input.tags);
    const names = required<string[]>(input, 'instanceNames', 'InstanceNameRequiredException', 'array');
    const registry = new DeployEngine(ctx.store).registry;
    for (const name of names) if (!registry.getInstance(name)) throw new AwsError('InstanceNotRegisteredException', `The on-premises instance ${name} is not registered`);
    for (const name of names) registry.setInstanceTags(name, (current) => Object.assign(current, tags));
    return {};
  },
  async RemoveTagsFromOnPremisesInstances(input: Input, ctx) {
    const tags = tagList(input.tags);
    const names = required<string[]>(input, 'instanceNames', 'InstanceNameRequiredException', 'array');
    const registry = new DeployEngine(ctx.store).registry;
    for (const name of names) if (!registry.getInstance(name)) throw new AwsError('InstanceNotRegisteredException', `The on-premises instance ${name} is not registered`);
    for (const name of names) {
      registry.setInstanceTags(name, (current) => {
        for (const [key, value] of Object.entries(tags)) if (key in current && (value === '' || current[key] === value)) delete current[key];
      });
    }
    return {};
  },
  // --- revisions -------------------------------------------------------------
  async RegisterApplicationRevision(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = application(engine, input);
    const revision = input.revision as Record<string, unknown> | undefined;
    if (!revision || typeof revision !== 'object') throw new AwsError('RevisionRequiredException', 'revision is required');
    if (revision.revisionType !== 'S3') throw new AwsError('InvalidRevisionException', 'only S3 revisions are served locally');
    const location = (revision.s3Location ?? {}) as Record<string, unknown>;
    if (typeof location.bucket !== 'string' || typeof location.key !== 'string') throw new AwsError('InvalidRevisionException', 's3Location needs a bucket and a key');
    s3ObjectFile(ctx.store, location.bucket, location.key);
    registerRevision(ctx.store, app, revision, optional<string>(input, 'description', 'DescriptionTooLongException', 'string'));
    return {};
  },
  async ListApplicationRevisions(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = application(engine, input);
    const records = ctx.store
      .list('deployments', 'applications', app, 'revisions')
      .map((f) => ctx.store.read<RevisionRecord>('deployments', 'applications', app, 'revisions', f))
      .filter((r): r is RevisionRecord => !!r)
      .sort((a, b) => a.registerTime.localeCompare(b.registerTime));
    const { items, nextToken } = page(records.map((r) => r.revision), input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ revisions: items, nextToken });
  },
  async GetApplicationRevision(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const app = application(engine, input);
    const revision = input.revision as Record<string, unknown> | undefined;
    if (!revision) throw new AwsError('RevisionRequiredException', 'revision is required');
    const record = ctx.store.read<RevisionRecord>('deployments', 'applications', app, 'revisions', `${revisionKey(revision)}.json`);
    if (!record) throw new AwsError('RevisionDoesNotExistException', 'The revision is not registered with this application');
    return {
      applicationName: app,
      revision: record.revision,
      revisionInfo: defined({ description: record.description, deploymentGroups: [], firstUsedTime: epochSeconds(record.firstUsedTime), lastUsedTime: epochSeconds(record.lastUsedTime), registerTime: epochSeconds(record.registerTime) }),
    };
  },
  // --- deployments -----------------------------------------------------------
  async CreateDeployment(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const target = group(engine, input);
    const revision = input.revision as Record<string, unknown> | undefined;
    if (!revision || typeof revision !== 'object') throw new AwsError('RevisionRequiredException', 'revision is required');
    const config = optional<string>(input, 'deploymentConfigName', 'InvalidDeploymentConfigNameException', 'string');
    if (config && !engine.registry.getConfig(config)) throw new AwsError('DeploymentConfigDoesNotExistException', `No deployment configuration found for name: ${config}`);
    const staging = fs.mkdtempSync(path.join(ctx.store.ensure('deployments', 'incoming'), 'revision-'));
    const source = revisionSource(ctx.store, revision, staging);
    const request: DeploymentRequest = defined({
      revision,
      description: optional<string>(input, 'description', 'DescriptionTooLongException', 'string'),
      creator: ctx.user,
      ignoreApplicationStopFailures: optional<boolean>(input, 'ignoreApplicationStopFailures', 'InvalidIgnoreApplicationStopFailuresValueException', 'boolean'),
      autoRollbackConfiguration: input.autoRollbackConfiguration,
      fileExistsBehavior: optional<string>(input, 'fileExistsBehavior', 'InvalidFileExistsBehaviorException', 'string'),
    });
    const id = await new Promise<string>((resolve, reject) => {
      engine
        .start(target.application, target.name, {
          revision: source,
          config,
          ignoreApplicationStopFailures: request.ignoreApplicationStopFailures,
          onCreated: (d) => {
            ctx.store.write(request, 'deployments', 'runs', d.id, 'request.json');
            resolve(d.id);
          },
        })
        .then(
          () => undefined,
          (error: Error) => reject(startRefusal(error)),
        )
        .finally(() => fs.rmSync(staging, { recursive: true, force: true }));
    });
    registerRevision(ctx.store, target.application, revision, undefined, true);
    return { deploymentId: id };
  },
  async GetDeployment(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    await engine.settleAbandoned();
    const found = deployment(engine, input);
    return { deploymentInfo: deploymentShape(found, deploymentRequest(ctx.store, found.id)) };
  },
  async BatchGetDeployments(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    await engine.settleAbandoned();
    const ids = required<string[]>(input, 'deploymentIds', 'DeploymentIdRequiredException', 'array');
    return { deploymentsInfo: ids.map((id) => engine.getDeployment(id)).filter((d) => !!d).map((d) => deploymentShape(d, deploymentRequest(ctx.store, d.id))) };
  },
  async ListDeployments(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    await engine.settleAbandoned();
    const { items, nextToken } = page(deploymentsOf(engine, input).map((d) => d.id), input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ deployments: items, nextToken });
  },
  async StopDeployment(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const found = deployment(engine, input);
    if (!['InProgress', 'Created'].includes(found.status)) throw new AwsError('DeploymentAlreadyCompletedException', `Deployment ${found.id} is already ${found.status}`);
    const stopped = await engine.stop(found.id, optional<boolean>(input, 'autoRollbackEnabled', 'InvalidInputException', 'boolean') ?? false);
    return { status: stopped.status === 'Stopped' ? 'Succeeded' : 'Pending', statusMessage: stopped.status === 'Stopped' ? 'Deployment stopped' : 'Stop requested; the running deployment stops after its current lifecycle event' };
  },
  async ListDeploymentTargets(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    const found = deployment(engine, input);
    const { items, nextToken } = page(found.instances.map((i) => i.name), input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ targetIds: items, nextToken });
  },
  async BatchGetDeploymentTargets(input: Input, ctx) {
    const engine = new DeployEngine(ctx.store);
    await engine.settleAbandoned();
    const found = deployment(engine, input);
    const ids = required<string[]>(input, 'targetIds', 'DeploymentTargetIdRequiredException', 'array');
    if (ids.length > 25) throw new AwsError('DeploymentTargetListSizeExceededException', 'at most 25 target ids per call');
    const targets = ids.map((id) => {
      const run = found.instances.find((i) => i.name === id);
      if (!run) throw new AwsError('DeploymentTargetDoesNotExistException', `Deployment ${found.id} has no target ${id}`);
      return instanceTargetShape(found, run);
    });
    return { deploymentTargets: targets };
  },
  async ListDeploymentInstances(input: Input, ctx) {
    const found = deployment(new DeployEngine(ctx.store), input);
    const statuses = optional<string[]>(input, 'instanceStatusFilter', 'InvalidInstanceStatusException', 'array');
    const { items, nextToken } = page(found.instances.filter((i) => !statuses || statuses.includes(i.status)).map((i) => i.name), input.nextToken, undefined, 'InvalidNextTokenException');
    return defined({ instancesList: items, nextToken });
  },
};

export const codedeployService: ServiceDefinition = {
  signingName: 'codedeploy',
  protocol: 'awsJson1_1',
  targetPrefix: 'CodeDeploy_20141006',
  operations: withServiceErrors(operations, { invalid: 'InvalidInputException' }),
};
