import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IN_PLACE_EVENTS, hookScripts, loadRevisionAppSpec, planInstall, type AppSpec } from '../appspec/model';
import { InputError } from '../common/errors';
import { killRecordedGroup } from '../common/process';
import type { AbandonedWorkSettler, Settled } from '../common/settled';
import type { StateStore } from '../common/state';
import { HealthConstraintsError, healthRule } from './configs';
import { pendingEvents, runInstance } from './lifecycle';
import { EscapeError, underRoot } from './paths';
import type { Deployment, DeploymentConfig, DeploymentGroup, InstanceRun, InstanceTarget } from './records';
import { DeployRegistry } from './registry';
import { prepareRevision } from './revision';
import { blueGreenPlan, finishBlueGreen, rollbackBlueGreen, sweepOriginals } from './bluegreen';

export const OPERATION_KIND = 'deployment';

export interface StartOptions {
  /** A folder, a .zip/.tar/.tar.gz archive or build:ID. */
  revision: string;
  config?: string;
  /** Resolves relative revision paths. */
  cwd?: string;
  creator?: Deployment['creator'];
  rollbackOf?: string;
  /** Continue past a failed ApplicationStop, BeforeBlockTraffic or AfterBlockTraffic (CodeDeploy's ignoreApplicationStopFailures). */
  ignoreApplicationStopFailures?: boolean;
  /** Called with the record on every change (progress in the editor). */
  onProgress?: (deployment: Deployment) => void;
  /** Called once the deployment is recorded, before any instance runs (CreateDeployment answers with its id then). */
  onCreated?: (deployment: Deployment) => void;
}

interface StopRequest {
  rollback: boolean;
  requestedAt: string;
}

/**
 * Runs deployments of an appspec to a group's local instances under CodeDeploy's
 * rules: lifecycle order per instance, instances scheduled by the deployment config,
 * success by its minimum healthy hosts, automatic rollback, stop, crash recovery.
 */
export class DeployEngine implements AbandonedWorkSettler {
  readonly registry: DeployRegistry;

  constructor(readonly store: StateStore) {
    this.registry = new DeployRegistry(store);
  }

  getDeployment(id: string): Deployment | undefined {
    if (!/^[A-Za-z0-9-]+$/.test(id)) return undefined;
    return this.store.read<Deployment>('deployments', 'runs', id, 'deployment.json');
  }

  requireDeployment(id: string): Deployment {
    const deployment = this.getDeployment(id);
    if (!deployment) throw new InputError(`no deployment ${id}`);
    return deployment;
  }

  /** Newest first; `limit` bounds how many records are read (ids sort by creation time). */
  listDeployments(filter: { application?: string; group?: string; limit?: number } = {}): Deployment[] {
    return this.store
      .list('deployments', 'runs')
      .reverse()
      .slice(0, filter.limit ?? Infinity)
      .map((id) => this.getDeployment(id))
      .filter((d): d is Deployment => !!d && (!filter.application || d.application === filter.application) && (!filter.group || d.group === filter.group));
  }

  logPath(deploymentId: string, instance: string, event: string): string {
    return this.store.path('deployments', 'runs', deploymentId, 'logs', instance, `${event}.log`);
  }

  /** The group's last successful deployment (what automatic rollback redeploys). */
  lastSuccessful(group: DeploymentGroup): Deployment | undefined {
    const ref = this.store.read<{ id: string }>('deployments', 'applications', group.application, 'last-successful', `${group.name}.json`);
    return ref ? this.getDeployment(ref.id) : undefined;
  }

  /**
   * Runs a deployment to completion (and its rollback, when one is due). Bad input —
   * no appspec, a missing source or script, a destination escaping a root — is refused
   * with InputError before any instance is touched.
   */
  async start(application: string, groupName: string, options: StartOptions): Promise<Deployment> {
    await this.settleAbandoned();
    const group = this.registry.requireGroup(application, groupName);
    const config = this.registry.requireConfig(options.config ?? group.config);
    const targets = this.registry.groupInstances(group);
    if (targets.length === 0) throw new InputError(`deployment group ${groupName} has no instances (list some with --instance or register instances matching its tag filters)`);
    // One active deployment per group, as CodeDeploy allows (the lock dies with its process).
    const activeLock = `deploy-group-active-${group.id}`;
    if (!this.store.tryLock(activeLock)) {
      const active = this.listDeployments({ application, group: groupName }).find((d) => d.status === 'InProgress');
      throw new InputError(`deployment group ${groupName} already has an active deployment${active ? ` (${active.id})` : ''}`);
    }
    let held = true;
    const release = () => {
      if (held) this.store.unlock(activeLock);
      held = false;
    };
    try {
      return await this.startLocked(application, group, config, targets, options, release);
    } finally {
      release();
    }
  }

