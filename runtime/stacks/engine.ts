import * as path from 'node:path';
import { LOCAL_ACCOUNT, newId, uuid } from '../common/ids';
import { InputError } from '../common/errors';
import { checkName } from '../common/names';
import { killRecordedGroup } from '../common/process';
import { ParameterStore, type SecretMasker } from '../common/params';
import type { AbandonedWorkSettler, Settled } from '../common/settled';
import type { StateStore } from '../common/state';
import { AWS_PARAMETER_TYPES } from '../template/aws-parameter-types';
import {
  TemplateEvalError,
  availabilityZones,
  evaluateOutputs,
  importedNames,
  prepareTemplate,
  pseudoValues,
  resourceProperties,
  stackArn,
  type EvaluatedTemplate,
  type ResourceResolver,
  type TemplateBody,
} from '../template/eval';
import { computeChanges, resourceDependencies, resourceLevels } from './changeset';
import { StackOperation, templateDirOf, type OperationEnvironment } from './operation';
import { contentDigest } from './content-digest';
import { checkGetAttTargets } from './getatt-targets';
import { checkTemplateFormat } from './template-format';
import { lineInTemplateFile } from './template-source';
import { recreationOf, sameValue } from './replacement';
import { flushAppends } from './appender';
import { runInDependencyOrder } from './scheduler';
import { addRecordedSecrets, attributesOf, maskerFor, maskerForRecord, outputsOf, parameterValues, propertiesOf, storeOutputs, storeParameters } from './secrets';
import { providerOf } from './simulated-fallback';
import { StackStore } from './stack-store';
import { detectDrift, type StackDrift } from './drift';
import { providerFor } from './provider';
import { loadSpec } from '../template/spec';
import type { ChangeSetRecord, OperationState, ResourceRecord, StackEvent, StackRecord, StackStatus } from './types';
import './spec-rules';

export interface EngineOptions {
  region?: string;
  accountId?: string;
  /** How many resources are worked on at once. */
  concurrency?: number;
  onEvent?(event: StackEvent): void;
}

export interface ChangeSetRequest {
  stackName: string;
  changeSetName?: string;
  templatePath?: string;
  template: TemplateBody;
  parameters?: Record<string, string>;
  /** The parent of a nested stack. */
  parentId?: string;
  /** Parameters whose values hold a secret of the parent (a NoEcho value it passes on): kept as NoEcho values are. */
  secretParameters?: string[];
}

/** A stack operation that failed (rolled back or not); the stack record tells how it ended. */
export class StackOperationError extends Error {
  constructor(
    message: string,
    readonly record: StackRecord,
  ) {
    super(message);
  }
}

const IN_PROGRESS = /_IN_PROGRESS$/;
const OPERATION_KIND = 'stack';

/**
 * The stack engine: change sets, their execution with rollback, stack deletion,
 * drift detection and the settling of operations whose process died.
 */
export class StackEngine implements AbandonedWorkSettler {
  readonly stacks: StackStore;
  readonly params: ParameterStore;
  private readonly env: OperationEnvironment;

  constructor(
    readonly state: StateStore,
    options: EngineOptions = {},
  ) {
    this.stacks = new StackStore(state);
    this.params = new ParameterStore(state);
    this.env = {
      state,
      stacks: this.stacks,
      region: options.region ?? LOCAL_ACCOUNT.region,
      accountId: options.accountId ?? LOCAL_ACCOUNT.accountId,
      concurrency: options.concurrency ?? 8,
      onEvent: options.onEvent,
    };
  }

  get region(): string {
    return this.env.region;
  }

  /** Finishes honestly every stack operation whose process died (rollback, or failed). */
  async settleAbandoned(): Promise<Settled[]> {
    const settled = await this.state.settleAbandoned<{ stackName: string }>(OPERATION_KIND, async (op) => {
      await this.state.withLock(this.stacks.lockName(op.detail.stackName), () => this.recover(op.detail.stackName, op.owner.pid));
    });
    return settled.map((op) => ({ kind: 'stack', id: op.detail.stackName }));
  }

  private require(name: string): StackRecord {
    const record = this.stacks.read(name);
    if (!record) throw new InputError(`Stack with id ${name} does not exist`);
    return record;
  }

  /** A stack by name or stack id; a deleted stack stays describable by its stack id (DELETE_COMPLETE), as in CloudFormation. */
  describe(nameOrId: string): StackRecord {
    const record = this.stacks.find(nameOrId);
    if (!record) throw new InputError(`Stack with id ${nameOrId} does not exist`);
    return record;
  }

  // --- change sets ------------------------------------------------------------

