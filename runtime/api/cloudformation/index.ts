import { randomUUID } from 'node:crypto';
import { BucketError, BucketStore, parseS3Url } from '../../buckets/objects';
import { InputError } from '../../common/errors';
import { StackEngine, StackOperationError, forcesDeletion, retainedOnDelete } from '../../stacks/engine';
import { isValidName } from '../../common/names';
import { parseTemplate } from '../../stacks/template-source';
import type { StackEvent, StackRecord } from '../../stacks/types';
import type { TemplateBody } from '../../template/eval';
import { InputReader, page } from '../input';
import { AwsError, type CallContext, type ServiceDefinition } from '../types';
import {
  capabilitiesOf,
  changeSetShape,
  changeSetSummaryShape,
  resourceDriftsShape,
  stackEventsShape,
  stackResourceDetailShape,
  stackResourceShape,
  stackResourceSummaryShape,
  stackShape,
  stackSummaryShape,
} from './shapes';

const TEMPLATE_BODY_LIMIT = 51_200;
const TEMPLATE_URL_LIMIT = 1_000_000;
const CHANGE_SET_ARN = /^arn:aws[a-z-]*:cloudformation:[^:]*:[^:]*:changeSet\/([^/]+)\/[0-9a-f-]+$/;
const STACK_ARN = /^arn:aws[a-z-]*:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\/[0-9a-f-]+$/;

function reader(input: unknown): InputReader {
  return new InputReader((input ?? {}) as Record<string, unknown>, 'ValidationError');
}

function validation(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/** Operations started by a request and still running in this process (a stack deploy outlives its request). */
const running = new Set<Promise<unknown>>();

/** Waits for the stack operations this process started (tests and `slipway serve` shutdown). */
export async function settleRunning(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** How long a request waits for a stack operation to finish before answering while it runs on. */
const ANSWER_WITHIN_MS = 3000;

/**
 * Starts a stack operation in the background. The answer comes once the stack shows the
 * operation has begun (its first stack-level *_IN_PROGRESS event), as CloudFormation answers
 * once the status changed — and, because local operations are often done in moments, not
 * before it finished or ANSWER_WITHIN_MS passed, so a poller's first look usually sees the end.
 */
function startOperation(ctx: CallContext, run: (engine: StackEngine) => Promise<unknown>, log?: (error: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let started = false;
    let timer: NodeJS.Timeout | undefined;
    const engine = new StackEngine(ctx.store, {
      onEvent(event: StackEvent) {
        if (!started && event.type === 'AWS::CloudFormation::Stack' && /_IN_PROGRESS$/.test(event.status)) {
          started = true;
          timer = setTimeout(resolve, ANSWER_WITHIN_MS);
        }
      },
    });
    const work = run(engine).then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error) => {
        clearTimeout(timer);
        if (!started) reject(error);
        else {
          resolve();
          if (!(error instanceof StackOperationError)) log?.(error);
        }
      },
    );
    running.add(work);
    void work.finally(() => running.delete(work));
  });
}

/** A StackName member: a name, or a stack id (ARN) of a stack that exists. */
function stackNameOf(value: string): string {
  const arn = STACK_ARN.exec(value);
  return arn ? arn[1] : value;
}

/** The stack a StackName names; `deleted` also finds a deleted stack by its stack id (DescribeStacks, DescribeStackEvents). */
function requireStack(engine: StackEngine, value: string, options: { deleted?: boolean } = {}): StackRecord {
  if (options.deleted) {
    const found = engine.stacks.find(value);
    if (!found) throw validation(`Stack with id ${value} does not exist`);
    return found;
  }
  const name = stackNameOf(value);
  const record = engine.stacks.read(name);
  if (!record || (STACK_ARN.test(value) && record.stackId !== value)) throw validation(`Stack with id ${value} does not exist`);
  return record;
}