  /**
   * CodeDeploy's deployment id form, `d-` and nine upper-case letters or digits: here the
   * creation time in base 36 (so ids sort by age, which listing relies on) and a random one.
   * The run's folder is claimed with an exclusive mkdir, so two processes never share an id.
   */
  private newDeploymentId(): string {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    this.store.ensure('deployments', 'runs');
    for (;;) {
      const id = `d-${Date.now().toString(36).toUpperCase().padStart(8, '0').slice(-8)}${alphabet[randomInt(36)]}`;
      try {
        fs.mkdirSync(this.store.contained('deployments', 'runs', id));
        return id;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  private async startLocked(application: string, group: DeploymentGroup, config: DeploymentConfig, targets: InstanceTarget[], options: StartOptions, release: () => void): Promise<Deployment> {
    const groupName = group.name;
    const id = this.newDeploymentId();
    let revision;
    let appspec: AppSpec;
    try {
      revision = prepareRevision(this.store, options.revision, id, options.cwd ?? process.cwd());
      appspec = loadRevisionAppSpec(revision.bundleDir);
      // Messages name the user's file, not the copy.
      if (revision.type === 'folder') appspec.file = path.join(revision.source, path.basename(appspec.file));
      checkRevision(appspec, revision.bundleDir, targets, group);
      const here = process.platform === 'win32' ? 'windows' : 'linux';
      if (appspec.os !== here) throw new InputError(`the appspec is for ${appspec.os} instances; local instances on this machine run ${here}`, appspec.file, appspec.osLine);
    } catch (error) {
      this.store.remove('deployments', 'bundles', id);
      if (error instanceof EscapeError) throw new InputError(error.message);
      if (error instanceof InputError && revision?.type === 'folder') throw new InputError(error.message.split(revision.bundleDir).join(revision.source));
      throw error;
    }
    const blueGreen = group.blueGreen ? blueGreenPlan(this.store, group, targets, id) : undefined;
    const deployment: Deployment = {
      id,
      application,
      group: groupName,
      groupId: group.id,
      config: config.name,
      revision,
      status: 'InProgress',
      creator: options.creator ?? 'user',
      createTime: new Date().toISOString(),
      rollback: null,
      ...(options.rollbackOf ? { rollbackOf: options.rollbackOf } : {}),
      instances: blueGreen?.runs ?? targets.map((t) => ({ name: t.name, root: t.root, status: 'Pending', events: pendingEvents(IN_PLACE_EVENTS) })),
      ...(blueGreen ? { blueGreen: { originals: blueGreen.originals } } : {}),
    };
    // Changes come in bursts (several per event); the record is written at most every
    // 50 ms, and at once when the deployment settles.
    let pending: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(pending);
      pending = undefined;
      this.store.write(deployment, 'deployments', 'runs', id, 'deployment.json');
    };
    const save = () => {
      options.onProgress?.(deployment);
      pending ??= setTimeout(flush, 50);
    };
    flush();
    this.store.beginOperation(OPERATION_KIND, id, { application, group: groupName });
    this.store.activity({ kind: 'deploy', action: 'start', deployment: id, application, group: groupName, revision: revision.source });
    options.onCreated?.(deployment);

    const controller = new AbortController();
    const stopFile = this.store.path('deployments', 'runs', id, 'stop.json');
    // Another process (`slipway deploy stop`, the editor) asks by writing the stop file.
    const poll = setInterval(() => {
      if (!controller.signal.aborted && fs.existsSync(stopFile)) controller.abort();
    }, 100);
    try {
      let rule;
      try {
        rule = healthRule(config, targets.length);
      } catch (error) {
        if (!(error instanceof HealthConstraintsError)) throw error;
        for (const run of deployment.instances) skip(run);
        deployment.errorMessage = error.message;
        deployment.status = 'Failed';
      }
      if (rule) {
        const jobs = deployment.instances.filter((r) => r.role !== 'original');
        const results = await schedule(jobs, rule.concurrency, (succeeded, failed) => !controller.signal.aborted && rule.mayContinue(succeeded, failed), (run) =>
          runInstance({
            deploymentId: id,
            application,
            group: groupName,
            groupId: group.id,
            run,
            appspec,
            bundleDir: revision.bundleDir,
            agentDir: blueGreen ? blueGreen.agentDir(run.name) : this.store.path('deployments', 'agent', group.id, run.name),
            logDir: this.store.path('deployments', 'runs', id, 'logs', run.name),
            signal: controller.signal,
            changed: save,
            actions: blueGreen?.actions(run.name),
            ignoreStopFailures: options.ignoreApplicationStopFailures,
            owner: this.store.owner,
          }),
        );
        const succeeded = results.filter((r) => r).length;
        const failed = results.length - succeeded;
        if (controller.signal.aborted) {
          deployment.status = 'Stopped';
          deployment.errorMessage = 'stopped by the user';
        } else if (rule.succeeded(succeeded, failed)) deployment.status = 'Succeeded';
        else {
          deployment.status = 'Failed';
          deployment.errorMessage = `${failed} instance${failed === 1 ? '' : 's'} failed, ${succeeded} succeeded: below the minimum healthy hosts of ${config.name}`;
        }
        if (blueGreen && deployment.status === 'Succeeded') await finishBlueGreen(this.store, deployment, group, save);
      }
    } catch (error) {
      // An engine fault (a full disk, a vanished folder) ends the deployment honestly too.
      deployment.status = 'Failed';
      deployment.errorMessage = (error as Error).message;
      settleUnfinished(deployment, 'the deployment ended on an error');
    } finally {
      clearInterval(poll);
    }
    deployment.completeTime = new Date().toISOString();
    options.onProgress?.(deployment);
    flush();
    if (deployment.status === 'Succeeded') {
      this.store.write({ id }, 'deployments', 'applications', application, 'last-successful', `${groupName}.json`);
    }
    this.store.endOperation(OPERATION_KIND, id);
    this.store.activity({ kind: 'deploy', action: 'finish', deployment: id, status: deployment.status });

    release(); // the rollback is a deployment of its own
    const request = this.store.read<StopRequest>('deployments', 'runs', id, 'stop.json');
    const wantsRollback = (deployment.status === 'Failed' && group.autoRollback) || (deployment.status === 'Stopped' && request?.rollback);
    if (wantsRollback) await this.rollBack(deployment, group, deployment.status === 'Stopped' ? 'stopRollback' : 'autoRollback', options.onProgress);
    return deployment;
  }

  /**
   * Redeploys the group's last successful revision as a new deployment linked to the
   * failed one (blue/green: points the links back at the kept originals).
   */
  private async rollBack(failed: Deployment, group: DeploymentGroup, creator: Deployment['creator'], onProgress?: (d: Deployment) => void): Promise<void> {
    if (failed.rollbackOf) return; // a failed rollback is not rolled back again
    if (failed.blueGreen) {
      rollbackBlueGreen(failed);
      failed.errorMessage = `${failed.errorMessage ?? ''}; traffic stays on the original roots`.replace(/^; /, '');
      this.store.write(failed, 'deployments', 'runs', failed.id, 'deployment.json');
      return;
    }
    const last = this.lastSuccessful(group);
    if (!last || last.id === failed.id) {
      failed.errorMessage = `${failed.errorMessage ?? failed.status}; no earlier successful revision to roll back to`;
      this.store.write(failed, 'deployments', 'runs', failed.id, 'deployment.json');
      return;
    }
    const rollback = await this.start(failed.application, failed.group, { revision: last.revision.bundleDir, creator, rollbackOf: failed.id, onProgress });
    failed.rollback = { id: rollback.id, status: rollback.status };
    this.store.write(failed, 'deployments', 'runs', failed.id, 'deployment.json');
  }

  /**
   * Stops a deployment. The running process notices the request; when that process
   * is gone, the deployment is settled here.
   */
  async stop(id: string, rollback: boolean): Promise<Deployment> {
    const deployment = this.requireDeployment(id);
    if (!['InProgress', 'Created'].includes(deployment.status)) throw new InputError(`deployment ${id} is already ${deployment.status}`);
    this.store.write({ rollback, requestedAt: new Date().toISOString() } satisfies StopRequest, 'deployments', 'runs', id, 'stop.json');
    await this.settleAbandoned();
    return this.requireDeployment(id);
  }

  /**
   * Finishes deployments whose process died: marks them Failed (Stopped when a stop
   * was asked for), kills scripts still running, rolls back when the group says so,
   * and removes blue/green originals whose wait is over.
   */
  async settleAbandoned(): Promise<Settled[]> {
    const settled = await this.store.settleAbandoned<{ application: string; group: string }>(OPERATION_KIND, async (op) => {
      const deployment = this.getDeployment(op.id);
      if (!deployment || !['InProgress', 'Created'].includes(deployment.status)) return;
      const request = this.store.read<StopRequest>('deployments', 'runs', op.id, 'stop.json');
      for (const event of deployment.instances.flatMap((r) => r.events)) {
        if (!event.process) continue;
        const outcome = killRecordedGroup(event.process);
        if (!outcome.killed && !outcome.gone) this.store.recoverySkipped(`deployment ${op.id} event ${event.name}`, `its script was not signalled: ${outcome.reason}`);
      }
      settleUnfinished(deployment, 'the deployment process ended while this event ran');
      deployment.status = request ? 'Stopped' : 'Failed';
      deployment.errorMessage = request ? 'stopped by the user' : 'the process running this deployment ended before it finished';
      deployment.completeTime = new Date().toISOString();
      this.store.write(deployment, 'deployments', 'runs', op.id, 'deployment.json');
      this.store.activity({ kind: 'deploy', action: 'settle-abandoned', deployment: op.id, status: deployment.status });
      const group = this.registry.getGroup(deployment.application, deployment.group);
      if (group && ((deployment.status === 'Failed' && group.autoRollback) || request?.rollback)) {
        await this.rollBack(deployment, group, request ? 'stopRollback' : 'autoRollback');
      }
    });
    await sweepOriginals(this.store);
    return settled.map((op) => ({ kind: 'deployment', id: op.id }));
  }
}

/** Starts instances in order, at most `concurrency` at a time, while the rule allows. */
export async function schedule(runs: InstanceRun[], concurrency: number, mayContinue: (succeeded: number, failed: number) => boolean, start: (run: InstanceRun) => Promise<boolean>): Promise<boolean[]> {
  const results: boolean[] = [];
  let succeeded = 0;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < runs.length && mayContinue(succeeded, failed)) {
      const run = runs[next++];
      const ok = await start(run);
      results.push(ok);
      if (ok) succeeded++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, runs.length) }, worker));
  for (const run of runs.slice(next)) skip(run);
  return results;
}

