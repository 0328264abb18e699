import * as path from 'node:path';
import { ParameterStore, type SecretMasker } from '../common/params';
import type { StateStore } from '../common/state';
import { resolveDynamicReferences, secureReferenceRefusal } from '../template/eval';
import type { ProviderContext, ProviderResult } from './provider';
import { flushAppends } from './appender';
import { runInDependencyOrder } from './scheduler';
import { propertiesOf, setAttributes, setProperties } from './secrets';
import { providerOf } from './simulated-fallback';
import type { StackStore } from './stack-store';
import type { ResourceRecord, ResourceStatus, StackEvent, StackRecord, StackStatus } from './types';

export interface OperationEnvironment {
  state: StateStore;
  stacks: StackStore;
  region: string;
  accountId: string;
  concurrency: number;
  onEvent?(event: StackEvent): void;
}

/** Writes of simulated-only progress are batched; anything real is written at once. */
const PERSIST_INTERVAL_MS = 250;

/**
 * One running stack operation: emits events, keeps the stack record on disk as
 * resources change (so that a killed process leaves enough to settle), and performs
 * single-resource create/update/delete through the providers.
 */
export class StackOperation {
  private lastPersist = 0;
  readonly params: ParameterStore;

  constructor(
    readonly env: OperationEnvironment,
    readonly record: StackRecord,
    readonly masker: SecretMasker,
    readonly templateDir: string,
  ) {
    this.params = new ParameterStore(env.state);
  }

  get operationId(): string {
    return this.record.operation?.id ?? '';
  }

  persist(force = true): void {
    const now = Date.now();
    if (!force && now - this.lastPersist < PERSIST_INTERVAL_MS) return;
    this.lastPersist = now;
    flushAppends();
    this.env.stacks.write(this.record);
  }

  stackEvent(status: StackStatus, reason?: string): void {
    this.record.status = status;
    // A rollback's end keeps the reason that started it (what describe-stacks shows).
    if (reason !== undefined) this.record.statusReason = this.masker.mask(reason);
    else if (!/ROLLBACK/.test(status)) delete this.record.statusReason;
    this.record.lastUpdatedTime = new Date().toISOString();
    this.persist();
    this.emit({ logicalId: this.record.name, physicalId: this.record.stackId, type: 'AWS::CloudFormation::Stack', status, reason });
  }

  emit(event: Omit<StackEvent, 'eventId' | 'time' | 'stackName'>): void {
    const full = this.env.stacks.appendEvent({ ...event, stackName: this.record.name, reason: event.reason === undefined ? undefined : this.masker.mask(event.reason) });
    this.env.onEvent?.(full);
  }

  private resourceStatus(resource: ResourceRecord, status: ResourceStatus, reason?: string): void {
    resource.status = status;
    resource.lastUpdated = new Date().toISOString();
    if (reason !== undefined) resource.statusReason = this.masker.mask(reason);
    else delete resource.statusReason;
    this.emit({ logicalId: resource.logicalId, physicalId: resource.physicalId, type: resource.type, status, reason });
    this.persist(!resource.simulated);
  }

  context(resource: ResourceRecord): ProviderContext {
    return {
      store: this.env.state,
      stackName: this.record.name,
      stackId: this.record.stackId,
      logicalId: resource.logicalId,
      resourceType: resource.type,
      region: this.env.region,
      accountId: this.env.accountId,
      templateDir: this.templateDir,
      log: (message) => this.emit({ logicalId: resource.logicalId, type: resource.type, status: 'LOG', reason: message }),
      holdsSecret: (value) => this.masker.mask(value) !== value,
      onProcess: (group) => {
        if (group) resource.process = group;
        else delete resource.process;
        this.persist();
      },
    };
  }

  /** Properties as the provider sees them: dynamic references resolved from the local stores. */
  private real(properties: Record<string, unknown>, logicalId: string, type?: string): Record<string, unknown> {
    // Checked when a resource is created or updated; a delete goes through whatever was recorded.
    const refusal = type === undefined ? undefined : secureReferenceRefusal(type, properties);
    if (refusal) throw new Error(refusal);
    return resolveDynamicReferences(properties, this.params, this.masker, ['Resources', logicalId, 'Properties']) as Record<string, unknown>;
  }

  private apply(resource: ResourceRecord, result: ProviderResult): void {
    resource.physicalId = result.physicalId;
    if (result.ref !== undefined) resource.ref = result.ref;
    else delete resource.ref;
    for (const secret of result.secrets ?? []) this.masker.add(secret);
    setAttributes(resource, result.attributes, this.masker);
  }

