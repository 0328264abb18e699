// CloudFormation's response shapes, from the stack engine's records. The API endpoint and
// the CLI's `stack … --json` both print these (the CLI adds Slipway-only fields under `slipway`).
import type { StackDrift } from '../../stacks/drift';
import { outputsOf } from '../../stacks/secrets';
import type { ChangeSetRecord, ResourceRecord, StackEvent, StackRecord } from '../../stacks/types';

const date = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html */
export function stackShape(record: StackRecord, rootId?: string) {
  return {
    StackId: record.stackId,
    StackName: record.name,
    Description: record.description,
    Parameters: record.parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
    CreationTime: new Date(record.creationTime),
    LastUpdatedTime: date(record.lastUpdatedTime),
    DeletionTime: date(record.deletionTime),
    RollbackConfiguration: {},
    StackStatus: record.status,
    StackStatusReason: record.statusReason,
    DisableRollback: record.disableRollback,
    NotificationARNs: [],
    Capabilities: capabilitiesOf(record.template),
    Outputs: outputsOf(record).map((o) => ({ OutputKey: o.key, OutputValue: outputText(o.value), Description: o.description, ExportName: o.exportName })),
    Tags: [],
    EnableTerminationProtection: record.terminationProtection,
    ParentId: record.parentId,
    RootId: record.parentId ? rootId : undefined,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** Output values are strings in the API; lists are comma-joined as CloudFormation prints them. */
export function outputText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '');
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSummary.html */
export function stackSummaryShape(record: StackRecord) {
  return {
    StackId: record.stackId,
    StackName: record.name,
    TemplateDescription: record.description,
    CreationTime: new Date(record.creationTime),
    LastUpdatedTime: date(record.lastUpdatedTime),
    DeletionTime: date(record.deletionTime),
    StackStatus: record.status,
    StackStatusReason: record.statusReason,
    ParentId: record.parentId,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackEvent.html — newest first. */
export function stackEventsShape(record: Pick<StackRecord, 'stackId'>, events: StackEvent[]) {
  return events
    .filter((e) => e.status !== 'LOG')
    .reverse()
    .map((e) => ({
      StackId: record.stackId,
      EventId: e.eventId,
      StackName: e.stackName,
      LogicalResourceId: e.logicalId,
      PhysicalResourceId: e.physicalId ?? '',
      ResourceType: e.type,
      Timestamp: new Date(e.time),
      ResourceStatus: e.status,
      ResourceStatusReason: e.reason,
    }));
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResource.html */
export function stackResourceShape(record: StackRecord, resource: ResourceRecord) {
  return {
    StackName: record.name,
    StackId: record.stackId,
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    Timestamp: new Date(resource.lastUpdated),
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceDetail.html */
export function stackResourceDetailShape(record: StackRecord, resource: ResourceRecord) {
  const { Timestamp, ...rest } = stackResourceShape(record, resource);
  const metadata = (record.template.Resources as Record<string, { Metadata?: unknown }> | undefined)?.[resource.logicalId]?.Metadata;
  return { ...rest, LastUpdatedTimestamp: Timestamp, Metadata: metadata === undefined ? undefined : JSON.stringify(metadata) };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceSummary.html */
export function stackResourceSummaryShape(resource: ResourceRecord) {
  return {
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    LastUpdatedTimestamp: new Date(resource.lastUpdated),
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html */
export function changeSetShape(changeSet: ChangeSetRecord) {
  return {
    ChangeSetName: changeSet.name,
    ChangeSetId: changeSet.id,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    Parameters: changeSet.parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
    CreationTime: new Date(changeSet.creationTime),
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    NotificationARNs: [],
    RollbackConfiguration: {},
    Capabilities: capabilitiesOf(changeSet.template),
    Tags: [],
    Changes: changeSet.changes.map((c) => ({
      Type: 'Resource',
      ResourceChange: {
        Action: c.action,
        LogicalResourceId: c.logicalId,
        PhysicalResourceId: c.physicalId,
        ResourceType: c.type,
        Replacement: c.action === 'Modify' ? c.replacement : undefined,
        Scope: c.scope,
        Details: c.details.map((d) => ({
          Target: { Attribute: d.attribute, Name: d.name, RequiresRecreation: d.requiresRecreation },
          Evaluation: d.evaluation,
          ChangeSource: d.changeSource,
          CausingEntity: d.causingEntity,
        })),
      },
    })),
    IncludeNestedStacks: false,
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ChangeSetSummary.html */
export function changeSetSummaryShape(changeSet: ChangeSetRecord) {
  return {
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    ChangeSetId: changeSet.id,
    ChangeSetName: changeSet.name,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    CreationTime: new Date(changeSet.creationTime),
    IncludeNestedStacks: false,
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceDrift.html */
export function resourceDriftsShape(record: StackRecord, drift: StackDrift) {
  return drift.resources.map((r) => ({
    StackId: record.stackId,
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    PropertyDifferences: r.differences.map((d) => ({ PropertyPath: `/${d.property.replace(/\./g, '/')}`, ExpectedValue: JSON.stringify(d.expected ?? null), ActualValue: JSON.stringify(d.actual ?? null), DifferenceType: d.differenceType })),
    StackResourceDriftStatus: r.driftStatus,
    Timestamp: new Date(drift.detectionTime),
  }));
}

/**
 * The capabilities a template needs (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html,
 * Capabilities): IAM resources need CAPABILITY_IAM, named ones CAPABILITY_NAMED_IAM.
 */
export function capabilitiesOf(template: { Resources?: unknown }): string[] {
  const needed = new Set<string>();
  const resources = template.Resources && typeof template.Resources === 'object' ? Object.values(template.Resources as Record<string, { Type?: unknown; Properties?: Record<string, unknown> }>) : [];
  for (const resource of resources) {
    const type = typeof resource?.Type === 'string' ? resource.Type : '';
    if (!/^AWS::IAM::(AccessKey|Group|InstanceProfile|ManagedPolicy|Policy|Role|User|UserToGroupAddition)$/.test(type)) continue;
    const named = ['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName', 'InstanceProfileName'].some((p) => resource.Properties?.[p] !== undefined);
    needed.add(named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM');
  }
  return [...needed].sort();
}