  private evaluate(record: { name: string; stackId: string }, template: TemplateBody, parameters: Record<string, string>, previous?: Record<string, string>): EvaluatedTemplate {
    const exports = this.stacks.exports();
    return prepareTemplate({
      template,
      parameters,
      previousParameters: previous,
      pseudo: pseudoValues(record.name, record.stackId, this.env.region, this.env.accountId),
      params: this.params,
      existing: (type) => {
        if (type === 'AWS::EC2::AvailabilityZone::Name') return new Set(availabilityZones(this.env.region));
        const resource = AWS_PARAMETER_TYPES[type]?.resource;
        return resource ? this.stacks.identifiers(resource.type, resource.identifier) : undefined;
      },
      importValue: (exportName) => {
        const found = exports.get(exportName);
        if (!found) throw new Error(`No export named ${exportName} found`);
        if (found.stack === record.name) throw new Error(`export ${exportName} is this stack's own; a stack cannot import its own exports`);
        return String(found.value());
      },
    });
  }

  async createChangeSet(request: ChangeSetRequest): Promise<ChangeSetRecord> {
    checkName('stack', request.stackName);
    if (request.changeSetName !== undefined) checkName('change set', request.changeSetName);
    await this.settleAbandoned();
    return this.state.withLock(this.stacks.lockName(request.stackName), () => {
      const existing = this.stacks.read(request.stackName);
      if (existing && IN_PROGRESS.test(existing.status) && existing.status !== 'REVIEW_IN_PROGRESS') {
        throw new InputError(`Stack ${request.stackName} is in ${existing.status} state and can not be updated.`);
      }
      // A stack created with rollback disabled keeps what it made (Preserve successfully provisioned
      // resources) and can be updated from CREATE_FAILED (User Guide, "Choose how to handle failures when provisioning resources").
      const preserved = existing?.status === 'CREATE_FAILED' && existing.disableRollback;
      if (existing && !preserved && ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED', 'DELETE_FAILED'].includes(existing.status)) {
        throw new InputError(`Stack ${request.stackName} is in ${existing.status} state and can not be updated; delete it first`);
      }
      const creating = !existing || existing.status === 'REVIEW_IN_PROGRESS';
      const identity = existing ?? { name: request.stackName, stackId: stackArn(request.stackName, uuid(), this.env.region, this.env.accountId) };
      const previousValues = existing && !creating ? parameterValues(existing.parameters) : undefined;
      const evaluated = this.evaluateRequest(identity, request, previousValues);
      for (const key of request.secretParameters ?? []) if (evaluated.parameters[key]) evaluated.parameters[key].noEcho = true;
      const masker = this.secretsOf(evaluated);
      const changes = computeChanges(evaluated, creating ? {} : existing!.resources, masker, request.templatePath ? path.dirname(request.templatePath) : process.cwd());
      this.checkExports(request.stackName, evaluated, request.templatePath);
      const name = request.changeSetName ?? `slipway-${newId()}`;
      const changeSet: ChangeSetRecord = {
        name,
        id: `arn:aws:cloudformation:${this.env.region}:${this.env.accountId}:changeSet/${name}/${uuid()}`,
        stackName: request.stackName,
        stackId: identity.stackId,
        changeSetType: creating ? 'CREATE' : 'UPDATE',
        status: 'CREATE_COMPLETE',
        executionStatus: 'AVAILABLE',
        creationTime: new Date().toISOString(),
        templatePath: request.templatePath,
        template: request.template,
        parameters: storeParameters(evaluated.parameters),
        changes,
      };
      if (!creating && changes.length === 0 && sameValue(existing!.template.Outputs, request.template.Outputs)) {
        changeSet.status = 'FAILED';
        changeSet.executionStatus = 'UNAVAILABLE';
        changeSet.statusReason = "The submitted information didn't contain changes. Submit different information to create a change set.";
      }
      if (!existing) {
        const now = new Date().toISOString();
        this.stacks.write({
          name: request.stackName,
          stackId: identity.stackId,
          status: 'REVIEW_IN_PROGRESS',
          statusReason: 'User Initiated',
          creationTime: now,
          description: typeof request.template.Description === 'string' ? request.template.Description : undefined,
          templatePath: request.templatePath,
          template: request.template,
          parameters: [],
          outputs: [],
          resources: {},
          imports: [],
          // A nested stack carries its root's choice (CloudFormation User Guide, "Protect CloudFormation stacks from being deleted").
          terminationProtection: request.parentId ? (this.stacks.byId(request.parentId)?.terminationProtection ?? false) : false,
          disableRollback: false,
          parentId: request.parentId,
        });
        this.stacks.appendEvent({ stackName: request.stackName, logicalId: request.stackName, physicalId: identity.stackId, type: 'AWS::CloudFormation::Stack', status: 'REVIEW_IN_PROGRESS', reason: 'User Initiated' });
      }
      this.stacks.writeChangeSet(changeSet);
      return changeSet;
    });
  }