  /** Creates one resource; on failure the record says CREATE_FAILED and the error is rethrown. */
  async create(resource: ResourceRecord, properties: Record<string, unknown>, updateEvents = false): Promise<void> {
    const provider = providerOf(resource.type);
    setProperties(resource, properties, this.masker);
    resource.createdBy = this.operationId;
    this.resourceStatus(resource, updateEvents ? 'UPDATE_IN_PROGRESS' : 'CREATE_IN_PROGRESS', updateEvents ? 'Requested update requires the creation of a new physical resource; hence creating one.' : undefined);
    try {
      const result = await provider.create(this.real(properties, resource.logicalId, resource.type), this.context(resource));
      this.apply(resource, result);
    } catch (error) {
      this.resourceStatus(resource, updateEvents ? 'UPDATE_FAILED' : 'CREATE_FAILED', (error as Error).message);
      throw error;
    }
    this.resourceStatus(resource, updateEvents ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE');
  }

  /** Updates one resource in place; returns the physical id it had before (a provider may replace it). */
  async update(resource: ResourceRecord, properties: Record<string, unknown>, previous: Record<string, unknown>): Promise<string | undefined> {
    const provider = providerOf(resource.type);
    const before = resource.physicalId;
    this.resourceStatus(resource, 'UPDATE_IN_PROGRESS');
    try {
      const result = await provider.update(resource.physicalId!, this.real(properties, resource.logicalId, resource.type), this.real(previous, resource.logicalId), this.context(resource));
      this.apply(resource, result);
      setProperties(resource, properties, this.masker);
    } catch (error) {
      this.resourceStatus(resource, 'UPDATE_FAILED', (error as Error).message);
      throw error;
    }
    this.resourceStatus(resource, 'UPDATE_COMPLETE');
    return before;
  }

  /**
   * Deletes one physical resource under a policy: Retain keeps it (DELETE_SKIPPED),
   * RetainExceptOnCreate keeps it unless this operation created it, Snapshot keeps a
   * local copy first when the provider can make one.
   */
  async remove(resource: ResourceRecord, policy: string | undefined, policyName = 'DeletionPolicy'): Promise<void> {
    if (!resource.physicalId) {
      this.resourceStatus(resource, 'DELETE_COMPLETE');
      return;
    }
    const createdNow = resource.createdBy === this.operationId;
    if (policy === 'Retain' || (policy === 'RetainExceptOnCreate' && !createdNow)) {
      this.resourceStatus(resource, 'DELETE_SKIPPED', `${policyName} ${policy}: ${resource.physicalId} is kept`);
      return;
    }
    const provider = providerOf(resource.type);
    this.resourceStatus(resource, 'DELETE_IN_PROGRESS');
    try {
      const properties = this.real(propertiesOf(resource), resource.logicalId);
      const ctx = this.context(resource);
      if (policy === 'Snapshot') {
        if (provider.snapshot) {
          const where = await provider.snapshot(resource.physicalId, properties, ctx);
          this.emit({ logicalId: resource.logicalId, physicalId: resource.physicalId, type: resource.type, status: 'DELETE_IN_PROGRESS', reason: `Snapshot kept at ${where}` });
        } else {
          this.emit({ logicalId: resource.logicalId, physicalId: resource.physicalId, type: resource.type, status: 'DELETE_IN_PROGRESS', reason: `${resource.type} has no snapshot; deleting` });
        }
      }
      await provider.delete(resource.physicalId, properties, ctx);
    } catch (error) {
      this.resourceStatus(resource, 'DELETE_FAILED', (error as Error).message);
      throw error;
    }
    this.resourceStatus(resource, 'DELETE_COMPLETE');
  }

  /** Deletes resources, dependents first, in parallel where independent. Returns those that failed. */
  async removeAll(resources: ResourceRecord[], policyOf: (r: ResourceRecord) => string | undefined, policyNameOf: (r: ResourceRecord) => string = () => 'DeletionPolicy'): Promise<string[]> {
    const byId = new Map(resources.map((r) => [key(r), r]));
    const dependents = new Map<string, string[]>();
    for (const r of resources) {
      for (const dep of r.dependsOn) {
        for (const other of resources) if (other.logicalId === dep) dependents.set(key(other), [...(dependents.get(key(other)) ?? []), key(r)]);
      }
    }
    const failures: string[] = [];
    const ids = [...byId.keys()];
    await runInDependencyOrder(ids, (id) => dependents.get(id) ?? [], this.env.concurrency, async (id) => {
      const resource = byId.get(id)!;
      try {
        await this.remove(resource, policyOf(resource), policyNameOf(resource));
      } catch (error) {
        failures.push(resource.logicalId);
        throw error;
      }
    });
    return failures;
  }
}

/** Two records of one logical id (an old and a new copy) are told apart by physical id. */
function key(resource: ResourceRecord): string {
  return `${resource.logicalId}\u0000${resource.physicalId ?? ''}`;
}

export function templateDirOf(record: { templatePath?: string }, fallback: string): string {
  return record.templatePath ? path.dirname(record.templatePath) : fallback;
}
