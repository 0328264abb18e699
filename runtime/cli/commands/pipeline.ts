import * as path from 'node:path';
import { currentUser } from '../../common/identity';
import {
  PipelineStore,
  createPipeline,
  declarationDir,
  decideApproval,
  deletePipeline,
  loadPipelineFile,
  pipelineSettler,
  retryStage,
  RETRY_MODES,
  type RetryMode,
  runUntilRest,
  setTransition,
  startExecution,
  stopExecution,
  updatePipeline,
  type ExecutionRecord,
  type PipelineRecord,
} from '../../pipelines';
import { declarationShape, executionShape, executionSummaryShape, pipelineStateShape } from '../../api/codepipeline/shapes';
import { isoTime } from '../../api/operations';
import type { StateStore } from '../../common/state';
import { spawnDriver, startForPush } from '../../pipelines/triggers';
import { keyValues, parse } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

const USAGE = [
  'slipway pipeline create --definition FILE [--no-start] [--json]',
  '       slipway pipeline update --definition FILE [--json]',
  '       slipway pipeline start NAME [--variable NAME=VALUE]... [--wait] [--json]',
  '       slipway pipeline status NAME [--execution ID] [--json]',
  '       slipway pipeline approve NAME --stage S --action A [--reject] [--summary TEXT] [--json]',
  '       slipway pipeline retry NAME --stage S [--execution ID] [--retry-mode FAILED_ACTIONS|ALL_ACTIONS] [--json]',
  '       slipway pipeline stop NAME [--execution ID] [--abandon] [--reason TEXT] [--json]',
  '       slipway pipeline transition enable|disable NAME --stage S [--reason TEXT]',
  '       slipway pipeline history NAME [--json]',
  '       slipway pipeline logs NAME [--execution ID]',
  '       slipway pipeline list [--json]',
  '       slipway pipeline delete NAME',
].join('\n');

const OPTIONS = {
  definition: { type: 'string' },
  'no-start': { type: 'boolean' },
  wait: { type: 'boolean' },
  'retry-mode': { type: 'string' },
  json: { type: 'boolean' },
  variable: { type: 'string', multiple: true },
  execution: { type: 'string' },
  stage: { type: 'string' },
  action: { type: 'string' },
  reject: { type: 'boolean' },
  summary: { type: 'string' },
  abandon: { type: 'boolean' },
  reason: { type: 'string' },
  repository: { type: 'string' },
  'repository-path': { type: 'string' },
  ref: { type: 'string' },
  commit: { type: 'string' },
  'changed-file': { type: 'string', multiple: true },
} as const;

