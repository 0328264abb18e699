import * as fs from 'node:fs';
import * as path from 'node:path';
import { hookScripts, loadRevisionAppSpec, type AppSpec } from '../appspec/model';
import { readJson } from '../common/atomic';
import { settleTree, type FileOwner } from '../common/contained';
import { copyTree, writeJsonQuick } from './copy';
import { installRevision } from './install';
import { runHook } from './hooks';
import type { InstanceRun, LifecycleEventRun } from './records';

/** What the agent remembers per deployment group on an instance. */
export interface LastSuccessful {
  deploymentId: string;
  archiveDir: string;
}

/** Events whose failure --ignore-application-stop-failures lets the instance continue past. */
const IGNORABLE = new Set(['ApplicationStop', 'BeforeBlockTraffic', 'AfterBlockTraffic']);

/** The revision whose Install last succeeded on the instance: where the next ApplicationStop's scripts come from. */
const LAST_INSTALL = 'last-successful-install.json';

/** The agent keeps this many revision copies per deployment group (its max_revisions default). */
const KEPT_REVISIONS = 5;

export interface InstanceJob {
  deploymentId: string;
  application: string;
  group: string;
  groupId: string;
  run: InstanceRun;
  appspec: AppSpec;
  bundleDir: string;
  /** This instance's agent folder for the group (revision copies, cleanup file, last success). */
  agentDir: string;
  logDir: string;
  signal: AbortSignal;
  /** Persist the run record (called on every status change). */
  changed: () => void;
  /** Events that are not scripts: DownloadBundle and Install by default, AllowTraffic for blue/green. */
  actions?: Partial<Record<string, (log: (line: string) => void) => void>>;
  /** The revision copy the scripts run from, when it is not this deployment's (blue/green originals). */
  archiveDir?: string;
  /** Whether success becomes the instance's last successful revision (not for blue/green originals). */
  remember?: boolean;
  /** CodeDeploy's ignoreApplicationStopFailures: a failed ApplicationStop/BeforeBlockTraffic/AfterBlockTraffic does not stop the instance. */
  ignoreStopFailures?: boolean;
  /** Whom the revision copy and the installed files belong to (the state home's owner, copiesOwner). */
  owner?: FileOwner;
}

/** Runs an instance's lifecycle events in order; false when one failed or the deployment stopped. */
export async function runInstance(job: InstanceJob): Promise<boolean> {
  const { run } = job;
  run.status = 'InProgress';
  run.startTime = new Date().toISOString();
  job.changed();
  fs.mkdirSync(job.logDir, { recursive: true });
  const archiveDir = job.archiveDir ?? path.join(job.agentDir, job.deploymentId, 'deployment-archive');
  let ok = true;
  for (const event of run.events) {
    if (!ok || job.signal.aborted) {
      event.status = 'Skipped';
      continue;
    }
    event.status = 'InProgress';
    event.startTime = new Date().toISOString();
    const started = performance.now();
    job.changed();
    try {
      const outcome = await runEvent(job, event, archiveDir);
      event.status = outcome.status;
      if (outcome.message) event.message = outcome.message;
      if (outcome.status === 'Failed' && job.ignoreStopFailures && IGNORABLE.has(event.name) && !job.signal.aborted) {
        event.message = `${outcome.message}; ignored (ignoreApplicationStopFailures)`;
      } else if (outcome.status === 'Failed') ok = false;
    } catch (error) {
      event.status = 'Failed';
      event.message = (error as Error).message;
      if (job.ignoreStopFailures && IGNORABLE.has(event.name)) event.message += '; ignored (ignoreApplicationStopFailures)';
      else ok = false;
    }
    delete event.process;
    event.endTime = new Date().toISOString();
    event.durationMs = Math.round(performance.now() - started);
    job.changed();
  }
  if (ok && job.signal.aborted) ok = false;
  run.status = ok ? 'Succeeded' : 'Failed';
  run.endTime = new Date().toISOString();
  if (ok && job.remember !== false) rememberSuccess(job.agentDir, { deploymentId: job.deploymentId, archiveDir });
  job.changed();
  return ok;
}

