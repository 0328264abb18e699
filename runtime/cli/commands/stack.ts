import { changeSetShape, resourceDriftsShape, stackEventsShape, stackShape, stackSummaryShape } from '../../api/cloudformation/shapes';
import { describeStack } from '../../stacks/describe';
import { StackEngine, StackOperationError, forcesDeletion } from '../../stacks/engine';
import { loadTemplate } from '../../stacks/template-source';
import { STACK_STATUSES, type ChangeSetRecord, type StackEvent } from '../../stacks/types';
import { keyValues, listValues, parse } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

const USAGE = [
  'slipway stack deploy NAME --template FILE [--param KEY=VALUE]... [--disable-rollback] [--no-execute] [--json]',
  '       stack describe NAME [--json] | events NAME [--json] | outputs NAME [--json]',
  '       stack list [--all] [--stack-status-filter STATUS]... [--json]',
  '       stack delete NAME [--retain-resources LOGICAL_ID]... [--deletion-mode STANDARD|FORCE_DELETE_STACK] [--json] | drift NAME [--json] | protect NAME [--off]',
  '       stack changeset create NAME --template FILE [--param KEY=VALUE]... [--name CHANGESET] [--json]',
  '       stack changeset describe|execute|delete NAME CHANGESET [--disable-rollback] [--json]',
].join('\n');

const OPTIONS = {
  template: { type: 'string' },
  param: { type: 'string', multiple: true },
  'disable-rollback': { type: 'boolean' },
  'no-execute': { type: 'boolean' },
  json: { type: 'boolean' },
  name: { type: 'string' },
  off: { type: 'boolean' },
  all: { type: 'boolean' },
  'retain-resources': { type: 'string', multiple: true },
  'deletion-mode': { type: 'string' },
  'stack-status-filter': { type: 'string', multiple: true },
} as const;

/** One line per stack event on stderr, the way `aws cloudformation` tails events. */
function eventPrinter(ctx: CliContext) {
  return (event: StackEvent) => {
    if (event.status === 'LOG') return;
    ctx.io.stderr(`${event.time.slice(11, 19)}  ${event.status.padEnd(36)} ${event.type.padEnd(34)} ${event.logicalId}${event.reason ? `  ${event.reason}` : ''}\n`);
  };
}

/** DescribeChangeSet's shape; Slipway-only fields (the change set type, before/after values) under `slipway`. */
function changeSetView(changeSet: ChangeSetRecord) {
  return {
    ...changeSetShape(changeSet),
    slipway: { changeSetType: changeSet.changeSetType, details: changeSet.changes.map((c) => ({ logicalId: c.logicalId, details: c.details })) },
  };
}

/** DescribeStacks' shape for one stack; its resources (with Slipway's `simulated` flag) under `slipway`. */
function stackView(engine: StackEngine, name: string) {
  const record = engine.describe(name);
  const { resources } = describeStack(record);
  return { Stacks: [{ ...stackShape(record), slipway: { resources, templatePath: record.templatePath } }] };
}

function printChangeSet(ctx: CliContext, changeSet: ChangeSetRecord, json: boolean | undefined): void {
  if (json) return printJson(ctx, changeSetView(changeSet));
  ctx.io.stdout(`change set ${changeSet.name} (${changeSet.changeSetType}, ${changeSet.executionStatus})${changeSet.statusReason ? `: ${changeSet.statusReason}` : ''}\n`);
  for (const c of changeSet.changes) {
    ctx.io.stdout(`  ${c.action.padEnd(7)} ${c.logicalId.padEnd(28)} ${c.type.padEnd(36)} ${c.replacement ? `replacement: ${c.replacement}` : ''}\n`);
    for (const d of c.details) ctx.io.stdout(`          ${d.attribute}${d.name ? `.${d.name}` : ''} (${d.evaluation}, recreation ${d.requiresRecreation})\n`);
  }
}

function printStack(ctx: CliContext, engine: StackEngine, name: string, json: boolean | undefined): void {
  if (json) return printJson(ctx, stackView(engine, name));
  const description = describeStack(engine.describe(name));
  ctx.io.stdout(`${description.name}  ${description.status}${description.statusReason ? `  (${description.statusReason})` : ''}\n`);
  for (const r of description.resources) ctx.io.stdout(`  ${r.logicalId.padEnd(28)} ${r.type.padEnd(36)} ${r.status.padEnd(20)} ${r.physicalId ?? ''}${r.simulated ? '  [simulated]' : ''}\n`);
  for (const [key, value] of Object.entries(description.outputs)) ctx.io.stdout(`  output ${key} = ${String(value)}\n`);
}