/** TemplateBody, TemplateURL (a local S3 object) or the stack's current template. */
function templateOf(r: InputReader, ctx: CallContext, previous?: () => TemplateBody): { body: TemplateBody; text: string } {
  const body = r.string('TemplateBody');
  const url = r.string('TemplateURL');
  if (r.boolean('UsePreviousTemplate')) {
    if (!previous) throw validation('UsePreviousTemplate can only be used with an existing stack');
    const template = previous();
    return { body: template, text: JSON.stringify(template) };
  }
  if (body !== undefined && url !== undefined) throw validation('Specify exactly one of TemplateBody or TemplateURL.');
  if (body !== undefined) {
    if (Buffer.byteLength(body) > TEMPLATE_BODY_LIMIT) throw validation(`1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_LIMIT}`);
    return { body: parse(body), text: body };
  }
  if (url !== undefined) {
    const location = parseS3Url(url);
    if (!location) throw validation('TemplateURL must be a supported URL.');
    let text: string;
    try {
      text = new BucketStore(ctx.store).read(location.bucket, location.key).toString('utf8');
    } catch (error) {
      if (error instanceof BucketError) throw validation(`S3 error: ${error.message} (${url})`);
      throw error;
    }
    if (Buffer.byteLength(text) > TEMPLATE_URL_LIMIT) throw validation(`Template may not exceed ${TEMPLATE_URL_LIMIT} bytes in size.`);
    return { body: parse(text), text };
  }
  throw validation('Either Template URL or Template Body must be specified.');
}

function parse(text: string): TemplateBody {
  try {
    return parseTemplate(text, 'template', 'template');
  } catch (error) {
    if (error instanceof InputError) throw validation(`Template format error: ${error.message}`);
    throw error;
  }
}

/**
 * The Parameters member. On an update, a declared parameter that is neither given nor
 * UsePreviousValue takes the template's Default, as CloudFormation does (the engine alone
 * would keep the previous value).
 */
function parametersOf(r: InputReader, template?: TemplateBody, updating = false): Record<string, string> {
  const values: Record<string, string> = {};
  const kept = new Set<string>();
  for (const p of r.list<{ ParameterKey?: string; ParameterValue?: string; UsePreviousValue?: unknown }>('Parameters')) {
    if (!p || typeof p.ParameterKey !== 'string') throw validation('Every parameter needs a ParameterKey');
    const usePrevious = p.UsePreviousValue === true || p.UsePreviousValue === 'true';
    if (usePrevious && p.ParameterValue !== undefined) throw validation(`Invalid input for parameter key ${p.ParameterKey}. Cannot specify usePreviousValue as true and non empty value for a parameter`);
    if (!usePrevious) values[p.ParameterKey] = String(p.ParameterValue ?? '');
    else kept.add(p.ParameterKey);
  }
  if (updating && template) {
    for (const [key, declaration] of Object.entries((template.Parameters ?? {}) as Record<string, { Default?: unknown }>)) {
      if (!Object.hasOwn(values, key) && !kept.has(key) && declaration?.Default !== undefined) values[key] = Array.isArray(declaration.Default) ? declaration.Default.join(',') : String(declaration.Default);
    }
  }
  return values;
}

function checkCapabilities(r: InputReader, template: TemplateBody): void {
  const given = new Set(r.strings('Capabilities'));
  const missing = capabilitiesOf(template).filter((c) => !given.has(c) && !(c === 'CAPABILITY_IAM' && given.has('CAPABILITY_NAMED_IAM')));
  if (missing.length) throw new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}]`);
}

function checkStackName(name: string): string {
  if (!isValidName('stack', name)) throw validation(`1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
  return name;
}

/** A change set by name (with its stack) or by ARN (the stack found from it). */
function findChangeSet(engine: StackEngine, changeSetName: string, stackName: string | undefined) {
  const arn = CHANGE_SET_ARN.exec(changeSetName);
  const name = arn ? arn[1] : changeSetName;
  const stacks = stackName ? [stackNameOf(stackName)] : arn ? engine.stacks.names() : [];
  if (!stacks.length) throw validation('StackName must be specified if ChangeSetName is not specified as an ARN.');
  for (const stack of stacks) {
    const changeSet = engine.stacks.readChangeSet(stack, name);
    if (changeSet && (!arn || changeSet.id === changeSetName)) return changeSet;
  }
  throw new AwsError('ChangeSetNotFound', `ChangeSet [${changeSetName}] does not exist`, 404);
}