async function runEvent(job: InstanceJob, event: LifecycleEventRun, archiveDir: string): Promise<{ status: 'Succeeded' | 'Failed' | 'Skipped'; message?: string }> {
  const logFile = path.join(job.logDir, `${event.name}.log`);
  const note = (line: string) => fs.appendFileSync(logFile, `[slipway] ${line}\n`);
  const action = job.actions?.[event.name];
  if (action) {
    event.logFile = logFile;
    action(note);
    return { status: 'Succeeded' };
  }
  switch (event.name) {
    case 'ApplicationStop': {
      // The scripts of the revision whose Install last succeeded stop what it started, even
      // when that deployment failed in a later event (the agent's last_successful_install;
      // CodeDeploy User Guide, "AppSpec 'hooks' section"). Older agent folders only have the last success.
      const last = readJson<LastSuccessful>(path.join(job.agentDir, LAST_INSTALL)) ?? readJson<LastSuccessful>(path.join(job.agentDir, 'last-successful.json'));
      if (!last || !fs.existsSync(last.archiveDir)) return { status: 'Skipped', message: 'first deployment to this instance: no previous revision to stop' };
      return runScripts(job, event, loadRevisionAppSpec(last.archiveDir), last.archiveDir, logFile);
    }
    case 'DownloadBundle':
      event.logFile = logFile;
      fs.rmSync(archiveDir, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(archiveDir), { recursive: true });
      copyTree(job.bundleDir, archiveDir);
      settleTree(archiveDir, job.owner);
      note(`revision copied to ${archiveDir}`);
      return { status: 'Succeeded' };
    case 'Install':
      event.logFile = logFile;
      installRevision(job.appspec, archiveDir, job.run.root, path.join(job.agentDir, 'cleanup.json'), note, job.owner);
      if (job.remember !== false) writeJsonQuick(path.join(job.agentDir, LAST_INSTALL), { deploymentId: job.deploymentId, archiveDir });
      return { status: 'Succeeded' };
    default:
      return runScripts(job, event, job.appspec, archiveDir, logFile);
  }
}

async function runScripts(job: InstanceJob, event: LifecycleEventRun, appspec: AppSpec, revisionDir: string, logFile: string) {
  const scripts = hookScripts(appspec, event.name, revisionDir);
  if (scripts.length === 0) return { status: 'Succeeded' as const };
  event.logFile = logFile;
  const env = {
    LIFECYCLE_EVENT: event.name,
    DEPLOYMENT_ID: job.deploymentId,
    APPLICATION_NAME: job.application,
    DEPLOYMENT_GROUP_NAME: job.group,
    DEPLOYMENT_GROUP_ID: job.groupId,
    SLIPWAY_INSTANCE_NAME: job.run.name,
    SLIPWAY_INSTANCE_ROOT: job.run.root,
  };
  for (const script of scripts) {
    const outcome = await runHook(
      { script: script.script, location: script.location, timeoutSeconds: script.timeoutSeconds, runas: script.runas },
      {
        cwd: revisionDir,
        env,
        logFile,
        signal: job.signal,
        onStart: (group) => {
          event.process = group;
          job.changed();
        },
      },
    );
    if (outcome.message) {
      event.failedScript = { errorCode: outcome.timedOut ? 'ScriptTimedOut' : 'ScriptFailed', scriptName: script.location };
      return { status: 'Failed' as const, message: outcome.message };
    }
  }
  return { status: 'Succeeded' as const };
}

/** Records the instance's last successful revision and drops copies beyond the agent's limit. */
function rememberSuccess(agentDir: string, last: LastSuccessful): void {
  writeJsonQuick(path.join(agentDir, 'last-successful.json'), last);
  const copies = fs
    .readdirSync(agentDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const installed = readJson<LastSuccessful>(path.join(agentDir, LAST_INSTALL))?.deploymentId;
  for (const old of copies.slice(0, Math.max(0, copies.length - KEPT_REVISIONS))) {
    if (old !== last.deploymentId && old !== installed) fs.rmSync(path.join(agentDir, old), { recursive: true, force: true });
  }
}

/** The lifecycle events of an in-place deployment, all Pending. */
export function pendingEvents(names: readonly string[]): LifecycleEventRun[] {
  return names.map((name) => ({ name, status: 'Pending' }));
}