  private evaluateRequest(identity: { name: string; stackId: string }, request: { template: TemplateBody; parameters?: Record<string, string>; templatePath?: string }, previous?: Record<string, string>): EvaluatedTemplate {
    try {
      if (request.template && typeof request.template === 'object' && !Array.isArray(request.template)) checkTemplateFormat(request.template);
      const evaluated = this.evaluate(identity, request.template, request.parameters ?? {}, previous);
      resourceLevels(evaluated);
      // Outputs evaluated before any resource exists: what depends on resources stays unresolved,
      // so what fails now (Fn::Select past the end of a literal or parameter list, …) fails before
      // anything is created rather than after (Template Reference, Fn::Select).
      evaluateOutputs(evaluated);
      checkGetAttTargets(request.template);
      const unknown = [...new Set(Object.values(evaluated.resources).map((r) => r.Type))].filter((type) => providerOf(type).simulated && providerFor(type)?.type === '*' && !loadSpec().hasResourceType(type));
      if (unknown.length) throw new TemplateEvalError(`Template format error: Unrecognized resource types: [${unknown.join(', ')}]`);
      return evaluated;
    } catch (error) {
      if (!(error instanceof TemplateEvalError)) throw error;
      const line = request.templatePath && error.path.length ? lineInTemplateFile(request.templatePath, error.path) : undefined;
      throw new InputError(error.message, line ? request.templatePath : undefined, line);
    }
  }

  /** A masker for an evaluated template: its NoEcho parameters' values and the imported exports that hold a secret. */
  private secretsOf(evaluated: EvaluatedTemplate): SecretMasker {
    const masker = maskerFor(evaluated.parameters);
    const exports = this.stacks.exports();
    for (const name of importedNames(evaluated)) {
      const found = exports.get(name);
      if (found?.secret) masker.add(String(found.value()));
    }
    return masker;
  }

  /**
   * An export name belongs to one output of one stack only: "For each AWS account, Export names
   * must be unique within a Region" (Template Reference, Fn::ImportValue). Two outputs of the
   * same template exporting one name are refused here too, before anything is created.
   */
  private checkExports(stackName: string, evaluated: EvaluatedTemplate, templatePath?: string): void {
    const exports = this.stacks.exports();
    const exportedBy = new Map<string, string>();
    for (const [key, output] of Object.entries(evaluated.template.Outputs ?? {})) {
      if (!output?.Export) continue;
      let name: unknown;
      try {
        name = evaluateOutputs({ ...evaluated, template: { ...evaluated.template, Outputs: { [key]: { Value: '', Export: output.Export } } } })[0]?.exportName;
      } catch {
        continue; // an export name built from resource values is checked when the stack is executed
      }
      if (typeof name !== 'string') continue;
      const first = exportedBy.get(name);
      if (first !== undefined) {
        const line = templatePath ? lineInTemplateFile(templatePath, ['Outputs', key]) : undefined;
        throw new InputError(`Template format error: Output ${key} exports ${name}, which output ${first} of this template already exports; Export names must be unique within a Region`, line ? templatePath : undefined, line);
      }
      exportedBy.set(name, key);
      const owner = exports.get(name);
      if (owner && owner.stack !== stackName) throw new InputError(`Export with name ${name} is already exported by stack ${owner.stack}`);
    }
  }

  describeChangeSet(stackName: string, name: string): ChangeSetRecord {
    const changeSet = this.stacks.readChangeSet(stackName, name);
    if (!changeSet) throw new InputError(`ChangeSet [${name}] does not exist for stack ${stackName}`);
    return changeSet;
  }

  async deleteChangeSet(stackName: string, name: string): Promise<void> {
    await this.state.withLock(this.stacks.lockName(stackName), () => {
      const changeSet = this.describeChangeSet(stackName, name);
      if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') throw new InputError(`ChangeSet [${name}] is being executed and cannot be deleted`);
      this.stacks.removeChangeSet(stackName, name);
      const record = this.stacks.read(stackName);
      // A stack that only ever had this change set goes with it (nothing was created).
      if (record?.status === 'REVIEW_IN_PROGRESS' && this.stacks.changeSets(stackName).length === 0) this.stacks.remove(stackName);
    });
  }

  // --- execution -------------------------------------------------------------