function templateSummary(template: TemplateBody) {
  const declared = (template.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown; NoEcho?: unknown; Description?: string; AllowedValues?: unknown[] }>;
  const capabilities = capabilitiesOf(template);
  return {
    Parameters: Object.entries(declared).map(([key, p]) => ({
      ParameterKey: key,
      DefaultValue: p?.Default === undefined ? undefined : String(p.Default),
      ParameterType: p?.Type,
      NoEcho: p?.NoEcho === true || p?.NoEcho === 'true',
      Description: p?.Description,
      ParameterConstraints: { AllowedValues: Array.isArray(p?.AllowedValues) ? p.AllowedValues.map(String) : [] },
    })),
    Description: typeof template.Description === 'string' ? template.Description : undefined,
    Capabilities: capabilities,
    CapabilitiesReason: capabilities.length ? 'The following resource(s) require capabilities: [AWS::IAM::*]' : undefined,
    DeclaredTransforms: template.Transform === undefined ? [] : ([] as unknown[]).concat(template.Transform).map(String),
  };
}

function checkTemplateShape(template: TemplateBody): void {
  const resources = template.Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources) || Object.keys(resources).length === 0) {
    throw validation('Template format error: At least one Resources member must be defined.');
  }
  for (const [id, resource] of Object.entries(resources as Record<string, unknown>)) {
    if (!resource || typeof resource !== 'object' || typeof (resource as { Type?: unknown }).Type !== 'string') throw validation(`Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`);
  }
}

function engineFor(ctx: CallContext): StackEngine {
  return new StackEngine(ctx.store);
}

/** A drift detection's result, kept beside the stack so any process can read it by id. */
interface StoredDetection {
  id: string;
  stackName: string;
  drift: Awaited<ReturnType<StackEngine['detectDrift']>>;
}

