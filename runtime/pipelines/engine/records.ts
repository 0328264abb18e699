import type { RecordedGroup } from '../../common/process';
import type { PipelineDeclaration } from '../model';

/** AWS's PipelineExecution status names. */
export type ExecutionStatus = 'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Superseded' | 'Failed';
/** AWS's StageExecution status names (plus NotStarted for a stage the execution has not reached). */
export type StageStatus = 'NotStarted' | 'InProgress' | 'Succeeded' | 'Failed' | 'Stopped' | 'Cancelled' | 'Skipped';
/** AWS's ActionExecution status names (plus NotStarted). */
export type ActionStatus = 'NotStarted' | 'InProgress' | 'Succeeded' | 'Failed' | 'Abandoned';

export const TERMINAL: ReadonlySet<ExecutionStatus> = new Set(['Stopped', 'Succeeded', 'Superseded', 'Failed']);

export interface ApprovalState {
  customData?: string;
  externalEntityLink?: string;
  /** AWS approvals expire after 7 days. */
  expiresAt: string;
  decision?: { status: 'Approved' | 'Rejected'; summary?: string; by: string; at: string };
}

export interface ActionState {
  name: string;
  status: ActionStatus;
  attempt: number;
  startTime?: string;
  endTime?: string;
  summary?: string;
  externalUrl?: string;
  errorMessage?: string;
  /** The configuration after `#{}` substitution, as the action ran with it. */
  resolvedConfiguration?: Record<string, string>;
  outputVariables?: Record<string, string>;
  approval?: ApprovalState;
  /** The process group the action spawned (killed by crash recovery when its driver died). */
  processGroup?: RecordedGroup;
}

export interface StageState {
  name: string;
  status: StageStatus;
  attempt: number;
  /** Automatic retries done for onFailure RETRY. */
  autoRetries: number;
  actions: ActionState[];
  /** Why a beforeEntry condition failed or skipped the stage. */
  conditionSummary?: string;
}

export interface SourceRevision {
  actionName: string;
  revisionId: string;
  revisionSummary?: string;
}

export interface ExecutionTrigger {
  triggerType: 'CreatePipeline' | 'StartPipelineExecution' | 'Webhook' | 'PollForSourceChanges' | 'AutomatedRollback' | 'ManualRollback' | 'StackResource';
  triggerDetail?: string;
  /** Revisions fixed at start (a push names its commit), by source action name. */
  sourceRevisions?: Record<string, string>;
}

export interface ExecutionRecord {
  pipelineName: string;
  pipelineVersion: number;
  executionId: string;
  executionMode: PipelineDeclaration['executionMode'];
  status: ExecutionStatus;
  statusSummary?: string;
  trigger: ExecutionTrigger;
  startTime: string;
  lastUpdateTime: string;
  endTime?: string;
  /** Pipeline-level variables with start overrides applied. */
  variables: Record<string, string>;
  /** Output variables by action namespace. */
  namespaces: Record<string, Record<string, string>>;
  /** Artifact ids (content-addressed) by artifact name. */
  artifacts: Record<string, string>;
  sourceRevisions: SourceRevision[];
  stages: StageState[];
  /** A stop asked for by `pipeline stop`; the driving process acts on it. */
  stopRequest?: { abandon: boolean; reason?: string; at: string };
  /** A rollback execution re-runs only this stage, with the artifacts of `rollbackOf`. */
  rollback?: { stage: string; targetExecutionId: string; failedExecutionId?: string };
}

export interface TransitionState {
  enabled: boolean;
  reason?: string;
  lastChangedAt?: string;
}

export interface PipelineRecord {
  name: string;
  version: number;
  declaration: PipelineDeclaration;
  /** The file it was created from, if any, and the folder relative paths resolve against. */
  sourceFile?: string;
  baseDir: string;
  created: string;
  updated: string;
  /** Inbound transitions by stage name (absent = enabled). */
  transitions: Record<string, TransitionState>;
  /** Set when a stack resource owns the pipeline. */
  managedBy?: { stackName: string; logicalId: string };
}