export const pipelineCommand: CliCommand = {
  name: 'pipeline',
  summary: 'run CodePipeline declarations locally: create, start, approve, retry, stop, status',
  usage: USAGE,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [verb, ...rest] = argv;
    const { values, positionals } = parse(rest, OPTIONS, `pipeline ${verb ?? ''}`.trim());
    const state = ctx.store();
    const json = !!values.json;
    const nameArg = (at = 0): string => {
      const name = positionals[at];
      if (!name) throw new UsageError(`usage: slipway pipeline ${verb} NAME …`);
      return name;
    };
    const need = (option: 'stage' | 'action' | 'definition'): string => {
      const value = values[option];
      if (!value) throw new UsageError(`slipway pipeline ${verb} needs --${option}`);
      return value;
    };
    switch (verb) {
      case 'create':
      case 'update': {
        const file = path.resolve(ctx.cwd, need('definition'));
        const declaration = loadPipelineFile(file);
        const options = { sourceFile: file, baseDir: declarationDir(file) };
        const record = verb === 'create' ? createPipeline(state, declaration, options) : updatePipeline(state, declaration, options);
        ctx.io.stderr(`${verb === 'create' ? 'created' : 'updated'} pipeline ${record.name} (version ${record.version})\n`);
        if (verb === 'update' || values['no-start']) {
          if (json) printJson(ctx, { pipeline: declarationShape(record.declaration, record.version) });
          return EXIT.ok;
        }
        const execution = startExecution(state, record.name, { trigger: { triggerType: 'CreatePipeline' } });
        return finishRun(ctx, state, record.name, execution, json);
      }
      case 'start': {
        const name = nameArg();
        const execution = startExecution(state, name, { variables: keyValues(values.variable, 'variable') });
        if (values.wait) return finishRun(ctx, state, name, execution, json);
        // StartPipelineExecution answers with the new execution's id at once; a detached worker runs it.
        spawnDriver(state.home, name);
        if (json) printJson(ctx, { pipelineExecutionId: execution.executionId });
        else ctx.io.stdout(`${execution.executionId}\n`);
        return EXIT.ok;
      }
      case 'status': {
        const name = nameArg();
        await pipelineSettler(state).settleAbandoned();
        const pipelines = new PipelineStore(state);
        const pipeline = pipelines.require(name);
        const executions = values.execution ? [pipelines.requireExecution(name, values.execution)] : pipelines.executions(name);
        // GetPipelineState's shape (each stage's latest execution; with --execution, that one's).
        if (json) printJson(ctx, pipelineStateShape(pipeline, executions, isoTime));
        else if (!executions.length) ctx.io.stdout(`${name}: no executions yet\n`);
        else ctx.io.stdout(formatState(pipeline, executions.at(-1)!));
        return EXIT.ok;
      }
      case 'approve': {
        const name = nameArg();
        const execution = decideApproval(state, name, {
          stage: need('stage'),
          action: need('action'),
          status: values.reject ? 'Rejected' : 'Approved',
          summary: values.summary,
          by: currentUser(ctx.cwd),
        });
        ctx.io.stderr(`${values.reject ? 'rejected' : 'approved'} ${values.stage}/${values.action} of execution ${execution.executionId}\n`);
        return finishRun(ctx, state, name, execution, json);
      }
      case 'retry': {
        const name = nameArg();
        const mode = (values['retry-mode'] ?? 'FAILED_ACTIONS') as RetryMode;
        if (!RETRY_MODES.includes(mode)) throw new UsageError(`--retry-mode must be ${RETRY_MODES.join(' or ')}, not "${mode}"`);
        const execution = retryStage(state, name, need('stage'), values.execution, mode);
        ctx.io.stderr(`retrying stage ${values.stage} of execution ${execution.executionId}\n`);
        return finishRun(ctx, state, name, execution, json);
      }
      case 'stop': {
        const name = nameArg();
        const execution = await stopExecution(state, name, { executionId: values.execution, abandon: !!values.abandon, reason: values.reason });
        return report(ctx, state, name, execution, json);
      }
      case 'transition': {
        const [direction] = positionals;
        if (direction !== 'enable' && direction !== 'disable') throw new UsageError('usage: slipway pipeline transition enable|disable NAME --stage S [--reason TEXT]');
        const name = nameArg(1);
        const stage = need('stage');
        const record = setTransition(state, name, stage, direction === 'enable', values.reason);
        ctx.io.stderr(`${direction}d the transition into ${stage}\n`);
        if (direction === 'enable') await runUntilRest(state, name);
        if (json) printJson(ctx, { pipelineName: name, stageName: stage, inboundTransitionState: { enabled: direction === 'enable', ...(record.transitions[stage]?.reason ? { disabledReason: record.transitions[stage]?.reason } : {}) } });
        return EXIT.ok;
      }
      case 'history': {
        const name = nameArg();
        await pipelineSettler(state).settleAbandoned();
        const pipelines = new PipelineStore(state);
        pipelines.require(name);
        const list = pipelines.executions(name).reverse();
        if (json) printJson(ctx, { pipelineExecutionSummaries: list.map((e) => executionSummaryShape(e, isoTime)) });
        else for (const e of list) ctx.io.stdout(`${e.executionId}\t${e.status}\t${e.startTime}\t${e.trigger.triggerType}\t${e.sourceRevisions.map((r) => r.revisionId.slice(0, 12)).join(',')}\n`);
        return EXIT.ok;
      }
      case 'logs': {
        const name = nameArg();
        const pipelines = new PipelineStore(state);
        const execution = values.execution ? pipelines.requireExecution(name, values.execution) : pipelines.executions(name).at(-1);
        if (!execution) throw new UsageError(`pipeline "${name}" has no executions`);
        for (const line of pipelines.logs(name, execution.executionId)) {
          ctx.io.stdout(`${line.time} ${[line.stage, line.action].filter(Boolean).join('/')}${line.stage ? ': ' : ''}${line.line}\n`);
        }
        return EXIT.ok;
      }
      case 'list': {
        await pipelineSettler(state).settleAbandoned();
        const pipelines = new PipelineStore(state);
        const list = pipelines.names().map((name) => {
          const record = pipelines.require(name);
          const latest = pipelines.executions(name).at(-1);
          return {
            name,
            version: record.version,
            pipelineType: record.declaration.pipelineType,
            executionMode: record.declaration.executionMode,
            created: record.created,
            updated: record.updated,
            slipway: { latestExecution: latest ? { pipelineExecutionId: latest.executionId, status: latest.status, startTime: latest.startTime } : null },
          };
        });
        if (json) printJson(ctx, { pipelines: list });
        else for (const p of list) ctx.io.stdout(`${p.name}\tversion ${p.version}\t${p.slipway.latestExecution?.status ?? 'no executions'}\n`);
        return EXIT.ok;
      }
      case 'drive': {
        // The detached worker a push starts: drives the pipeline until nothing can move.
        await runUntilRest(state, nameArg());
        return EXIT.ok;
      }
      case 'push-event': {
        // What a repository's server-side hook calls: start the pipelines that track the pushed ref.
        if (!values.ref || !values.commit || (!values.repository && !values['repository-path'])) {
          throw new UsageError('usage: slipway pipeline push-event --repository NAME|--repository-path PATH --ref REF --commit SHA [--changed-file F]...');
        }
        const started = startForPush(state, {
          repository: values.repository ? { hosted: values.repository } : { path: path.resolve(ctx.cwd, values['repository-path']!) },
          ref: values.ref,
          commit: values.commit,
          changedFiles: values['changed-file'],
        });
        if (json) printJson(ctx, { started: started.map((e) => ({ pipelineName: e.pipelineName, executionId: e.executionId })) });
        else for (const e of started) ctx.io.stderr(`started ${e.pipelineName} execution ${e.executionId}\n`);
        return EXIT.ok;
      }
      case 'delete': {
        const name = nameArg();
        await deletePipeline(state, name);
        ctx.io.stderr(`deleted pipeline ${name}\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${USAGE}`);
    }
  },
};

