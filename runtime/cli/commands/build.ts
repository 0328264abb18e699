import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../common/errors';
import { runBatch, type BatchResult } from '../../builds/batch';
import type { LogLine } from '../../builds/log';
import { parseBuildTimeout, ProjectStore } from '../../builds/projects';
import { BuildStore, type BuildRecord } from '../../builds/records';
import { startBuild } from '../../builds/runner';
import { batchResultShape, buildShape, projectShape } from '../../api/codebuild/shapes';
import { isoTime } from '../../api/operations';
import { attachPlan, resumeBuild } from '../../builds/debug-session';
import { spawn } from 'node:child_process';
import { parse, keyValues } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

const USAGE = [
  'slipway build run [SOURCE_DIR] [--source repo:NAME@REF|GIT_URL[#REF]] [--buildspec FILE] [--project NAME] [--env NAME=VALUE]... [--timeout S] [--debug | --debug-session] [--pause-limit S] [--keep-workspace] [--zip] [--batch] [--json]',
  '       slipway build attach ID              (a shell in a paused build; codebuild-resume continues it)',
  '       slipway build resume ID [--retry]',
  '       slipway build list [--project NAME] [--json]',
  '       slipway build logs ID',
  '       slipway build stop ID',
  '       slipway build describe ID [--json]',
  '       slipway build project create NAME [--buildspec PATH] [--source DIR] [--env K=V]... [--cache-path P]... [--timeout S] | list [--json] | describe NAME [--json] | delete NAME',
].join('\n');

/**
 * The `--json` document of a build: CodeBuild's Build (as BatchGetBuilds returns it,
 * times as ISO text like the AWS CLI prints them), local paths under `slipway`.
 */
export function buildDocument(record: BuildRecord) {
  return {
    ...buildShape(record, isoTime),
    slipway: {
      logFile: record.logFile,
      warnings: record.warnings,
      reports: record.reports,
      artifacts: {
        location: record.artifacts?.location ?? null,
        ...(record.artifacts?.zip ? { zip: record.artifacts.zip } : {}),
        secondary: Object.fromEntries(record.secondaryArtifacts.map((a) => [a.identifier!, a.location])),
      },
      ...(record.workspace ? { workspace: record.workspace } : {}),
    },
  };
}

const COLOURS: Record<LogLine['kind'], string> = { output: '', phase: '\x1b[1;36m', info: '\x1b[2m', warning: '\x1b[33m', error: '\x1b[31m' };

function logPrinter(ctx: CliContext): (line: LogLine) => void {
  const colour = !!process.stderr.isTTY && !process.env.NO_COLOR;
  return (line) => ctx.io.stderr(colour && COLOURS[line.kind] ? `${COLOURS[line.kind]}${line.text}\x1b[0m\n` : `${line.text}\n`);
}

