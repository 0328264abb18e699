// CodePipeline over the pipeline engine. Executions are driven inside the serving
// process, as `slipway pipeline start` drives them inside the CLI's.
// https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_Operations.html
import type { StateStore } from '../../common/state';
import { InputError } from '../../common/errors';
import { LOCAL_ACCOUNT } from '../../common/ids';
import {
  PipelineStore,
  createPipeline,
  decideApproval,
  deletePipeline,
  parsePipeline,
  pipelineSettler,
  retryStage,
  runUntilRest,
  setTransition,
  startExecution,
  stopExecution,
  updatePipeline,
  type ExecutionRecord,
  type PipelineDeclaration,
  type PipelineRecord,
} from '../../pipelines';
import { declarationOf } from '../../pipelines/engine/driver';
import { TERMINAL } from '../../pipelines/engine/records';
import { AwsError, type CallContext, type Operation, type ServiceDefinition } from '../types';
import { defined, epochSeconds, optional, page, required, withServiceErrors } from '../operations';
import { actionExecutionDetails, actionToken, declarationShape, executionShape, executionSummaryShape, pipelineArn, pipelineStateShape, type DeclarationExtras } from './shapes';

const VALIDATION = 'ValidationException';
type Input = Record<string, unknown>;

function requirePipeline(store: StateStore, name: unknown): PipelineRecord {
  if (typeof name !== 'string' || !name) throw new AwsError(VALIDATION, 'name is required');
  const record = new PipelineStore(store).get(name);
  if (!record) throw new AwsError('PipelineNotFoundException', `Account '${LOCAL_ACCOUNT.accountId}' does not have a pipeline with name '${name}'`);
  return record;
}

function requireExecution(store: StateStore, name: string, id: unknown): ExecutionRecord {
  if (typeof id !== 'string' || !id) throw new AwsError(VALIDATION, 'pipelineExecutionId is required');
  const execution = new PipelineStore(store).execution(name, id);
  if (!execution) throw new AwsError('PipelineExecutionNotFoundException', `Pipeline execution ${id} of pipeline ${name} does not exist`);
  return execution;
}

function extrasOf(store: StateStore, name: string): DeclarationExtras {
  return store.read<DeclarationExtras>('pipelines', name, 'aws.json') ?? {};
}

/** The request's `pipeline` structure modelled by the engine's declaration reader, errors as InvalidStructureException. */
function readDeclaration(input: Input): { declaration: PipelineDeclaration; extras: DeclarationExtras } {
  const pipeline = required<Record<string, unknown>>(input, 'pipeline', VALIDATION, 'object');
  let declaration: PipelineDeclaration;
  try {
    declaration = parsePipeline('pipeline', JSON.stringify({ pipeline }, null, 1));
  } catch (error) {
    if (error instanceof InputError) throw new AwsError('InvalidStructureException', error.message);
    throw error;
  }
  return { declaration, extras: defined({ roleArn: pipeline.roleArn as string | undefined, artifactStore: pipeline.artifactStore, artifactStores: pipeline.artifactStores }) };
}

/** Drives the pipeline in this process until it rests; failures are recorded on the execution. */
function drive(store: StateStore, name: string): void {
  runUntilRest(store, name).catch(() => undefined);
}

function toEngine<T>(fn: () => T, code: string): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InputError) throw new AwsError(code, error.message);
    throw error;
  }
}

function pipelineResponse(store: StateStore, record: PipelineRecord): Record<string, unknown> {
  return declarationShape(record.declaration, record.version, extrasOf(store, record.name));
}

function stageName(record: PipelineRecord, input: Input): string {
  const stage = required<string>(input, 'stageName', VALIDATION);
  if (!record.declaration.stages.some((s) => s.name === stage)) throw new AwsError('StageNotFoundException', `Stage ${stage} does not exist in pipeline ${record.name}`);
  return stage;
}

