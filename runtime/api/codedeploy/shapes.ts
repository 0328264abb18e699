// CodeDeploy's response shapes (DeploymentInfo, InstanceTarget, DeploymentGroupInfo) from the
// deployment engine's records, as the CodeDeploy API reference defines them.
// https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_DeploymentInfo.html
import * as fs from 'node:fs';
import { LOCAL_ACCOUNT } from '../../common/ids';
import type { Deployment, DeploymentConfig, DeploymentGroup, InstanceRun, RegisteredInstance, TagFilter } from '../../deployments/records';
import type { StateStore } from '../../common/state';
import { defined, epochSeconds, isoTime, stableUuid, type TimeFormat } from '../operations';

const ARN = (resource: string) => `arn:${LOCAL_ACCOUNT.partition}:codedeploy:${LOCAL_ACCOUNT.region}:${LOCAL_ACCOUNT.accountId}:${resource}`;

export const instanceArn = (name: string) => ARN(`instance/${name}`);

/** A config has no stored id: a stable UUID-form id from its name. */
export function configId(name: string): string {
  return stableUuid('deployment-config', name);
}

/** What CreateDeployment was given, kept beside the engine's record. */
export interface DeploymentRequest {
  revision?: Record<string, unknown>;
  description?: string;
  creator?: string;
  ignoreApplicationStopFailures?: boolean;
  autoRollbackConfiguration?: unknown;
  fileExistsBehavior?: string;
}

const CREATORS: Record<Deployment['creator'], string> = { user: 'user', autoRollback: 'codeDeployRollback', stopRollback: 'codeDeployRollback' };

export function tagFilterShape(filter: TagFilter): Record<string, unknown> {
  return defined({ Key: filter.Key, Value: filter.Value, Type: filter.Type });
}

function overview(instances: InstanceRun[]): Record<string, number> {
  const count = (status: string) => instances.filter((i) => i.status === status).length;
  return { Pending: count('Pending'), InProgress: count('InProgress'), Succeeded: count('Succeeded'), Failed: count('Failed'), Skipped: count('Skipped'), Ready: 0 };
}

export function deploymentShape(d: Deployment, request: DeploymentRequest = {}, time: TimeFormat = epochSeconds): Record<string, unknown> {
  const started = d.instances.map((i) => i.startTime).filter((t): t is string => !!t).sort()[0];
  return defined({
    applicationName: d.application,
    deploymentGroupName: d.group,
    deploymentConfigName: d.config,
    deploymentId: d.id,
    // A revision given as a local folder or build has no AWS RevisionLocation: the CLI shows it under `slipway`.
    revision: request.revision,
    status: d.status,
    errorInformation: d.errorMessage ? { code: d.status === 'Stopped' ? 'MANUAL_STOP' : 'HEALTH_CONSTRAINTS', message: d.errorMessage } : undefined,
    createTime: time(d.createTime),
    startTime: time(started),
    completeTime: time(d.completeTime),
    deploymentOverview: overview(d.instances),
    description: request.description,
    creator: CREATORS[d.creator],
    ignoreApplicationStopFailures: request.ignoreApplicationStopFailures ?? false,
    autoRollbackConfiguration: request.autoRollbackConfiguration,
    rollbackInfo:
      d.rollback || d.rollbackOf
        ? defined({ rollbackDeploymentId: d.rollback?.id, rollbackTriggeringDeploymentId: d.rollbackOf, rollbackMessage: d.rollback ? `Rolled back by ${d.rollback.id} (${d.rollback.status})` : undefined })
        : undefined,
    deploymentStyle: { deploymentType: d.blueGreen ? 'BLUE_GREEN' : 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
    fileExistsBehavior: request.fileExistsBehavior ?? 'DISALLOW',
    computePlatform: 'Server',
    deploymentStatusMessages: [],
  });
}

/** The last lines of an event's log: the logTail CodeDeploy's diagnostics carry. */
function logTail(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n').slice(-2048);
  } catch {
    return undefined;
  }
}