function skip(run: InstanceRun): void {
  run.status = 'Skipped';
  for (const event of run.events) event.status = 'Skipped';
}

/** Everything that would block the run, checked before any instance is touched. */
function checkRevision(appspec: AppSpec, bundleDir: string, targets: InstanceTarget[], group: DeploymentGroup): void {
  planInstall(appspec, bundleDir);
  for (const event of Object.keys(appspec.hooks)) hookScripts(appspec, event, bundleDir);
  for (const file of appspec.files) {
    for (const target of targets) {
      try {
        underRoot(group.blueGreen ? path.join(target.root, 'releases', 'check') : target.root, file.destination);
      } catch (error) {
        throw new InputError(`destination ${(error as Error).message}`, appspec.file, file.line);
      }
    }
  }
}

/** Events and instances that never finished: running ones Failed, waiting ones Skipped. */
function settleUnfinished(deployment: Deployment, reason: string): void {
  for (const run of deployment.instances) {
    for (const event of run.events) {
      delete event.process;
      if (event.status === 'InProgress') {
        event.status = 'Failed';
        event.message = reason;
      } else if (event.status === 'Pending') event.status = 'Skipped';
    }
    if (run.status === 'InProgress') run.status = 'Failed';
    else if (run.status === 'Pending') run.status = 'Skipped';
  }
}