async function runCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      buildspec: { type: 'string' },
      project: { type: 'string' },
      source: { type: 'string' },
      env: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      debug: { type: 'boolean' },
      'debug-session': { type: 'boolean' },
      'pause-limit': { type: 'string' },
      'keep-workspace': { type: 'boolean' },
      zip: { type: 'boolean' },
      batch: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'build run',
  );
  const pauseLimit = values['pause-limit'] === undefined ? undefined : Number(values['pause-limit']);
  if (pauseLimit !== undefined && !(Number.isFinite(pauseLimit) && pauseLimit >= 0)) throw new UsageError(`--pause-limit expects a number of seconds, got "${values['pause-limit']}"`);
  if (pauseLimit !== undefined && !values.debug && !values['debug-session']) throw new UsageError('--pause-limit goes with --debug or --debug-session');
  if (positionals.length > 1) throw new UsageError(`usage: ${USAGE.split('\n')[0]}`);
  if (positionals[0] && values.source) throw new UsageError('give the source either as SOURCE_DIR or as --source, not both');
  const timeout = parseBuildTimeout(values.timeout);
  const store = ctx.store();
  let source = values.source ?? positionals[0];
  if (source && !/^repo:/.test(source) && !/:\/\//.test(source) && fs.existsSync(path.resolve(ctx.cwd, source))) source = path.resolve(ctx.cwd, source);
  if (!source && !values.project) source = ctx.cwd;
  // A --buildspec given relative to where the user stands wins when that file exists.
  let buildspec = values.buildspec;
  if (buildspec && !path.isAbsolute(buildspec) && fs.existsSync(path.resolve(ctx.cwd, buildspec)) && !/^repo:|:\/\//.test(source ?? '')) buildspec = path.resolve(ctx.cwd, buildspec);
  const request = {
    store,
    source,
    buildspec,
    project: values.project,
    env: keyValues(values.env, 'env'),
    timeoutSeconds: timeout,
    debugSession: values.debug || values['debug-session'] ? { pauseOnFailure: !!values.debug, pauseLimitSeconds: pauseLimit } : undefined,
    keepWorkspace: values['keep-workspace'],
    zipArtifacts: values.zip,
    onLog: logPrinter(ctx),
  };
  if (values.batch) {
    const result: BatchResult = await runBatch(request);
    if (values.json) printJson(ctx, batchResultShape(result, buildDocument));
    else ctx.io.stderr(`batch ${result.id}: ${result.status}\n`);
    return result.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed;
  }
  const handle = await startBuild(request);
  const onSignal = () => handle.stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let record: BuildRecord;
  try {
    record = await handle.finished;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (values.json) printJson(ctx, { build: buildDocument(record) });
  else ctx.io.stderr(`build ${record.id} (#${record.number}): ${record.status}; log ${record.logFile}\n`);
  return record.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed;
}

function requireBuild(builds: BuildStore, ref: string | undefined, verb: string): BuildRecord {
  if (!ref) throw new UsageError(`usage: slipway build ${verb} ID`);
  const record = builds.find(ref);
  if (!record) throw new InputError(`no build ${ref} (see slipway build list)`);
  return record;
}

async function projectCommand(args: string[], ctx: CliContext): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(
    rest,
    {
      buildspec: { type: 'string' },
      source: { type: 'string' },
      env: { type: 'string', multiple: true },
      'cache-path': { type: 'string', multiple: true },
      timeout: { type: 'string' },
      replace: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    `build project ${verb ?? ''}`.trim(),
  );
  const projects = new ProjectStore(ctx.store());
  const [name] = positionals;
  switch (verb) {
    case 'create': {
      if (!name) throw new UsageError('usage: slipway build project create NAME [--buildspec PATH] [--source DIR] [--env K=V]... [--cache-path P]...');
      const timeout = parseBuildTimeout(values.timeout);
      let source = values.source;
      if (source && !/^repo:|:\/\//.test(source)) {
        source = path.resolve(ctx.cwd, source);
        if (!fs.existsSync(source)) throw new InputError('source folder not found', source);
      }
      const project = projects.create(
        { name, source, buildspec: values.buildspec, env: keyValues(values.env, 'env'), cachePaths: values['cache-path'] ?? [], timeoutSeconds: timeout },
        values.replace,
      );
      if (values.json) printJson(ctx, { project: projectShape(project, isoTime) });
      else ctx.io.stderr(`created build project ${name}\n`);
      return EXIT.ok;
    }
    case 'list': {
      const list = projects.list();
      if (values.json) printJson(ctx, { projects: list.map((p) => p.name) });
      else for (const p of list) ctx.io.stdout(`${p.name}\t${p.source ?? '(no source)'}\t${p.buildspec ?? 'buildspec.yml'}\n`);
      return EXIT.ok;
    }
    case 'describe': {
      if (!name) throw new UsageError('usage: slipway build project describe NAME');
      const project = projects.require(name);
      if (values.json) printJson(ctx, { projects: [projectShape(project, isoTime)], projectsNotFound: [] });
      else ctx.io.stdout(JSON.stringify(project, null, 2) + '\n');
      return EXIT.ok;
    }
    case 'delete': {
      if (!name) throw new UsageError('usage: slipway build project delete NAME');
      projects.delete(name);
      ctx.io.stderr(`deleted build project ${name}\n`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(`usage: ${USAGE.split('\n').at(-1)!.trim()}`);
  }
}

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'run buildspec.yml the way CodeBuild does; list, follow, stop and describe builds; build projects',
  usage: USAGE,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [verb, ...rest] = argv;
    if (verb === 'run') return runCommand(rest, ctx);
    if (verb === 'project') return projectCommand(rest, ctx);
    const { values, positionals } = parse(rest, { json: { type: 'boolean' }, project: { type: 'string' }, ...(verb === 'resume' ? { retry: { type: 'boolean' as const } } : {}) }, `build ${verb ?? ''}`.trim());
    const builds = new BuildStore(ctx.store());
    await builds.settleAbandoned();
    switch (verb) {
      case 'list': {
        const list = builds.list().filter((b) => !values.project || b.project === values.project);
        if (values.json) printJson(ctx, { ids: list.map((b) => b.id) });
        else for (const b of list) ctx.io.stdout(`${b.id}\t#${b.number}\t${b.status}\t${b.startTime}\t${b.durationMs === undefined ? '' : `${b.durationMs} ms`}\n`);
        return EXIT.ok;
      }
      case 'logs': {
        const record = requireBuild(builds, positionals[0], 'logs');
        ctx.io.stdout(fs.existsSync(record.logFile) ? fs.readFileSync(record.logFile, 'utf8') : '');
        return EXIT.ok;
      }
      case 'stop': {
        const record = requireBuild(builds, positionals[0], 'stop');
        if (record.status !== 'IN_PROGRESS') throw new InputError(`build ${record.id} is not running (it is ${record.status})`);
        builds.requestStop(record.id);
        ctx.io.stderr(`stopping build ${record.id}\n`);
        return EXIT.ok;
      }
      case 'attach': {
        const record = requireBuild(builds, positionals[0], 'attach');
        return attach(builds, record.id, ctx);
      }
      case 'resume': {
        const record = requireBuild(builds, positionals[0], 'resume');
        resumeBuild(builds, record.id, values.retry ? 'retry' : 'continue');
        ctx.io.stderr(`resuming build ${record.id}${values.retry ? ' (running the failed command again)' : ''}\n`);
        return EXIT.ok;
      }
      case 'describe': {
        const record = requireBuild(builds, positionals[0], 'describe');
        if (values.json) printJson(ctx, { builds: [buildDocument(record)], buildsNotFound: [] });
        else ctx.io.stdout(describe(record));
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${USAGE}`);
    }
  },
};

/** An interactive shell in the paused build's state, on this terminal; ends when codebuild-resume resumes the build. */
async function attach(builds: BuildStore, id: string, ctx: CliContext): Promise<number> {
  const plan = attachPlan(builds, id);
  ctx.io.stderr(`attached to build ${id}; run codebuild-resume to continue it, exit to leave it paused\n`);
  const child = spawn(plan.file, plan.args, { stdio: 'inherit', env: plan.env, uid: plan.uid, gid: plan.gid });
  // The terminal's Ctrl+C belongs to the attached shell, not to this process.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', () => resolve());
    });
  } finally {
    process.off('SIGINT', ignore);
  }
  const after = builds.get(id);
  ctx.io.stderr(after?.paused ? `build ${id} is still paused (slipway build attach ${id} to return, slipway build resume ${id} to continue)\n` : `build ${id} resumed\n`);
  return EXIT.ok;
}

function describe(record: BuildRecord): string {
  const lines = [`${record.id}  #${record.number}  ${record.status}`, `source ${record.source}${record.resolvedSourceVersion ? ` @ ${record.resolvedSourceVersion}` : ''}`, 'phases:'];
  for (const p of record.phases) lines.push(`  ${p.name.padEnd(17)} ${p.status.padEnd(11)} ${p.durationMs ?? ''}${p.durationMs === undefined ? '' : ' ms'}`);
  for (const [k, v] of Object.entries(record.exportedVariables)) lines.push(`exported ${k}=${v}`);
  if (record.artifacts) lines.push(`artifacts ${record.artifacts.location}`);
  for (const r of record.reports) if (r.totals) lines.push(`report ${r.name}: ${r.totals.passed}/${r.totals.total} passed`);
  for (const w of record.warnings) lines.push(`warning: ${w}`);
  if (record.paused) lines.push(`paused at ${record.paused.phase}: ${record.paused.command} since ${record.paused.since} (slipway build attach ${record.id})`);
  lines.push(`log ${record.logFile}`);
  return lines.join('\n') + '\n';
}