export function instanceTargetShape(d: Deployment, run: InstanceRun, time: TimeFormat = epochSeconds): Record<string, unknown> {
  const updated = run.events.map((e) => e.endTime ?? e.startTime).filter((t): t is string => !!t).sort().at(-1);
  return {
    deploymentTargetType: 'InstanceTarget',
    instanceTarget: defined({
      deploymentId: d.id,
      targetId: run.name,
      targetArn: instanceArn(run.name),
      status: run.status,
      lastUpdatedAt: time(updated ?? run.endTime ?? run.startTime ?? d.createTime),
      lifecycleEvents: run.events.map((e) =>
        defined({
          lifecycleEventName: e.name,
          status: e.status,
          startTime: time(e.startTime),
          endTime: time(e.endTime),
          diagnostics:
            e.status === 'Failed' || e.status === 'Succeeded'
              ? defined({
                  // https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_Diagnostics.html
                  errorCode: e.status === 'Succeeded' ? 'Success' : (e.failedScript?.errorCode ?? 'UnknownError'),
                  scriptName: e.failedScript?.scriptName ?? '',
                  message: e.message ?? (e.status === 'Failed' ? 'Script at specified location failed' : 'Succeeded'),
                  logTail: logTail(e.logFile),
                })
              : undefined,
        }),
      ),
      instanceLabel: run.role === 'original' ? 'Blue' : run.role === 'replacement' ? 'Green' : undefined,
    }),
  };
}

export function groupShape(group: DeploymentGroup, extras: Record<string, unknown>, last: Deployment | undefined, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    ...extras,
    applicationName: group.application,
    deploymentGroupId: group.id,
    deploymentGroupName: group.name,
    deploymentConfigName: group.config,
    onPremisesInstanceTagFilters: group.tagFilters.map(tagFilterShape),
    autoRollbackConfiguration: { enabled: group.autoRollback, events: group.autoRollback ? ['DEPLOYMENT_FAILURE'] : [] },
    deploymentStyle: { deploymentType: group.blueGreen ? 'BLUE_GREEN' : 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
    lastSuccessfulDeployment: last ? defined({ deploymentId: last.id, status: last.status, endTime: time(last.completeTime), createTime: time(last.createTime) }) : undefined,
    computePlatform: 'Server',
  });
}

export function configShape(config: DeploymentConfig): Record<string, unknown> {
  return defined({
    deploymentConfigId: configId(config.name),
    deploymentConfigName: config.name,
    minimumHealthyHosts: config.minimumHealthyHosts ?? { type: 'HOST_COUNT', value: 0 },
    computePlatform: 'Server',
  });
}

export function instanceInfoShape(instance: RegisteredInstance, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    instanceName: instance.name,
    iamUserArn: instance.iamUserArn,
    iamSessionArn: instance.iamSessionArn,
    instanceArn: instanceArn(instance.name),
    registerTime: time(instance.registeredAt),
    tags: Object.entries(instance.tags).map(([Key, Value]) => ({ Key, Value })),
  });
}

export function deploymentRequest(store: StateStore, id: string): DeploymentRequest {
  return store.read<DeploymentRequest>('deployments', 'runs', id, 'request.json') ?? {};
}

/** The CLI's `--json` document of a deployment: GetDeployment plus its targets, local paths under `slipway`. */
export function deploymentDocument(store: StateStore, d: Deployment): Record<string, unknown> {
  return {
    deploymentInfo: deploymentShape(d, deploymentRequest(store, d.id), isoTime),
    deploymentTargets: d.instances.map((run) => instanceTargetShape(d, run, isoTime)),
    slipway: {
      revision: d.revision,
      instances: d.instances.map((i) => ({ name: i.name, root: i.root, status: i.status, events: i.events.map((e) => ({ name: e.name, status: e.status, durationMs: e.durationMs ?? null, logFile: e.logFile ?? null })) })),
      rollback: d.rollback,
    },
  };
}
