import type { RecordedGroup } from '../common/process';
import type { Sealed } from '../common/kms';
import type { OutputValue, TemplateBody } from '../template/eval';

/** CloudFormation's stack status names (API_Stack.html, StackStatus). */
export const STACK_STATUSES = [
  'REVIEW_IN_PROGRESS',
  'CREATE_IN_PROGRESS',
  'CREATE_COMPLETE',
  'CREATE_FAILED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
  'DELETE_IN_PROGRESS',
  'DELETE_COMPLETE',
  'DELETE_FAILED',
] as const;

export type StackStatus = (typeof STACK_STATUSES)[number];

/** CloudFormation's resource status names. */
export type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED'
  | 'DELETE_SKIPPED';

export interface ResourceRecord {
  logicalId: string;
  type: string;
  physicalId?: string;
  /** What `Ref` returns when it is not the physical id. */
  ref?: string;
  /** Fn::GetAtt values, masked like `properties`. */
  attributes: Record<string, unknown>;
  /** The real attributes, sealed, when masking changed them (a nested stack's output holding a secret). */
  sealedAttributes?: Sealed;
  status: ResourceStatus;
  statusReason?: string;
  /** Resolved properties; values of NoEcho parameters and secure references are masked here. */
  properties: Record<string, unknown>;
  /** The real properties, sealed with the local KMS key, when masking changed them. */
  sealedProperties?: Sealed;
  simulated: boolean;
  deletionPolicy?: string;
  updateReplacePolicy?: string;
  dependsOn: string[];
  /** Digest of outside content the resource reads (a nested stack's template); see content-digest.ts. */
  contentDigest?: string;
  /** The operation that created this physical resource (RetainExceptOnCreate needs it). */
  createdBy?: string;
  /** The process group its provider runs now (a Slipway::Local::Command), ended by crash recovery. */
  process?: RecordedGroup;
  lastUpdated: string;
}

export interface StoredParameter {
  key: string;
  /** As shown: `****` for NoEcho parameters. */
  value: string;
  noEcho: boolean;
  /** The real value of a NoEcho parameter, sealed. */
  sealed?: Sealed;
  resolvedValue?: string;
}

/**
 * An output as stored: `value` masked where it holds a secret (a NoEcho parameter's value),
 * the real value sealed beside, since CloudFormation shows outputs in clear but state never
 * holds a secret in clear. Read outputs through `outputsOf` (secrets.ts).
 */
export interface StoredOutput extends OutputValue {
  sealedValue?: Sealed;
}

export type OperationKind = 'CREATE' | 'UPDATE' | 'DELETE';

/** What a stack needs to go back to when an update fails (or its process dies). */
export interface PreviousState {
  template: TemplateBody;
  templatePath?: string;
  parameters: StoredParameter[];
  outputs: StoredOutput[];
  resources: Record<string, ResourceRecord>;
  imports: string[];
  status: StackStatus;
}

/** The operation in progress; present only while one runs. */
export interface OperationState {
  id: string;
  kind: OperationKind;
  changeSetName?: string;
  disableRollback: boolean;
  previous?: PreviousState;
  /** Old physical resources to delete once an update succeeded (replaced or removed). */
  cleanup: ResourceRecord[];
}

export interface StackRecord {
  name: string;
  stackId: string;
  status: StackStatus;
  statusReason?: string;
  creationTime: string;
  lastUpdatedTime?: string;
  /** Set once the stack is DELETE_COMPLETE (it is then kept under deleted-stacks/). */
  deletionTime?: string;
  description?: string;
  templatePath?: string;
  template: TemplateBody;
  parameters: StoredParameter[];
  outputs: StoredOutput[];
  resources: Record<string, ResourceRecord>;
  /** Export names this stack imports with Fn::ImportValue. */
  imports: string[];
  terminationProtection: boolean;
  disableRollback: boolean;
  /** Set on a nested stack: the stack id of its parent. */
  parentId?: string;
  operation?: OperationState;
}

export interface StackEvent {
  eventId: string;
  time: string;
  stackName: string;
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
  reason?: string;
}

export type ChangeAction = 'Add' | 'Modify' | 'Remove' | 'Import';
export type Replacement = 'True' | 'False' | 'Conditional';

/** One property change of a Modify (AWS's ResourceChangeDetail, with before/after values). */
export interface ChangeDetail {
  attribute: 'Properties' | 'Metadata' | 'DeletionPolicy' | 'UpdateReplacePolicy';
  name?: string;
  requiresRecreation: 'Never' | 'Conditionally' | 'Always';
  evaluation: 'Static' | 'Dynamic';
  changeSource: 'DirectModification' | 'ResourceReference' | 'ParameterReference' | 'ResourceAttribute' | 'Automatic';
  causingEntity?: string;
  before?: unknown;
  after?: unknown;
}

export interface ResourceChange {
  action: ChangeAction;
  logicalId: string;
  physicalId?: string;
  type: string;
  replacement?: Replacement;
  scope: string[];
  details: ChangeDetail[];
}

export interface ChangeSetRecord {
  name: string;
  id: string;
  stackName: string;
  stackId: string;
  changeSetType: 'CREATE' | 'UPDATE';
  status: 'CREATE_COMPLETE' | 'FAILED' | 'DELETE_COMPLETE';
  executionStatus: 'AVAILABLE' | 'UNAVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';
  statusReason?: string;
  creationTime: string;
  templatePath?: string;
  template: TemplateBody;
  parameters: StoredParameter[];
  changes: ResourceChange[];
}