const operations: Record<string, Operation> = {
  async CreatePipeline(input: Input, ctx: CallContext) {
    const { declaration, extras } = readDeclaration(input);
    if (new PipelineStore(ctx.store).get(declaration.name)) throw new AwsError('PipelineNameInUseException', `A pipeline with the name '${declaration.name}' already exists`);
    const record = toEngine(() => createPipeline(ctx.store, declaration, { baseDir: ctx.store.home }), 'InvalidActionDeclarationException');
    ctx.store.write(extras, 'pipelines', record.name, 'aws.json');
    // As in AWS, a new pipeline starts its first execution.
    startExecution(ctx.store, record.name, { trigger: { triggerType: 'CreatePipeline', triggerDetail: ctx.user } });
    drive(ctx.store, record.name);
    return defined({ pipeline: pipelineResponse(ctx.store, record), tags: input.tags as unknown[] | undefined });
  },
  async UpdatePipeline(input: Input, ctx) {
    const { declaration, extras } = readDeclaration(input);
    requirePipeline(ctx.store, declaration.name);
    const record = toEngine(() => updatePipeline(ctx.store, declaration, { baseDir: ctx.store.home }), 'InvalidActionDeclarationException');
    ctx.store.write(extras, 'pipelines', record.name, 'aws.json');
    return { pipeline: pipelineResponse(ctx.store, record) };
  },
  async DeletePipeline(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.name);
    await deletePipeline(ctx.store, record.name);
    return {};
  },
  async GetPipeline(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.name);
    const version = optional<number>(input, 'version', VALIDATION, 'number') ?? record.version;
    if (!Number.isInteger(version) || version < 1 || version > record.version) throw new AwsError('PipelineVersionNotFoundException', `Pipeline ${record.name} has no version ${version}`);
    const declaration = declarationOf(new PipelineStore(ctx.store), record, version);
    return {
      pipeline: declarationShape(declaration, version, extrasOf(ctx.store, record.name)),
      metadata: { pipelineArn: pipelineArn(record.name), created: epochSeconds(record.created), updated: epochSeconds(record.updated) },
    };
  },
  async ListPipelines(input: Input, ctx) {
    const pipelines = new PipelineStore(ctx.store);
    const list = pipelines
      .names()
      .map((name) => pipelines.get(name))
      .filter((r): r is PipelineRecord => !!r)
      .map((r) => ({ name: r.name, version: r.version, pipelineType: r.declaration.pipelineType, executionMode: r.declaration.executionMode, created: epochSeconds(r.created), updated: epochSeconds(r.updated) }));
    const { items, nextToken } = page(list, input.nextToken, input.maxResults, 'InvalidNextTokenException', 1000);
    return defined({ pipelines: items, nextToken });
  },
  async StartPipelineExecution(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.name);
    const given = optional<Array<{ name: string; value: string }>>(input, 'variables', VALIDATION, 'array') ?? [];
    const variables: Record<string, string> = {};
    for (const v of given) {
      if (!v || typeof v.name !== 'string' || typeof v.value !== 'string') throw new AwsError(VALIDATION, 'every variable needs a name and a value');
      variables[v.name] = v.value;
    }
    const execution = toEngine(() => startExecution(ctx.store, record.name, { variables, trigger: { triggerType: 'StartPipelineExecution', triggerDetail: ctx.user } }), VALIDATION);
    drive(ctx.store, record.name);
    return { pipelineExecutionId: execution.executionId };
  },
  async StopPipelineExecution(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.pipelineName);
    const execution = requireExecution(ctx.store, record.name, input.pipelineExecutionId);
    if (TERMINAL.has(execution.status)) throw new AwsError('PipelineExecutionNotStoppableException', `Pipeline execution ${execution.executionId} is ${execution.status} and cannot be stopped`);
    const abandon = optional<boolean>(input, 'abandon', VALIDATION, 'boolean') ?? false;
    if (execution.stopRequest && (execution.stopRequest.abandon || !abandon)) throw new AwsError('DuplicatedStopRequestException', `Pipeline execution ${execution.executionId} is already stopping`);
    stopExecution(ctx.store, record.name, { executionId: execution.executionId, abandon, reason: optional<string>(input, 'reason', VALIDATION, 'string') }).catch(() => undefined);
    return { pipelineExecutionId: execution.executionId };
  },
  async GetPipelineState(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.name);
    await pipelineSettler(ctx.store).settleAbandoned();
    return pipelineStateShape(record, new PipelineStore(ctx.store).executions(record.name));
  },
  async GetPipelineExecution(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.pipelineName);
    await pipelineSettler(ctx.store).settleAbandoned();
    return { pipelineExecution: executionShape(requireExecution(ctx.store, record.name, input.pipelineExecutionId)) };
  },
  async ListPipelineExecutions(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.pipelineName);
    await pipelineSettler(ctx.store).settleAbandoned();
    const list = new PipelineStore(ctx.store).executions(record.name).reverse().map((e) => executionSummaryShape(e));
    const { items, nextToken } = page(list, input.nextToken, input.maxResults, 'InvalidNextTokenException');
    return defined({ pipelineExecutionSummaries: items, nextToken });
  },
  async ListActionExecutions(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.pipelineName);
    const filter = optional<{ pipelineExecutionId?: string }>(input, 'filter', VALIDATION, 'object') ?? {};
    const pipelines = new PipelineStore(ctx.store);
    const executions = filter.pipelineExecutionId ? [requireExecution(ctx.store, record.name, filter.pipelineExecutionId)] : pipelines.executions(record.name).reverse();
    const details = executions.flatMap((e) => actionExecutionDetails(e, declarationOf(pipelines, record, e.pipelineVersion)));
    const { items, nextToken } = page(details, input.nextToken, input.maxResults, 'InvalidNextTokenException');
    return defined({ actionExecutionDetails: items, nextToken });
  },
  async PutApprovalResult(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.pipelineName);
    const stage = stageName(record, input);
    const action = required<string>(input, 'actionName', VALIDATION);
    const result = required<{ summary?: string; status?: string }>(input, 'result', VALIDATION, 'object');
    const token = required<string>(input, 'token', VALIDATION);
    if (result.status !== 'Approved' && result.status !== 'Rejected') throw new AwsError(VALIDATION, 'result.status must be Approved or Rejected');
    const waiting = new PipelineStore(ctx.store)
      .executions(record.name)
      .find((e) => e.status === 'InProgress' && e.stages.some((s) => s.name === stage && s.actions.some((a) => a.name === action && a.status === 'InProgress' && a.approval && !a.approval.decision)));
    const state = waiting?.stages.find((s) => s.name === stage)?.actions.find((a) => a.name === action);
    if (!waiting || !state) throw new AwsError('ApprovalAlreadyCompletedException', `No approval is waiting at ${stage}/${action} of pipeline ${record.name}`);
    if (token !== actionToken('approval', waiting.executionId, stage, action, state.attempt)) throw new AwsError('InvalidApprovalTokenException', `The approval token for ${stage}/${action} is not valid`);
    toEngine(() => decideApproval(ctx.store, record.name, { stage, action, status: result.status as 'Approved' | 'Rejected', summary: result.summary, by: ctx.user }), 'ApprovalAlreadyCompletedException');
    drive(ctx.store, record.name);
    return { approvedAt: Date.now() / 1000 };
  },
  async RetryStageExecution(input: Input, ctx) {
    const record = requirePipeline(ctx.store, input.pipelineName);
    const stage = stageName(record, input);
    const execution = requireExecution(ctx.store, record.name, input.pipelineExecutionId);
    const mode = required<string>(input, 'retryMode', VALIDATION);
    if (mode !== 'FAILED_ACTIONS' && mode !== 'ALL_ACTIONS') throw new AwsError(VALIDATION, 'retryMode must be FAILED_ACTIONS or ALL_ACTIONS');
    const retried = toEngine(() => retryStage(ctx.store, record.name, stage, execution.executionId, mode), 'StageNotRetryableException');
    drive(ctx.store, record.name);
    return { pipelineExecutionId: retried.executionId };
  },
  async EnableStageTransition(input: Input, ctx) {
    const { record, stage } = transitionTarget(ctx.store, input);
    toEngine(() => setTransition(ctx.store, record.name, stage, true), VALIDATION);
    drive(ctx.store, record.name);
    return {};
  },
  async DisableStageTransition(input: Input, ctx) {
    const { record, stage } = transitionTarget(ctx.store, input);
    const reason = required<string>(input, 'reason', VALIDATION);
    toEngine(() => setTransition(ctx.store, record.name, stage, false, reason), VALIDATION);
    return {};
  },
};

/** An Outbound transition of a stage is the Inbound transition of the stage after it. */
function transitionTarget(store: StateStore, input: Input): { record: PipelineRecord; stage: string } {
  const record = requirePipeline(store, input.pipelineName);
  const stage = stageName(record, input);
  const type = required<string>(input, 'transitionType', VALIDATION);
  if (type !== 'Inbound' && type !== 'Outbound') throw new AwsError(VALIDATION, 'transitionType must be Inbound or Outbound');
  if (type === 'Inbound') return { record, stage };
  const index = record.declaration.stages.findIndex((s) => s.name === stage);
  const next = record.declaration.stages[index + 1];
  if (!next) throw new AwsError(VALIDATION, `Stage ${stage} is the last stage: it has no outbound transition`);
  return { record, stage: next.name };
}

export const codepipelineService: ServiceDefinition = {
  signingName: 'codepipeline',
  protocol: 'awsJson1_1',
  targetPrefix: 'CodePipeline_20150709',
  operations: withServiceErrors(operations, { invalid: VALIDATION }),
};
