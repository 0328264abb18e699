import type { RecordedGroup } from '../common/process';
/** The deployment engine's records as they are stored under `deployments/` of the state home. */

export type TagFilterType = 'KEY_ONLY' | 'VALUE_ONLY' | 'KEY_AND_VALUE';

export interface TagFilter {
  Key?: string;
  Value?: string;
  Type: TagFilterType;
}

/** A local target: a named folder standing in for an EC2 or on-premises instance. */
export interface InstanceTarget {
  name: string;
  root: string;
  tags?: Record<string, string>;
}

export interface RegisteredInstance extends InstanceTarget {
  tags: Record<string, string>;
  registeredAt: string;
  /** The IAM identity RegisterOnPremisesInstance named (kept for GetOnPremisesInstance). */
  iamUserArn?: string;
  iamSessionArn?: string;
}

export interface Application {
  name: string;
  id: string;
  computePlatform: 'Server';
  createdAt: string;
}

export interface BlueGreenSettings {
  /** How long the original roots are kept after traffic moved (TerminationWaitTimeInMinutes, in seconds here). */
  terminationWaitSeconds: number;
}

export interface DeploymentGroup {
  application: string;
  name: string;
  id: string;
  /** Instances given directly to the group, in deployment order. */
  instances: InstanceTarget[];
  /** Registered instances matching any filter join the group (Ec2TagFilters semantics: OR). */
  tagFilters: TagFilter[];
  config: string;
  autoRollback: boolean;
  blueGreen?: BlueGreenSettings;
  createdAt: string;
}

export interface MinimumHealthyHosts {
  type: 'HOST_COUNT' | 'FLEET_PERCENT';
  value: number;
}

export interface DeploymentConfig {
  name: string;
  /** Absent for CodeDeployDefault.OneAtATime, whose rule is special (MOST_CONCURRENCY). */
  minimumHealthyHosts?: MinimumHealthyHosts;
  builtIn: boolean;
}

export type DeploymentStatus = 'Created' | 'InProgress' | 'Succeeded' | 'Failed' | 'Stopped';
export type InstanceStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped';
export type EventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped';

export interface LifecycleEventRun {
  name: string;
  status: EventStatus;
  startTime?: string;
  endTime?: string;
  durationMs?: number;
  /** Output of the event's scripts on this instance. */
  logFile?: string;
  message?: string;
  /** The script that failed and how (API Reference, Diagnostics: ScriptFailed or ScriptTimedOut). */
  failedScript?: { errorCode: 'ScriptFailed' | 'ScriptTimedOut'; scriptName: string };
  /** Process group of the script running now (killed by crash recovery). */
  process?: RecordedGroup;
}

export interface InstanceRun {
  name: string;
  /** The root the revision went to (a replacement root in blue/green). */
  root: string;
  role?: 'original' | 'replacement';
  status: InstanceStatus;
  startTime?: string;
  endTime?: string;
  events: LifecycleEventRun[];
}

export interface RevisionInfo {
  /** What the user gave: a folder, an archive or build:ID. */
  source: string;
  type: 'folder' | 'archive' | 'build';
  /** The revision's copy under the state home (what rollback redeploys). */
  bundleDir: string;
}

export interface Deployment {
  id: string;
  application: string;
  group: string;
  groupId: string;
  config: string;
  revision: RevisionInfo;
  status: DeploymentStatus;
  creator: 'user' | 'autoRollback' | 'stopRollback';
  createTime: string;
  completeTime?: string;
  /** The deployment this one rolls back. */
  rollbackOf?: string;
  /** The deployment that rolled this one back. */
  rollback: { id: string; status: DeploymentStatus } | null;
  errorMessage?: string;
  instances: InstanceRun[];
  blueGreen?: {
    /** Root each instance's `current` link pointed to before the switch. */
    originals: Array<{ name: string; link: string; previous?: string }>;
    removeOriginalsAfter?: string;
    originalsRemoved?: boolean;
  };
}