  /** Executes a change set: creates or updates the stack; failures roll back unless disabled. */
  async executeChangeSet(stackName: string, changeSetName: string, options: { disableRollback?: boolean } = {}): Promise<StackRecord> {
    await this.settleAbandoned();
    return this.state.withLock(this.stacks.lockName(stackName), async () => {
      const changeSet = this.describeChangeSet(stackName, changeSetName);
      if (changeSet.executionStatus !== 'AVAILABLE') {
        throw new InputError(`ChangeSet [${changeSetName}] cannot be executed in its current status of [${changeSet.status}]${changeSet.statusReason ? `: ${changeSet.statusReason}` : ''}`);
      }
      const record = this.require(stackName);
      const creating = record.status === 'REVIEW_IN_PROGRESS';
      const evaluated = this.evaluateRequest(record, { template: changeSet.template, parameters: parameterValues(changeSet.parameters) });
      if (!creating) this.checkRemovedExports(record, evaluated);
      const operation: OperationState = {
        id: newId('op-'),
        kind: creating ? 'CREATE' : 'UPDATE',
        changeSetName,
        disableRollback: !!options.disableRollback,
        cleanup: [],
      };
      if (!creating) {
        operation.previous = {
          template: record.template,
          templatePath: record.templatePath,
          parameters: record.parameters,
          outputs: record.outputs,
          resources: structuredClone(record.resources),
          imports: record.imports,
          status: record.status,
        };
      }
      record.operation = operation;
      record.disableRollback = !!options.disableRollback;
      record.template = changeSet.template;
      record.templatePath = changeSet.templatePath ?? record.templatePath;
      record.parameters = changeSet.parameters;
      record.description = typeof changeSet.template.Description === 'string' ? changeSet.template.Description : undefined;
      this.state.beginOperation(OPERATION_KIND, stackName, { stackName });
      try {
        // Secrets the record already holds sealed (a nested stack's output) stay masked in what this update writes.
        const masker = addRecordedSecrets(this.secretsOf(evaluated), record.resources);
        for (const secret of Object.values(parameterValues(changeSet.parameters.filter((p) => p.sealed)))) masker.add(secret);
        const run = new StackOperation(this.env, record, masker, templateDirOf(record, process.cwd()));
        changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
        this.stacks.writeChangeSet(changeSet);
        const ok = await this.runChanges(run, evaluated, creating);
        changeSet.executionStatus = ok ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
        this.stacks.writeChangeSet(changeSet);
        // "After you execute a change set, CloudFormation deletes all change sets that are associated with the stack" (User Guide, "Execute a change set").
        for (const other of this.stacks.changeSets(stackName)) {
          if (other.name !== changeSetName) this.stacks.removeChangeSet(stackName, other.name);
        }
        if (!ok) throw new StackOperationError(`stack ${stackName} ended in ${record.status}: ${record.statusReason ?? ''}`.trim(), record);
        return record;
      } finally {
        flushAppends();
        this.state.endOperation(OPERATION_KIND, stackName);
      }
    });
  }

  /** Refuses, before anything changes, an update that drops an export another stack imports. */
  private checkRemovedExports(record: StackRecord, evaluated: EvaluatedTemplate): void {
    const kept = new Set<string>();
    for (const output of Object.values(evaluated.template.Outputs ?? {})) {
      try {
        const name = evaluateOutputs({ ...evaluated, template: { ...evaluated.template, Outputs: { X: { Value: '', Export: output?.Export } } } })[0]?.exportName;
        if (name) kept.add(name);
      } catch {
        // computed from resources; checked after execution
      }
    }
    for (const output of record.outputs) {
      if (!output.exportName || kept.has(output.exportName)) continue;
      const users = this.stacks.importers(output.exportName, record.name);
      if (users.length) throw new InputError(`Export ${output.exportName} cannot be deleted as it is in use by ${users.join(', ')}`);
    }
  }

  /** Resolves Ref/GetAtt from the resources as they are now in the record. */
  private resolverFor(record: StackRecord): ResourceResolver {
    return {
      ref(id) {
        const resource = record.resources[id];
        if (!resource?.physicalId) throw new Error(`resource ${id} has no physical id yet`);
        return resource.ref ?? resource.physicalId;
      },
      getAtt(id, attribute) {
        const resource = record.resources[id];
        if (!resource?.physicalId) throw new Error(`resource ${id} has no physical id yet`);
        const attributes = attributesOf(resource);
        if (!(attribute in attributes)) {
          throw new Error(`Template error: resource ${id} does not support attribute type ${attribute} in Fn::GetAtt`);
        }
        return attributes[attribute];
      },
    };
  }