/** Drives the pipeline until this execution rests, printing stage and action changes on stderr. */
async function finishRun(ctx: CliContext, state: StateStore, name: string, execution: ExecutionRecord, json: boolean): Promise<number> {
  if (!json) ctx.io.stderr(`execution ${execution.executionId} of ${name}\n`);
  const pipelines = new PipelineStore(state);
  const seen = new Map<string, string>();
  const print = (): void => {
    const record = pipelines.execution(name, execution.executionId);
    if (!record) return;
    for (const stage of record.stages) {
      for (const action of stage.actions) {
        const key = `${stage.name}/${action.name}`;
        const text = `${action.status}${action.approval && !action.approval.decision && action.status === 'InProgress' ? ' (waiting for approval)' : ''}`;
        if (action.status === 'NotStarted' || seen.get(key) === text) continue;
        seen.set(key, text);
        const detail = action.errorMessage ?? action.summary;
        ctx.io.stderr(`  ${key}: ${text}${detail && action.status !== 'InProgress' ? ` — ${detail}` : ''}\n`);
      }
    }
  };
  const timer = json ? undefined : setInterval(print, 200);
  try {
    await runUntilRest(state, name, execution.executionId);
  } finally {
    if (timer) clearInterval(timer);
  }
  if (!json) print();
  return report(ctx, state, name, pipelines.requireExecution(name, execution.executionId), json);
}

/**
 * What a command that ran an execution prints with --json: its id (as StartPipelineExecution
 * answers), the execution (GetPipelineExecution) and the stages as it left them (GetPipelineState).
 */
function report(ctx: CliContext, state: StateStore, name: string, execution: ExecutionRecord, json: boolean): number {
  const pipeline = new PipelineStore(state).require(name);
  if (json) printJson(ctx, { pipelineExecutionId: execution.executionId, pipelineExecution: executionShape(execution), ...pipelineStateShape(pipeline, [execution], isoTime) });
  else ctx.io.stdout(formatState(pipeline, execution));
  return execution.status === 'Failed' ? EXIT.failed : EXIT.ok;
}

function formatState(pipeline: PipelineRecord, execution: ExecutionRecord): string {
  const lines = [`${pipeline.name} ${execution.executionId}: ${execution.status}${execution.statusSummary ? ` — ${execution.statusSummary}` : ''}`];
  for (const stage of execution.stages) {
    const transition = pipeline.transitions[stage.name]?.enabled === false ? ` [transition disabled: ${pipeline.transitions[stage.name].reason ?? ''}]` : '';
    lines.push(`  ${stage.name}: ${stage.status}${transition}`);
    for (const action of stage.actions) {
      const waiting = action.approval && !action.approval.decision && action.status === 'InProgress' ? ' (waiting for approval)' : '';
      lines.push(`    ${action.name}: ${action.status}${waiting}${action.summary ? ` — ${action.summary}` : ''}${action.externalUrl ? ` <${action.externalUrl}>` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