/** AWS CloudFormation (awsQuery) over the stack engine: the same change sets, events and records as `slipway stack`. */
export const cloudFormation: ServiceDefinition = {
  signingName: 'cloudformation',
  protocol: 'awsQuery',
  version: '2010-05-15',
  xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  operations: {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
    async CreateStack(input, ctx) {
      const r = reader(input);
      const name = checkStackName(r.required('StackName'));
      const engine = engineFor(ctx);
      const existing = engine.stacks.read(name);
      if (existing && existing.status !== 'REVIEW_IN_PROGRESS') throw new AwsError('AlreadyExistsException', `Stack [${name}] already exists`);
      const template = templateOf(r, ctx);
      checkTemplateShape(template.body);
      checkCapabilities(r, template.body);
      const onFailure = r.string('OnFailure') ?? (r.boolean('DisableRollback') ? 'DO_NOTHING' : 'ROLLBACK');
      if (!['ROLLBACK', 'DELETE', 'DO_NOTHING'].includes(onFailure)) throw validation(`OnFailure must be ROLLBACK, DELETE or DO_NOTHING, not ${onFailure}`);
      const changeSet = await engine.createChangeSet({ stackName: name, template: template.body, parameters: parametersOf(r) });
      if (r.boolean('EnableTerminationProtection')) await engine.setTerminationProtection(name, true);
      await startOperation(ctx, async (runner) => {
        try {
          await runner.executeChangeSet(name, changeSet.name, { disableRollback: onFailure === 'DO_NOTHING' });
        } catch (error) {
          if (error instanceof StackOperationError && onFailure === 'DELETE') await runner.deleteStack(name);
          throw error;
        } finally {
          if (runner.stacks.readChangeSet(name, changeSet.name)) runner.stacks.removeChangeSet(name, changeSet.name);
        }
      });
      return { StackId: changeSet.stackId };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStack.html
    async UpdateStack(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const record = requireStack(engine, r.required('StackName'));
      const template = templateOf(r, ctx, () => record.template);
      checkTemplateShape(template.body);
      checkCapabilities(r, template.body);
      const changeSet = await engine.createChangeSet({ stackName: record.name, template: template.body, parameters: parametersOf(r, template.body, true) });
      if (changeSet.executionStatus !== 'AVAILABLE') {
        await engine.deleteChangeSet(record.name, changeSet.name);
        throw validation('No updates are to be performed.');
      }
      await startOperation(ctx, async (runner) => {
        try {
          await runner.executeChangeSet(record.name, changeSet.name, { disableRollback: !!r.boolean('DisableRollback') });
        } finally {
          if (runner.stacks.readChangeSet(record.name, changeSet.name)) runner.stacks.removeChangeSet(record.name, changeSet.name);
        }
      });
      return { StackId: record.stackId };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
    // Deleting a stack that does not exist succeeds, as in CloudFormation.
    async DeleteStack(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const value = r.required('StackName');
      const record = engine.stacks.read(stackNameOf(value));
      if (!record || (STACK_ARN.test(value) && record.stackId !== value)) return {};
      if (record.terminationProtection) throw validation(`Stack [${record.name}] cannot be deleted while TerminationProtection is enabled`);
      const options = { retain: r.strings('RetainResources'), force: forcesDeletion(r.string('DeletionMode'), 'DeletionMode') };
      retainedOnDelete(record, options); // refused before the operation starts
      await startOperation(ctx, (runner) => runner.deleteStack(record.name, options));
      return {};
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
    async DescribeStacks(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      await engine.settleAbandoned();
      const name = r.string('StackName');
      const records = name ? [requireStack(engine, name, { deleted: true })] : engine.stacks.names().map((n) => engine.stacks.read(n)!).filter(Boolean);
      const rootOf = (record: StackRecord): string => {
        let current = record;
        for (let depth = 0; current.parentId && depth < 20; depth++) {
          const parent = engine.stacks.names().map((n) => engine.stacks.read(n)).find((s) => s?.stackId === current.parentId);
          if (!parent) break;
          current = parent;
        }
        return current.stackId;
      };
      const { items, NextToken } = page(records, 100, r.string('NextToken'), 'ValidationError');
      return { Stacks: items.map((record) => stackShape(record, record.parentId ? rootOf(record) : undefined)), NextToken };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html
    async DescribeStackEvents(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const record = requireStack(engine, r.required('StackName'), { deleted: true });
      const { items, NextToken } = page(stackEventsShape(record, engine.stacks.eventsOf(record)), 100, r.string('NextToken'), 'ValidationError');
      return { StackEvents: items, NextToken };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResource.html
    async DescribeStackResource(input, ctx) {
      const r = reader(input);
      const record = requireStack(engineFor(ctx), r.required('StackName'));
      const logicalId = r.required('LogicalResourceId');
      const resource = Object.hasOwn(record.resources, logicalId) ? record.resources[logicalId] : undefined;
      if (!resource) throw validation(`Resource ${logicalId} does not exist for stack ${record.name}`);
      return { StackResourceDetail: stackResourceDetailShape(record, resource) };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResources.html
    async DescribeStackResources(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const physicalId = r.string('PhysicalResourceId');
      const stackName = r.string('StackName');
      if (!stackName && !physicalId) throw validation('Either StackName or PhysicalResourceId must be specified.');
      const records = stackName ? [requireStack(engine, stackName)] : engine.stacks.names().map((n) => engine.stacks.read(n)!).filter(Boolean);
      const logicalId = r.string('LogicalResourceId');
      const found = records.flatMap((record) =>
        Object.values(record.resources)
          .filter((res) => (!logicalId || res.logicalId === logicalId) && (!physicalId || res.physicalId === physicalId))
          .map((res) => stackResourceShape(record, res)),
      );
      if (physicalId && !stackName && found.length === 0) throw validation(`Stack for ${physicalId} does not exist`);
      return { StackResources: found };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStacks.html
    async ListStacks(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      await engine.settleAbandoned();
      // Deleted stacks are listed too (for 90 days), as ListStacks documents.
      const records = engine.stacks.listed(new Set(r.strings('StackStatusFilter')));
      const { items, NextToken } = page(records, 100, r.string('NextToken'), 'ValidationError');
      return { StackSummaries: items.map(stackSummaryShape), NextToken };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html
    async ListStackResources(input, ctx) {
      const r = reader(input);
      const record = requireStack(engineFor(ctx), r.required('StackName'));
      const { items, NextToken } = page(Object.values(record.resources), 100, r.string('NextToken'), 'ValidationError');
      return { StackResourceSummaries: items.map(stackResourceSummaryShape), NextToken };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplate.html
    async GetTemplate(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const changeSetName = r.string('ChangeSetName');
      const stackName = r.string('StackName');
      const template = changeSetName ? findChangeSet(engine, changeSetName, stackName).template : requireStack(engine, stackName ?? r.required('StackName')).template;
      return { TemplateBody: JSON.stringify(template, null, 2), StagesAvailable: ['Original', 'Processed'] };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplateSummary.html
    async GetTemplateSummary(input, ctx) {
      const r = reader(input);
      const stackName = r.string('StackName');
      const template = stackName ? requireStack(engineFor(ctx), stackName).template : templateOf(r, ctx).body;
      checkTemplateShape(template);
      const resources = Object.values(template.Resources as Record<string, { Type: string }>);
      return {
        ...templateSummary(template),
        ResourceTypes: [...new Set(resources.map((res) => res.Type))],
        Version: typeof template.AWSTemplateFormatVersion === 'string' ? template.AWSTemplateFormatVersion : '2010-09-09',
        Metadata: (template as { Metadata?: unknown }).Metadata === undefined ? undefined : JSON.stringify((template as { Metadata?: unknown }).Metadata),
        ResourceIdentifierSummaries: [],
      };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ValidateTemplate.html
    async ValidateTemplate(input, ctx) {
      const template = templateOf(reader(input), ctx).body;
      checkTemplateShape(template);
      const { Parameters, Description, Capabilities, CapabilitiesReason, DeclaredTransforms } = templateSummary(template);
      return { Parameters: Parameters.map(({ ParameterKey, DefaultValue, NoEcho, Description: d }) => ({ ParameterKey, DefaultValue, NoEcho, Description: d })), Description, Capabilities, CapabilitiesReason, DeclaredTransforms };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html
    async CreateChangeSet(input, ctx) {
      const r = reader(input);
      const name = checkStackName(r.required('StackName'));
      const changeSetName = r.required('ChangeSetName');
      if (!/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(changeSetName)) throw validation(`1 validation error detected: Value '${changeSetName}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
      const engine = engineFor(ctx);
      const existing = engine.stacks.read(name);
      const type = r.string('ChangeSetType') ?? 'UPDATE';
      if (type === 'CREATE' && existing && existing.status !== 'REVIEW_IN_PROGRESS') throw validation(`Stack [${name}] already exists and cannot be created again with the changeSet [${changeSetName}].`);
      if (type === 'UPDATE' && (!existing || existing.status === 'REVIEW_IN_PROGRESS')) throw validation(`Stack [${name}] does not exist`);
      if (type !== 'CREATE' && type !== 'UPDATE') throw new AwsError('ValidationError', `ChangeSetType ${type} is not supported by Slipway (CREATE, UPDATE)`);
      if (existing && engine.stacks.readChangeSet(name, changeSetName)) throw new AwsError('AlreadyExistsException', `ChangeSet ${changeSetName} already exists`);
      const template = templateOf(r, ctx, existing ? () => existing.template : undefined);
      checkTemplateShape(template.body);
      checkCapabilities(r, template.body);
      const changeSet = await engine.createChangeSet({ stackName: name, changeSetName, template: template.body, parameters: parametersOf(r, template.body, type === 'UPDATE') });
      return { Id: changeSet.id, StackId: changeSet.stackId };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html
    async DescribeChangeSet(input, ctx) {
      const r = reader(input);
      return changeSetShape(findChangeSet(engineFor(ctx), r.required('ChangeSetName'), r.string('StackName')));
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html
    async ExecuteChangeSet(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const changeSet = findChangeSet(engine, r.required('ChangeSetName'), r.string('StackName'));
      if (changeSet.executionStatus !== 'AVAILABLE') {
        throw new AwsError('InvalidChangeSetStatus', `ChangeSet [${changeSet.id}] cannot be executed in its current execution status of [${changeSet.executionStatus}]`);
      }
      await startOperation(ctx, (runner) => runner.executeChangeSet(changeSet.stackName, changeSet.name, { disableRollback: !!r.boolean('DisableRollback') }));
      return {};
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteChangeSet.html
    async DeleteChangeSet(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const changeSet = findChangeSet(engine, r.required('ChangeSetName'), r.string('StackName'));
      if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') throw new AwsError('InvalidChangeSetStatus', `ChangeSet [${changeSet.id}] cannot be deleted in its current execution status of [EXECUTE_IN_PROGRESS]`);
      await engine.deleteChangeSet(changeSet.stackName, changeSet.name);
      return {};
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListChangeSets.html
    async ListChangeSets(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const record = requireStack(engine, r.required('StackName'));
      const { items, NextToken } = page(engine.stacks.changeSets(record.name), 100, r.string('NextToken'), 'ValidationError');
      return { Summaries: items.map(changeSetSummaryShape), NextToken };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListExports.html
    async ListExports(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const exports = [...engine.stacks.exports()].map(([name, { stackId, value }]) => ({ ExportingStackId: stackId, Name: name, Value: String(value()) }));
      const { items, NextToken } = page(exports, 100, r.string('NextToken'), 'ValidationError');
      return { Exports: items, NextToken };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListImports.html
    async ListImports(input, ctx) {
      const r = reader(input);
      const exportName = r.required('ExportName');
      const importers = engineFor(ctx).stacks.importers(exportName);
      if (importers.length === 0) throw validation(`Export '${exportName}' is not imported by any stack.`);
      const { items, NextToken } = page(importers, 100, r.string('NextToken'), 'ValidationError');
      return { Imports: items, NextToken };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateTerminationProtection.html
    async UpdateTerminationProtection(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const record = requireStack(engine, r.required('StackName'));
      const enabled = r.boolean('EnableTerminationProtection');
      if (enabled === undefined) throw validation("1 validation error detected: Value null at 'enableTerminationProtection' failed to satisfy constraint: Member must not be null");
      await engine.setTerminationProtection(record.name, enabled);
      return { StackId: record.stackId };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackDrift.html
    async DetectStackDrift(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const record = requireStack(engine, r.required('StackName'));
      const drift = await engine.detectDrift(record.name);
      const detection: StoredDetection = { id: randomUUID(), stackName: record.name, drift };
      ctx.store.write(detection, 'stacks', record.name, 'drift', `${detection.id}.json`);
      return { StackDriftDetectionId: detection.id };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackDriftDetectionStatus.html
    async DescribeStackDriftDetectionStatus(input, ctx) {
      const id = reader(input).required('StackDriftDetectionId');
      const engine = engineFor(ctx);
      const detection = /^[0-9a-f-]{36}$/.test(id) ? engine.stacks.names().map((n) => ctx.store.read<StoredDetection>('stacks', n, 'drift', `${id}.json`)).find(Boolean) : undefined;
      if (!detection) throw validation(`Drift detection ${id} does not exist`);
      const record = engine.stacks.read(detection.stackName)!;
      return {
        StackId: record.stackId,
        StackDriftDetectionId: id,
        StackDriftStatus: detection.drift.status,
        DetectionStatus: 'DETECTION_COMPLETE',
        DriftedStackResourceCount: detection.drift.resources.filter((res) => res.driftStatus === 'MODIFIED' || res.driftStatus === 'DELETED').length,
        Timestamp: new Date(detection.drift.detectionTime),
      };
    },
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResourceDrifts.html
    async DescribeStackResourceDrifts(input, ctx) {
      const r = reader(input);
      const engine = engineFor(ctx);
      const record = requireStack(engine, r.required('StackName'));
      const detections = ctx.store
        .list('stacks', record.name, 'drift')
        .map((f) => ctx.store.read<StoredDetection>('stacks', record.name, 'drift', f))
        .filter((d): d is StoredDetection => !!d)
        .sort((a, b) => a.drift.detectionTime.localeCompare(b.drift.detectionTime));
      const latest = detections[detections.length - 1];
      const filter = new Set(r.strings('StackResourceDriftStatusFilters'));
      const drifts = latest ? resourceDriftsShape(record, latest.drift).filter((d) => filter.size === 0 || filter.has(d.StackResourceDriftStatus)) : [];
      const { items, NextToken } = page(drifts, r.integer('MaxResults', 1, 100) ?? 100, r.string('NextToken'), 'ValidationError');
      return { StackResourceDrifts: items, NextToken };
    },
  },
};