  private async runChanges(run: StackOperation, evaluated: EvaluatedTemplate, creating: boolean): Promise<boolean> {
    const record = run.record;
    const previous = record.operation!.previous?.resources ?? {};
    run.stackEvent(creating ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated');
    const dependencies = resourceDependencies(evaluated);
    const resolver = this.resolverFor(record);
    const ids = Object.keys(evaluated.resources);
    // Resources the template dropped stay in `previous` and are deleted at cleanup.
    for (const id of Object.keys(record.resources)) if (!(id in evaluated.resources)) delete record.resources[id];
    const failures: string[] = [];
    const { failed } = await runInDependencyOrder(ids, (id) => dependencies.get(id) ?? [], this.env.concurrency, async (id) => {
      try {
        await this.applyResource(run, evaluated, id, previous[id], dependencies.get(id) ?? [], resolver);
      } catch (error) {
        failures.push(`${id}: ${(error as Error).message}`);
        throw error;
      }
    });
    if (failed.length === 0) {
      try {
        record.outputs = storeOutputs(evaluateOutputs(evaluated, resolver), run.masker);
        record.imports = importedNames(evaluated);
        this.checkChangedExports(record);
      } catch (error) {
        failures.push((error as Error).message);
        run.emit({ logicalId: record.name, physicalId: record.stackId, type: 'AWS::CloudFormation::Stack', status: creating ? 'CREATE_FAILED' : 'UPDATE_FAILED', reason: (error as Error).message });
      }
    }
    if (failures.length === 0) {
      if (creating) {
        delete record.operation;
        run.stackEvent('CREATE_COMPLETE');
      } else {
        await this.cleanup(run);
      }
      return true;
    }
    const reason = failed.length
      ? failureReason(failed, record, creating)
      : failures.join('; ');
    if (record.operation!.disableRollback) {
      delete record.operation;
      run.stackEvent(creating ? 'CREATE_FAILED' : 'UPDATE_FAILED', `${reason} Rollback disabled.`);
      return false;
    }
    if (creating) await this.rollbackCreate(run, `${reason} Rollback requested by user.`);
    else await this.rollbackUpdate(run, reason);
    return false;
  }

  private checkChangedExports(record: StackRecord): void {
    const before = outputsOf({ name: record.name, outputs: record.operation?.previous?.outputs ?? [] });
    const after = outputsOf(record);
    for (const old of before) {
      if (!old.exportName) continue;
      const now = after.find((o) => o.exportName === old.exportName);
      const users = this.stacks.importers(old.exportName, record.name);
      if (users.length && (!now || !sameValue(now.value, old.value))) {
        throw new Error(`Export ${old.exportName} cannot be updated as it is in use by ${users.join(', ')}`);
      }
    }
    const exports = this.stacks.exports();
    for (const output of record.outputs) {
      const owner = output.exportName ? exports.get(output.exportName) : undefined;
      if (owner && owner.stack !== record.name) throw new Error(`Export with name ${output.exportName} is already exported by stack ${owner.stack}`);
    }
  }

  /** Creates, updates in place, or replaces one resource (replaced copies are deleted at cleanup). */
  private async applyResource(run: StackOperation, evaluated: EvaluatedTemplate, id: string, old: ResourceRecord | undefined, dependsOn: string[], resolver: ResourceResolver): Promise<void> {
    const declaration = evaluated.resources[id];
    const properties = resourceProperties(evaluated, id, resolver);
    const fresh = (): ResourceRecord => ({
      logicalId: id,
      type: declaration.Type,
      attributes: {},
      status: 'CREATE_IN_PROGRESS',
      properties: {},
      simulated: !!providerOf(declaration.Type).simulated,
      deletionPolicy: declaration.DeletionPolicy,
      updateReplacePolicy: declaration.UpdateReplacePolicy,
      dependsOn,
      lastUpdated: new Date().toISOString(),
    });
    const digest = contentDigest(declaration.Type, properties, run.templateDir);
    if (!old) {
      const resource = fresh();
      run.record.resources[id] = resource;
      await run.create(resource, properties);
      resource.contentDigest = digest;
      return;
    }
    const current = run.record.resources[id];
    current.deletionPolicy = declaration.DeletionPolicy;
    current.updateReplacePolicy = declaration.UpdateReplacePolicy;
    current.dependsOn = dependsOn;
    const before = propertiesOf(old);
    if (sameValue(before, properties)) {
      if (digest === old.contentDigest) return;
      await run.update(current, properties, before);
      current.contentDigest = digest;
      return;
    }
    const changed = [...new Set([...Object.keys(before), ...Object.keys(properties)])].filter((k) => !sameValue(before[k], properties[k]));
    const replace = changed.some((k) => recreationOf(declaration.Type, k, before, properties) !== 'Never');
    if (replace) {
      const resource = fresh();
      run.record.operation!.cleanup.push(current);
      run.record.resources[id] = resource;
      await run.create(resource, properties, true);
      resource.contentDigest = digest;
      return;
    }
    const oldPhysicalId = await run.update(current, properties, before);
    current.contentDigest = digest;
    if (oldPhysicalId !== current.physicalId) {
      // The provider returned a new physical id (a custom resource may): the old one goes at cleanup.
      run.record.operation!.cleanup.push({ ...old, physicalId: oldPhysicalId });
    }
  }

  /** After a successful update: delete removed resources and replaced copies under their policies. */
  private async cleanup(run: StackOperation): Promise<void> {
    const record = run.record;
    const operation = record.operation!;
    run.stackEvent('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const removed = Object.values(operation.previous?.resources ?? {}).filter((r) => !(r.logicalId in record.resources));
    const stale = [...operation.cleanup, ...removed];
    const replacedKeys = new Set(operation.cleanup.map((r) => `${r.logicalId}/${r.physicalId}`));
    const replaced = (r: ResourceRecord) => replacedKeys.has(`${r.logicalId}/${r.physicalId}`);
    await run.removeAll(
      stale,
      (r) => (replaced(r) ? r.updateReplacePolicy : r.deletionPolicy),
      (r) => (replaced(r) ? 'UpdateReplacePolicy' : 'DeletionPolicy'),
    );
    // Failures while cleaning up leave the old resources behind but do not fail the update (as in AWS).
    delete record.operation;
    run.stackEvent('UPDATE_COMPLETE');
  }

  /** A failed create: delete what was created (Retain resources stay), end in ROLLBACK_COMPLETE. */
  private async rollbackCreate(run: StackOperation, reason: string): Promise<void> {
    run.stackEvent('ROLLBACK_IN_PROGRESS', reason);
    const resources = Object.values(run.record.resources).filter((r) => r.status !== 'DELETE_COMPLETE' && r.status !== 'DELETE_SKIPPED');
    const failures = await run.removeAll(resources, (r) => r.deletionPolicy);
    delete run.record.operation;
    if (failures.length) run.stackEvent('ROLLBACK_FAILED', `The following resource(s) failed to delete: [${failures.sort().join(', ')}].`);
    else run.stackEvent('ROLLBACK_COMPLETE');
  }

  /**
   * A failed update: resources updated in place get their previous properties back,
   * resources created by the update (and new copies of replaced ones) are deleted,
   * and the stack returns to its previous template, parameters and outputs.
   */
  private async rollbackUpdate(run: StackOperation, reason: string): Promise<void> {
    const record = run.record;
    const previous = record.operation!.previous!;
    run.stackEvent('UPDATE_ROLLBACK_IN_PROGRESS', reason);
    const failures: string[] = [];
    const prevIds = Object.keys(previous.resources);
    await runInDependencyOrder(prevIds, (id) => previous.resources[id].dependsOn, this.env.concurrency, async (id) => {
      const before = previous.resources[id];
      const current = record.resources[id];
      if (!current || current.physicalId !== before.physicalId || !before.physicalId) return;
      const now = propertiesOf(current);
      if (sameValue(now, propertiesOf(before)) && current.status !== 'UPDATE_FAILED') return;
      try {
        await run.update(current, propertiesOf(before), now);
      } catch (error) {
        failures.push(id);
        throw error;
      }
    });
    if (failures.length) {
      delete record.operation;
      run.stackEvent('UPDATE_ROLLBACK_FAILED', `The following resource(s) failed to roll back: [${failures.sort().join(', ')}].`);
      return;
    }
    run.stackEvent('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    const created = Object.values(record.resources).filter((r) => {
      const before = previous.resources[r.logicalId];
      return r.physicalId !== undefined && (!before || before.physicalId !== r.physicalId) && r.status !== 'DELETE_COMPLETE';
    });
    const unfinished = Object.values(record.resources).filter((r) => !r.physicalId && !previous.resources[r.logicalId]);
    await run.removeAll([...created, ...unfinished], (r) => (r.deletionPolicy === 'Retain' ? 'Retain' : 'Delete'));
    record.template = previous.template;
    record.templatePath = previous.templatePath;
    record.parameters = previous.parameters;
    record.outputs = previous.outputs;
    record.imports = previous.imports;
    record.resources = previous.resources;
    for (const resource of Object.values(record.resources)) {
      const settled: Record<string, ResourceRecord['status']> = { CREATE_IN_PROGRESS: 'CREATE_COMPLETE', UPDATE_IN_PROGRESS: 'UPDATE_COMPLETE' };
      resource.status = settled[resource.status] ?? resource.status;
    }
    delete record.operation;
    run.stackEvent('UPDATE_ROLLBACK_COMPLETE');
  }

  // --- deletion ------------------------------------------------------------

  /**
   * Deletes a stack. A nested stack of a protected root cannot be deleted directly; its
   * parent still deletes it when an update or deletion of the parent removes it
   * (`byParent`), as the User Guide's "Protect CloudFormation stacks from being deleted" says.
   * A stack in DELETE_FAILED can be deleted keeping some resources (`retain`, DeleteStack's
   * RetainResources) or every one that fails to delete (`force`, DeletionMode FORCE_DELETE_STACK).
   */
  async deleteStack(name: string, options: { byParent?: boolean; retain?: string[]; force?: boolean } = {}): Promise<void> {
    await this.settleAbandoned();
    await this.state.withLock(this.stacks.lockName(name), async () => {
      const record = this.require(name);
      if (record.terminationProtection && !(record.parentId && options.byParent)) {
        throw new InputError(`Stack [${name}] cannot be deleted while TerminationProtection is enabled${record.parentId ? ` (set on its root stack ${this.rootOf(record).name})` : ''}`);
      }
      if (IN_PROGRESS.test(record.status) && record.status !== 'REVIEW_IN_PROGRESS') throw new InputError(`Stack ${name} is in ${record.status} state and can not be deleted now`);
      const retain = retainedOnDelete(record, options);
      for (const output of record.outputs) {
        const users = output.exportName ? this.stacks.importers(output.exportName, name) : [];
        if (users.length) throw new InputError(`Export ${output.exportName} cannot be deleted as it is in use by ${users.join(', ')}`);
      }
      if (record.status === 'REVIEW_IN_PROGRESS') {
        this.stacks.remove(name);
        return;
      }
      record.operation = { id: newId('op-'), kind: 'DELETE', disableRollback: false, cleanup: [] };
      this.state.beginOperation(OPERATION_KIND, name, { stackName: name });
      try {
        const run = new StackOperation(this.env, record, maskerForRecord(record), templateDirOf(record, process.cwd()));
        run.stackEvent('DELETE_IN_PROGRESS', 'User Initiated');
        const live = Object.values(record.resources).filter((r) => r.status !== 'DELETE_COMPLETE' && r.status !== 'DELETE_SKIPPED');
        const failures = await run.removeAll(
          live,
          (r) => (retain.has(r.logicalId) ? 'Retain' : r.deletionPolicy),
          (r) => (retain.has(r.logicalId) ? (options.force ? 'DeletionMode FORCE_DELETE_STACK' : 'RetainResources') : 'DeletionPolicy'),
        );
        delete record.operation;
        if (failures.length) {
          run.stackEvent('DELETE_FAILED', `The following resource(s) failed to delete: [${failures.sort().join(', ')}].`);
          throw new StackOperationError(`stack ${name} ended in DELETE_FAILED: ${record.statusReason}`, record);
        }
        run.stackEvent('DELETE_COMPLETE');
        this.stacks.archive(record);
        this.state.activity({ kind: 'stack', action: 'delete', stack: name });
      } finally {
        flushAppends();
        this.state.endOperation(OPERATION_KIND, name);
      }
    });
  }

  async detectDrift(name: string): Promise<StackDrift> {
    await this.settleAbandoned();
    const record = this.require(name);
    return detectDrift(record, this.state, templateDirOf(record, process.cwd()), this.env.region, this.env.accountId);
  }

  /** The stack at the top of a nested stack's chain of parents (itself for a root stack). */
  private rootOf(record: StackRecord): StackRecord {
    let current = record;
    for (const seen = new Set<string>(); current.parentId && !seen.has(current.stackId); ) {
      seen.add(current.stackId);
      const parent = this.stacks.byId(current.parentId);
      if (!parent) break;
      current = parent;
    }
    return current;
  }

  /**
   * UpdateTerminationProtection: set on a root stack and passed on to its nested stacks;
   * refused on a nested stack, and on a stack being deleted.
   */
  async setTerminationProtection(name: string, enabled: boolean): Promise<StackRecord> {
    const record = await this.state.withLock(this.stacks.lockName(name), () => {
      const found = this.require(name);
      if (found.parentId) throw new InputError(`Stack [${name}] is a nested stack: termination protection is set on its root stack ${this.rootOf(found).name} and cannot be changed directly on it`);
      if (found.status === 'DELETE_IN_PROGRESS') throw new InputError(`Stack [${name}] is in ${found.status} state: termination protection cannot be changed`);
      found.terminationProtection = enabled;
      this.stacks.write(found);
      return found;
    });
    const pending = [record.stackId];
    for (const seen = new Set<string>(); pending.length; ) {
      const parentId = pending.pop()!;
      if (seen.has(parentId)) continue;
      seen.add(parentId);
      for (const child of this.stacks.children(parentId)) {
        await this.state.withLock(this.stacks.lockName(child.name), () => {
          const fresh = this.stacks.read(child.name);
          if (!fresh) return;
          fresh.terminationProtection = enabled;
          this.stacks.write(fresh);
        });
        pending.push(child.stackId);
      }
    }
    return record;
  }

  // --- crash recovery --------------------------------------------------------

  /** Settles a stack whose operation's process died: rollback as CloudFormation would have. */
  private async recover(name: string, pid: number): Promise<void> {
    const record = this.stacks.read(name);
    if (!record || !IN_PROGRESS.test(record.status) || record.status === 'REVIEW_IN_PROGRESS') return;
    const masker = maskerForRecord(record);
    const run = new StackOperation(this.env, record, masker, templateDirOf(record, process.cwd()));
    const reason = `The process running this operation (pid ${pid}) stopped before it finished.`;
    // Commands the dead process started would otherwise keep running through the rollback.
    for (const resource of Object.values(record.resources)) {
      if (!resource.process) continue;
      const outcome = killRecordedGroup(resource.process);
      if (!outcome.killed && !outcome.gone) this.state.recoverySkipped(`stack ${name} resource ${resource.logicalId}`, `its command was not signalled: ${outcome.reason}`);
      delete resource.process;
    }
    const operation = record.operation ?? { id: newId('op-'), kind: 'UPDATE', disableRollback: false, cleanup: [] };
    record.operation = operation;
    const status = record.status as StackStatus;
    if (status === 'CREATE_IN_PROGRESS' || status === 'ROLLBACK_IN_PROGRESS') {
      if (operation.disableRollback) {
        delete record.operation;
        run.stackEvent('CREATE_FAILED', `${reason} Rollback disabled.`);
      } else await this.rollbackCreate(run, `${reason} Rolling back the resources it created.`);
    } else if (status === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS') {
      await this.cleanup(run);
    } else if (status === 'DELETE_IN_PROGRESS') {
      delete record.operation;
      run.stackEvent('DELETE_FAILED', `${reason} Delete the stack again to finish.`);
    } else if (operation.previous) {
      if (operation.disableRollback && status === 'UPDATE_IN_PROGRESS') {
        delete record.operation;
        run.stackEvent('UPDATE_FAILED', `${reason} Rollback disabled.`);
      } else await this.rollbackUpdate(run, reason);
    } else {
      delete record.operation;
      run.stackEvent('UPDATE_ROLLBACK_FAILED', `${reason} No previous state was recorded to roll back to.`);
    }
  }
}

/**
 * Whether DeleteStack's DeletionMode (`shownAs`: how the caller names it) forces the deletion:
 * STANDARD (the default) or FORCE_DELETE_STACK, nothing else (API Reference, DeleteStack).
 */
export function forcesDeletion(mode: string | undefined, shownAs: string): boolean {
  if (mode === undefined || mode === 'STANDARD') return false;
  if (mode === 'FORCE_DELETE_STACK') return true;
  throw new InputError(`${shownAs} must be STANDARD or FORCE_DELETE_STACK, not "${mode}"`);
}

/**
 * The resources a deletion keeps on request. Only a stack in DELETE_FAILED takes them (API
 * Reference, DeleteStack: RetainResources "for stacks in the DELETE_FAILED state"; DeletionMode
 * FORCE_DELETE_STACK keeps every resource whose deletion failed); a resource already deleted
 * is refused with CloudFormation's words.
 */
export function retainedOnDelete(record: StackRecord, options: { retain?: string[]; force?: boolean }): Set<string> {
  const asked = options.retain ?? [];
  if (!asked.length && !options.force) return new Set();
  if (record.status !== 'DELETE_FAILED') {
    throw new InputError(`Stack ${record.name} is in ${record.status} state: ${options.force ? 'DeletionMode FORCE_DELETE_STACK' : 'RetainResources'} applies only to a stack in the DELETE_FAILED state`);
  }
  for (const id of asked) {
    const resource = Object.hasOwn(record.resources, id) ? record.resources[id] : undefined;
    if (!resource) throw new InputError(`RetainResources: ${id} is not a resource of stack ${record.name}`);
    if (resource.status === 'DELETE_COMPLETE') throw new InputError('The specified resources to retain must be in a valid state. Do not specify resources that are in the DELETE_COMPLETE state.');
  }
  const failed = options.force ? Object.values(record.resources).filter((r) => r.status === 'DELETE_FAILED').map((r) => r.logicalId) : [];
  return new Set([...asked, ...failed]);
}

/**
 * The stack's reason for failed resources, as CloudFormation words it: those that failed while
 * being created and those that failed while being updated are listed apart ("The following
 * resource(s) failed to create: [B]. The following resource(s) failed to update: [A].").
 */
function failureReason(failed: string[], record: StackRecord, creating: boolean): string {
  const updating = failed.filter((id) => !creating && record.resources[id]?.status === 'UPDATE_FAILED').sort();
  const created = failed.filter((id) => !updating.includes(id)).sort();
  return [
    created.length ? `The following resource(s) failed to create: [${created.join(', ')}].` : '',
    updating.length ? `The following resource(s) failed to update: [${updating.join(', ')}].` : '',
  ].filter(Boolean).join(' ');
}
