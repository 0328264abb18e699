import * as fs from 'node:fs';
import * as path from 'node:path';
import { IN_PLACE_EVENTS, ORIGINAL_TRAFFIC_EVENTS, REPLACEMENT_TRAFFIC_EVENTS, hookScripts, loadRevisionAppSpec } from '../appspec/model';
import { readJson } from '../common/atomic';
import { resolveReal } from '../common/contained';
import { InputError } from '../common/errors';
import type { StateStore } from '../common/state';
import { runHook } from './hooks';
import { pendingEvents, runInstance, type LastSuccessful } from './lifecycle';
import type { Deployment, DeploymentGroup, InstanceRun, InstanceTarget } from './records';

/**
 * Blue/green on local instances: each instance folder holds `current`, a link to the
 * root in service, and `releases/<deploymentId>/`, the replacement roots. AllowTraffic
 * repoints `current` atomically; the originals are kept until the group's wait is
 * over (for rollback), then terminated: their ApplicationStop scripts run and their
 * roots are removed.
 */
export function blueGreenPlan(store: StateStore, group: DeploymentGroup, targets: InstanceTarget[], deploymentId: string) {
  // `releases` is where replacement roots are written and originals deleted: a link there would send both elsewhere.
  for (const t of targets) {
    if (fs.lstatSync(path.join(t.root, 'releases'), { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new InputError(`instance ${t.name}: ${path.join(t.root, 'releases')} is a symbolic link; blue/green writes and removes its releases only in a folder of the instance root`);
    }
  }
  // Only a release folder of this instance can be the original: a `current` link pointing
  // anywhere else (planted, or edited by hand) is not this deployment's to terminate.
  const originals = targets.map((t) => {
    const previous = linkTarget(path.join(t.root, 'current'));
    return { name: t.name, link: path.join(t.root, 'current'), previous: previous && isOwnRelease(t.root, previous) ? previous : undefined };
  });
  const runs: InstanceRun[] = targets.map((t) => ({
    name: t.name,
    root: path.join(t.root, 'releases', deploymentId),
    role: 'replacement',
    status: 'Pending',
    events: pendingEvents([...IN_PLACE_EVENTS, ...REPLACEMENT_TRAFFIC_EVENTS]),
  }));
  for (const original of originals) {
    if (original.previous) runs.push({ name: `${original.name}:original`, root: original.previous, role: 'original', status: 'Pending', events: pendingEvents(ORIGINAL_TRAFFIC_EVENTS) });
  }
  const agentDir = (name: string, id = deploymentId) => store.path('deployments', 'agent', group.id, `${name}@${id}`);
  return {
    runs,
    originals,
    agentDir: (name: string) => agentDir(name),
    actions: (name: string) => ({
      AllowTraffic: (log: (line: string) => void) => {
        const target = targets.find((t) => t.name === name)!;
        const root = path.join(target.root, 'releases', deploymentId);
        repoint(path.join(target.root, 'current'), root);
        log(`${path.join(target.root, 'current')} -> ${root}`);
      },
    }),
  };
}

/**
 * After the replacements succeeded: the originals' BeforeBlockTraffic, BlockTraffic
 * and AfterBlockTraffic (with the original revision's scripts), then their removal
 * now or after the wait.
 */
export async function finishBlueGreen(store: StateStore, deployment: Deployment, group: DeploymentGroup, save: () => void): Promise<void> {
  for (const run of deployment.instances.filter((r) => r.role === 'original')) {
    const last = originalRevision(store, deployment.groupId, run);
    const controller = new AbortController();
    await runInstance({
      deploymentId: deployment.id,
      application: deployment.application,
      group: deployment.group,
      groupId: deployment.groupId,
      run,
      appspec: last ? loadRevisionAppSpec(last.archiveDir) : { file: '', os: 'linux', osLine: 1, files: [], permissions: [], fileExistsBehavior: 'DISALLOW', hooks: {} },
      bundleDir: '',
      agentDir: store.path('deployments', 'agent', deployment.groupId, run.name),
      archiveDir: last?.archiveDir,
      remember: false,
      logDir: store.path('deployments', 'runs', deployment.id, 'logs', run.name),
      signal: controller.signal,
      changed: save,
      actions: { BlockTraffic: (log) => log('traffic left this root when `current` was repointed (AllowTraffic)') },
      owner: store.owner,
    });
  }
  const wait = group.blueGreen?.terminationWaitSeconds ?? 0;
  deployment.blueGreen!.removeOriginalsAfter = new Date(Date.now() + wait * 1000).toISOString();
  save();
  // A marker per deployment whose originals wait, so sweeping never reads the whole history.
  store.write({ removeAfter: deployment.blueGreen!.removeOriginalsAfter }, 'deployments', 'originals-pending', `${deployment.id}.json`);
  if (wait === 0) await terminateOriginals(store, deployment);
}

/** Points the links back at the originals and removes the replacement roots. */
export function rollbackBlueGreen(deployment: Deployment): void {
  const originals = deployment.blueGreen?.originals ?? [];
  for (const original of originals) {
    if (original.previous && fs.existsSync(original.previous) && isOwnRelease(path.dirname(original.link), original.previous)) repoint(original.link, original.previous);
    else fs.rmSync(original.link, { force: true });
  }
  for (const run of deployment.instances.filter((r) => r.role === 'replacement')) removeOwnRelease(originals, run.root);
}

/** True when `dir` really is `<instance root>/releases/<id>` (links resolved), the only folders blue/green removes. */
export function isOwnRelease(instanceRoot: string, dir: string): boolean {
  // `releases` itself must be the instance's folder, not a link a hook planted to elsewhere.
  if (fs.lstatSync(path.join(instanceRoot, 'releases'), { throwIfNoEntry: false })?.isSymbolicLink()) return false;
  const releases = resolveReal(path.join(instanceRoot, 'releases'));
  const real = resolveReal(dir);
  return path.dirname(real) === releases && path.basename(real) !== '' && !fs.lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink();
}

/** Removes a release folder only when it is one of these instances' own; anything else is left in place. */
function removeOwnRelease(originals: Array<{ link: string }>, dir: string): boolean {
  if (!originals.some((o) => isOwnRelease(path.dirname(o.link), dir))) return false;
  fs.rmSync(dir, { recursive: true, force: true });
  return true;
}

/** Terminates the originals of finished blue/green deployments whose wait is over. */
export async function sweepOriginals(store: StateStore): Promise<void> {
  for (const marker of store.list('deployments', 'originals-pending')) {
    const id = marker.replace(/\.json$/, '');
    await store.withLock(`deploy-originals-${id}`, async () => {
      const deployment = store.read<Deployment>('deployments', 'runs', id, 'deployment.json');
      const due = deployment?.blueGreen?.removeOriginalsAfter;
      if (deployment && !deployment.blueGreen?.originalsRemoved && due && Date.parse(due) <= Date.now()) await terminateOriginals(store, deployment);
      if (!deployment || deployment.blueGreen?.originalsRemoved) store.remove('deployments', 'originals-pending', marker);
    });
  }
}

async function terminateOriginals(store: StateStore, deployment: Deployment): Promise<void> {
  for (const run of deployment.instances.filter((r) => r.role === 'original')) {
    const last = originalRevision(store, deployment.groupId, run);
    if (last) {
      const appspec = loadRevisionAppSpec(last.archiveDir);
      const logFile = store.path('deployments', 'runs', deployment.id, 'logs', run.name, 'Terminate.log');
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      for (const script of hookScripts(appspec, 'ApplicationStop', last.archiveDir)) {
        await runHook(script, {
          cwd: last.archiveDir,
          logFile,
          env: { LIFECYCLE_EVENT: 'ApplicationStop', DEPLOYMENT_ID: deployment.id, APPLICATION_NAME: deployment.application, DEPLOYMENT_GROUP_NAME: deployment.group, DEPLOYMENT_GROUP_ID: deployment.groupId, SLIPWAY_INSTANCE_NAME: run.name, SLIPWAY_INSTANCE_ROOT: run.root },
        });
      }
    }
    if (!removeOwnRelease(deployment.blueGreen?.originals ?? [], run.root)) {
      store.activity({ kind: 'deploy', action: 'terminate-original', deployment: deployment.id, root: run.root, result: 'skipped: not a release folder of its instance' });
    }
  }
  deployment.blueGreen!.originalsRemoved = true;
  store.write(deployment, 'deployments', 'runs', deployment.id, 'deployment.json');
  store.remove('deployments', 'originals-pending', `${deployment.id}.json`);
}

/** The revision an original root runs: the one its replacement deployment left there. */
function originalRevision(store: StateStore, groupId: string, run: InstanceRun): LastSuccessful | undefined {
  const name = run.name.replace(/:original$/, '');
  const last = readJson<LastSuccessful>(store.path('deployments', 'agent', groupId, `${name}@${path.basename(run.root)}`, 'last-successful.json'));
  return last && fs.existsSync(last.archiveDir) ? last : undefined;
}

/** Atomically replaces a symbolic link (a new link renamed over the old). */
function repoint(link: string, target: string): void {
  fs.mkdirSync(path.dirname(link), { recursive: true });
  const temp = `${link}.${process.pid}.tmp`;
  fs.rmSync(temp, { force: true });
  fs.symlinkSync(target, temp);
  fs.renameSync(temp, link);
}

function linkTarget(link: string): string | undefined {
  try {
    return path.resolve(path.dirname(link), fs.readlinkSync(link));
  } catch {
    return undefined;
  }
}