/** ListStacks' StackStatusFilter values (its StackStatus enumeration; IMPORT_* are never reached locally). */
const FILTERABLE = new Set<string>([...STACK_STATUSES, 'IMPORT_IN_PROGRESS', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_IN_PROGRESS', 'IMPORT_ROLLBACK_FAILED', 'IMPORT_ROLLBACK_COMPLETE']);

/** `--stack-status-filter` values, repeated or comma-separated as the AWS CLI's list. */
function statusFilter(values: string[] | undefined): Set<string> {
  const statuses = listValues(values);
  for (const status of statuses) if (!FILTERABLE.has(status)) throw new UsageError(`--stack-status-filter: "${status}" is not a stack status (${[...FILTERABLE].join(', ')})`);
  return new Set(statuses);
}

const SUCCESS = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);

function templateAndParams(values: { template?: string; param?: string[] }, ctx: CliContext) {
  if (!values.template) throw new UsageError('--template FILE is required');
  const template = loadTemplate(values.template, ctx.cwd);
  return { template, parameters: keyValues(values.param, 'param') };
}

async function deploy(engine: StackEngine, name: string, values: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const { template, parameters } = templateAndParams(values as { template?: string; param?: string[] }, ctx);
  const changeSet = await engine.createChangeSet({ stackName: name, template: template.body, templatePath: template.path, parameters });
  if (values['no-execute']) {
    printChangeSet(ctx, changeSet, values.json as boolean);
    return EXIT.ok;
  }
  if (changeSet.executionStatus !== 'AVAILABLE') {
    // Nothing to change: `aws cloudformation deploy --no-fail-on-empty-changeset` behaviour.
    await engine.deleteChangeSet(name, changeSet.name);
    ctx.io.stderr(`No changes to deploy. Stack ${name} is up to date\n`);
    printStack(ctx, engine, name, values.json as boolean);
    return SUCCESS.has(engine.describe(name).status) ? EXIT.ok : EXIT.failed;
  }
  return execute(engine, name, changeSet.name, values, ctx);
}

async function execute(engine: StackEngine, name: string, changeSetName: string, values: Record<string, unknown>, ctx: CliContext): Promise<number> {
  try {
    await engine.executeChangeSet(name, changeSetName, { disableRollback: !!values['disable-rollback'] });
  } catch (error) {
    if (!(error instanceof StackOperationError)) throw error;
    printStack(ctx, engine, name, values.json as boolean);
    ctx.io.stderr(`slipway stack: ${error.message}\n`);
    return EXIT.failed;
  }
  printStack(ctx, engine, name, values.json as boolean);
  return EXIT.ok;
}

async function changeset(engine: StackEngine, args: string[], values: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const [verb, stackName, changeSetName] = args;
  if (!stackName) throw new UsageError(`usage: ${USAGE}`);
  switch (verb) {
    case 'create': {
      const { template, parameters } = templateAndParams(values as { template?: string; param?: string[] }, ctx);
      const changeSet = await engine.createChangeSet({ stackName, changeSetName: values.name as string | undefined, template: template.body, templatePath: template.path, parameters });
      printChangeSet(ctx, changeSet, values.json as boolean);
      return EXIT.ok;
    }
    case 'describe':
      if (!changeSetName) throw new UsageError('usage: slipway stack changeset describe NAME CHANGESET');
      printChangeSet(ctx, engine.describeChangeSet(stackName, changeSetName), values.json as boolean);
      return EXIT.ok;
    case 'execute':
      if (!changeSetName) throw new UsageError('usage: slipway stack changeset execute NAME CHANGESET');
      return execute(engine, stackName, changeSetName, values, ctx);
    case 'delete':
      if (!changeSetName) throw new UsageError('usage: slipway stack changeset delete NAME CHANGESET');
      await engine.deleteChangeSet(stackName, changeSetName);
      if (values.json) printJson(ctx, { deleted: changeSetName });
      return EXIT.ok;
    default:
      throw new UsageError(`usage: ${USAGE}`);
  }
}

export const stackCommand: CliCommand = {
  name: 'stack',
  summary: 'deploy CloudFormation templates to the local account (change sets, rollback, outputs)',
  usage: USAGE,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [verb, ...rest] = argv;
    const { values, positionals } = parse(rest, OPTIONS, `stack ${verb ?? ''}`.trim());
    const engine = new StackEngine(ctx.store(), { onEvent: eventPrinter(ctx) });
    const name = positionals[0];
    const needName = () => {
      if (!name) throw new UsageError(`usage: slipway stack ${verb} NAME`);
      return name;
    };
    switch (verb) {
      case 'deploy':
        return deploy(engine, needName(), values, ctx);
      case 'changeset':
        return changeset(engine, positionals, values, ctx);
      case 'describe':
        await engine.settleAbandoned();
        printStack(ctx, engine, needName(), values.json);
        return EXIT.ok;
      case 'events': {
        await engine.settleAbandoned();
        const record = engine.describe(needName());
        // DescribeStackEvents lists events in reverse chronological order; a deleted stack's by its stack id.
        const events = engine.stacks.eventsOf(record).filter((e) => e.status !== 'LOG');
        if (values.json) printJson(ctx, { StackEvents: stackEventsShape(record, events) });
        else for (const e of [...events].reverse()) ctx.io.stdout(`${e.time}  ${e.status.padEnd(36)} ${e.type.padEnd(34)} ${e.logicalId}${e.reason ? `  ${e.reason}` : ''}\n`);
        return EXIT.ok;
      }
      case 'outputs': {
        await engine.settleAbandoned();
        const { Outputs } = stackShape(engine.describe(needName()));
        // DescribeStacks' Outputs member: key, value, description and export name.
        if (values.json) printJson(ctx, { Outputs });
        else for (const o of Outputs) ctx.io.stdout(`${o.OutputKey}	${o.OutputValue}${o.Description ? `	${o.Description}` : ''}${o.ExportName ? `	export ${o.ExportName}` : ''}
`);
        return EXIT.ok;
      }
      case 'list': {
        await engine.settleAbandoned();
        // ListStacks returns deleted stacks too (for 90 days): so does --json, as `aws cloudformation
        // list-stacks` does; the human listing shows live stacks unless --all or a filter asks.
        const filter = statusFilter(values['stack-status-filter']);
        const listed = engine.stacks.listed(filter);
        const stacks = values.json || values.all || filter.size ? listed : listed.filter((r) => r.status !== 'DELETE_COMPLETE');
        if (values.json) printJson(ctx, { StackSummaries: stacks.map(stackSummaryShape) });
        else for (const r of stacks) ctx.io.stdout(`${r.name}\t${r.status}\t${r.deletionTime ?? r.lastUpdatedTime ?? r.creationTime}${r.status === 'DELETE_COMPLETE' ? `\t${r.stackId}` : ''}\n`);
        return EXIT.ok;
      }
      case 'delete': {
        const force = forcesDeletion(values['deletion-mode'], '--deletion-mode');
        try {
          await engine.deleteStack(needName(), { retain: listValues(values['retain-resources']), force });
        } catch (error) {
          if (!(error instanceof StackOperationError)) throw error;
          ctx.io.stderr(`slipway stack: ${error.message}\n`);
          if (values.json) printJson(ctx, { Stacks: [stackShape(error.record)] });
          return EXIT.failed;
        }
        if (values.json) printJson(ctx, { StackName: name, StackStatus: 'DELETE_COMPLETE' });
        return EXIT.ok;
      }
      case 'drift': {
        const drift = await engine.detectDrift(needName());
        const record = engine.describe(name);
        // DescribeStackDriftDetectionStatus with the resources' DescribeStackResourceDrifts.
        if (values.json) {
          printJson(ctx, {
            StackId: record.stackId,
            StackDriftStatus: drift.status,
            DetectionStatus: 'DETECTION_COMPLETE',
            DriftedStackResourceCount: drift.resources.filter((r) => r.driftStatus === 'MODIFIED' || r.driftStatus === 'DELETED').length,
            Timestamp: drift.detectionTime,
            StackResourceDrifts: resourceDriftsShape(record, drift),
          });
        } else {
          ctx.io.stdout(`${drift.stackName}  ${drift.status}\n`);
          for (const r of drift.resources) ctx.io.stdout(`  ${r.logicalId.padEnd(28)} ${r.driftStatus}${r.differences.map((d) => `  ${d.property}`).join('')}\n`);
        }
        return EXIT.ok;
      }
      case 'protect': {
        const record = await engine.setTerminationProtection(needName(), !values.off);
        ctx.io.stderr(`termination protection ${record.terminationProtection ? 'enabled' : 'disabled'} on ${record.name}\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${USAGE}`);
    }
  },
};

