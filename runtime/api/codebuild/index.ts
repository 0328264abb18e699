// CodeBuild over the build engine: projects, builds, batches, reports.
// https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Operations.html
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBuildspec, type Buildspec } from '../../buildspec/model';
import { newBatchId, runBatch } from '../../builds/batch';
import { ProjectStore, type BuildProject } from '../../builds/projects';
import { BuildStore, type BuildRecord } from '../../builds/records';
import { startBuild, type BuildRequest } from '../../builds/runner';
import type { StateStore } from '../../common/state';
import { AwsError, type CallContext, type Operation, type ServiceDefinition } from '../types';
import { defined, epochSeconds, optional, page, required, withServiceErrors } from '../operations';
import { batchArn, buildShape, projectArn, projectShape, reportArn, reportGroupArn, reportGroupName, reportShape, testCaseShapes } from './shapes';

const INVALID = 'InvalidInputException';
const NOT_FOUND = 'ResourceNotFoundException';

type Input = Record<string, unknown>;

interface EnvironmentVariable {
  name: string;
  value: string;
  type?: 'PLAINTEXT' | 'PARAMETER_STORE' | 'SECRETS_MANAGER';
}

/** The engine's source string for a CodeBuild source type and location. */
export function engineSource(type: string | undefined, location: string | undefined, version: string | undefined, store: StateStore): string | undefined {
  if (type === 'NO_SOURCE') return emptySourceFolder(store);
  if (!location) return undefined;
  if (type === 'CODECOMMIT' || /^repo:/.test(location)) {
    // https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME, this server's cloneUrlHttp, or a bare name.
    const name = location.replace(/^repo:/, '').replace(/[#@].*$/, '').replace(/\/+$/, '').split('/').at(-1)!.replace(/\.git$/, '');
    return `repo:${name}${version ? `@${version}` : ''}`;
  }
  if (location.startsWith('file://')) return new URL(location).pathname;
  if (/^(https?|ssh|git):\/\//.test(location)) return `${location.split('#')[0]}${version ? `#${version}` : ''}`;
  if (path.isAbsolute(location)) return location;
  throw new AwsError(INVALID, `source location ${location} is neither a CodeCommit repository, a git URL nor an absolute local folder`);
}

/** NO_SOURCE builds start from an empty folder (CodeBuild gives them an empty CODEBUILD_SRC_DIR). */
function emptySourceFolder(store: StateStore): string {
  const dir = store.ensure('builds', 'no-source');
  for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  return dir;
}

/** CodeBuild's rule: a buildspec value is either a path relative to the source root or the buildspec itself. */
function inlineBuildspec(text: string | undefined, label: string): Buildspec | undefined {
  if (!text || !(/\n/.test(text) || /^\s*version\s*:/.test(text))) return undefined;
  return parseBuildspec(label, text);
}

function splitVariables(variables: unknown, member: string): { plain: Record<string, string>; parameterStore: Record<string, string>; secretsManager: Record<string, string> } {
  const result = { plain: {} as Record<string, string>, parameterStore: {} as Record<string, string>, secretsManager: {} as Record<string, string> };
  if (variables === undefined) return result;
  if (!Array.isArray(variables)) throw new AwsError(INVALID, `${member} must be a list`);
  for (const v of variables as EnvironmentVariable[]) {
    if (!v || typeof v.name !== 'string' || !v.name || typeof v.value !== 'string') throw new AwsError(INVALID, `${member}: every variable needs a name and a value`);
    const type = v.type ?? 'PLAINTEXT';
    if (type === 'PLAINTEXT') result.plain[v.name] = v.value;
    else if (type === 'PARAMETER_STORE') result.parameterStore[v.name] = v.value;
    else if (type === 'SECRETS_MANAGER') result.secretsManager[v.name] = v.value;
    else throw new AwsError(INVALID, `${member}: variable ${v.name} has type ${String(type)}; CodeBuild's types are PLAINTEXT, PARAMETER_STORE and SECRETS_MANAGER`);
  }
  return result;
}

function projectConfig(input: Input, store: StateStore, existing?: BuildProject): Omit<BuildProject, 'created' | 'updated'> {
  const name = required<string>(input, 'name', INVALID);
  const aws: Record<string, unknown> = { ...(existing?.aws ?? {}) };
  for (const [key, value] of Object.entries(input)) if (key !== 'name' && value !== undefined) aws[key] = value;
  const source = (aws.source ?? {}) as Record<string, unknown>;
  if (!existing && typeof input.source !== 'object') throw new AwsError(INVALID, 'source is required');
  const environment = optional<Record<string, unknown>>(aws, 'environment', INVALID, 'object') ?? {};
  const variables = splitVariables(environment.environmentVariables, 'environment.environmentVariables');
  const buildspec = typeof source.buildspec === 'string' ? source.buildspec : undefined;
  inlineBuildspec(buildspec, `project ${name}: source.buildspec`); // refuse a broken inline buildspec now
  const timeout = optional<number>(aws, 'timeoutInMinutes', INVALID, 'number');
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 5 && timeout <= 2160)) throw new AwsError(INVALID, 'timeoutInMinutes must be between 5 and 2160');
  const cache = (aws.cache ?? {}) as Record<string, unknown>;
  return {
    name,
    source: engineSource(source.type as string | undefined, source.location as string | undefined, undefined, store),
    buildspec: buildspec && !inlineBuildspec(buildspec, name) ? buildspec : undefined,
    env: variables.plain,
    cachePaths: cache.type === 'LOCAL' ? (existing?.cachePaths ?? []) : [],
    timeoutSeconds: timeout ? timeout * 60 : undefined,
    aws,
  };
}

function requireProject(store: StateStore, name: unknown): BuildProject {
  if (typeof name !== 'string' || !name) throw new AwsError(INVALID, 'projectName is required');
  const project = new ProjectStore(store).get(name);
  if (!project) throw new AwsError(NOT_FOUND, `Project cannot be found: ${projectArn(name)}`);
  return project;
}

/** StartBuild's and StartBuildBatch's request members turned into the engine's build request. */
function buildRequest(input: Input, ctx: CallContext): BuildRequest & { project: string } {
  const project = requireProject(ctx.store, input.projectName);
  const given = (project.aws?.source ?? {}) as Record<string, unknown>;
  const sourceVersion = optional<string>(input, 'sourceVersion', INVALID, 'string');
  const typeOverride = optional<string>(input, 'sourceTypeOverride', INVALID, 'string');
  const locationOverride = optional<string>(input, 'sourceLocationOverride', INVALID, 'string');
  const source =
    typeOverride || locationOverride || sourceVersion
      ? engineSource(typeOverride ?? (given.type as string | undefined), locationOverride ?? (given.location as string | undefined), sourceVersion, ctx.store)
      : project.source;
  const buildspecText = optional<string>(input, 'buildspecOverride', INVALID, 'string') ?? (given.buildspec as string | undefined);
  const spec = inlineBuildspec(buildspecText, input.buildspecOverride ? 'buildspecOverride' : `project ${project.name}: source.buildspec`);
  const projectVariables = splitVariables(((project.aws?.environment ?? {}) as Record<string, unknown>).environmentVariables, 'environment.environmentVariables');
  const overrides = splitVariables(input.environmentVariablesOverride, 'environmentVariablesOverride');
  const timeout = optional<number>(input, 'timeoutInMinutesOverride', INVALID, 'number');
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 5 && timeout <= 2160)) throw new AwsError(INVALID, 'timeoutInMinutesOverride must be between 5 and 2160');
  return {
    store: ctx.store,
    project: project.name,
    source,
    spec,
    buildspec: spec ? undefined : buildspecText,
    env: overrides.plain,
    storedEnv: {
      parameterStore: { ...projectVariables.parameterStore, ...overrides.parameterStore },
      secretsManager: { ...projectVariables.secretsManager, ...overrides.secretsManager },
    },
    timeoutSeconds: timeout ? timeout * 60 : undefined,
    // StartBuild's debugSessionEnabled: codebuild-breakpoint pauses the build (slipway build attach ID enters it).
    debugSession: optional<boolean>(input, 'debugSessionEnabled', INVALID, 'boolean') ? {} : undefined,
    initiator: ctx.user,
  };
}

function sortedIds(records: BuildRecord[], order: unknown): string[] {
  if (order !== undefined && order !== 'ASCENDING' && order !== 'DESCENDING') throw new AwsError(INVALID, 'sortOrder must be ASCENDING or DESCENDING');
  const ids = records.map((r) => r.id); // newest first
  return order === 'ASCENDING' ? ids.reverse() : ids;
}

function idList(input: Input, member: string, max = 100): string[] {
  const ids = required<unknown[]>(input, member, INVALID, 'array');
  if (ids.length < 1 || ids.length > max || ids.some((id) => typeof id !== 'string' || !id)) throw new AwsError(INVALID, `${member} must list 1 to ${max} non-empty strings`);
  return ids as string[];
}

// --- batches ---------------------------------------------------------------

interface BatchRecord {
  id: string;
  project: string;
  startTime: string;
  endTime?: string;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'STOPPED';
  source: string;
  initiator: string;
  groups?: Array<{ identifier: string; status: string; reason?: string; buildId?: string }>;
  error?: string;
}

const BATCH_OPERATION = 'build-batch';

function batchFile(id: string): string[] {
  return ['builds', 'batches', `${BuildStore.folderName(id)}.json`];
}

/** A batch whose serving process died is settled as FAILED on the next read, never left IN_PROGRESS. */
async function settleBatches(store: StateStore): Promise<void> {
  await store.settleAbandoned(BATCH_OPERATION, (op) => {
    const record = store.read<BatchRecord>(...batchFile(op.id));
    if (record?.status === 'IN_PROGRESS') store.write({ ...record, status: 'FAILED', endTime: new Date().toISOString(), error: 'the process running this batch ended before it finished' }, ...batchFile(op.id));
  });
}

function batches(store: StateStore): BatchRecord[] {
  return store
    .list('builds', 'batches')
    .map((f) => store.read<BatchRecord>('builds', 'batches', f))
    .filter((b): b is BatchRecord => !!b)
    .sort((a, b) => b.startTime.localeCompare(a.startTime));
}

function batchShape(batch: BatchRecord, builds: BuildRecord[]): Record<string, unknown> {
  const mine = builds.filter((b) => b.batch?.batchId === batch.id);
  const identifiers = batch.groups?.map((g) => g.identifier) ?? mine.map((b) => b.batch!.identifier).reverse();
  const phaseOf = batch.status === 'IN_PROGRESS' ? 'IN_PROGRESS' : batch.status === 'SUCCEEDED' ? 'SUCCEEDED' : batch.status === 'STOPPED' ? 'STOPPED' : 'FAILED';
  return defined({
    id: batch.id,
    arn: batchArn(batch.id),
    startTime: epochSeconds(batch.startTime),
    endTime: epochSeconds(batch.endTime),
    currentPhase: phaseOf,
    buildBatchStatus: batch.status,
    projectName: batch.project,
    initiator: batch.initiator,
    complete: batch.status !== 'IN_PROGRESS',
    phases: [
      { phaseType: 'SUBMITTED', phaseStatus: 'SUCCEEDED', startTime: epochSeconds(batch.startTime), endTime: epochSeconds(batch.startTime), durationInSeconds: 0 },
      defined({ phaseType: 'IN_PROGRESS', phaseStatus: batch.status === 'IN_PROGRESS' ? undefined : batch.status, startTime: epochSeconds(batch.startTime), endTime: epochSeconds(batch.endTime), contexts: batch.error ? [{ statusCode: 'CLIENT_ERROR', message: batch.error }] : undefined }),
      ...(batch.status === 'IN_PROGRESS' ? [] : [{ phaseType: phaseOf, startTime: epochSeconds(batch.endTime) }]),
    ],
    buildGroups: identifiers.map((identifier) => {
      const build = mine.find((b) => b.batch!.identifier === identifier);
      const group = batch.groups?.find((g) => g.identifier === identifier);
      return defined({
        identifier,
        currentBuildSummary: build
          ? defined({ arn: build.arn, requestedOn: epochSeconds(build.startTime), buildStatus: build.status, primaryArtifact: build.artifacts ? { location: build.artifacts.location } : undefined })
          : group
            ? { buildStatus: group.status === 'SKIPPED' ? 'STOPPED' : group.status }
            : undefined,
      });
    }),
  });
}

// --- reports ---------------------------------------------------------------

function findReport(store: StateStore, arn: string): { record: BuildRecord; report: BuildRecord['reports'][number] } | undefined {
  const match = /:report\/(.+):([0-9a-f-]{36})$/.exec(arn);
  if (!match) return undefined;
  for (const record of new BuildStore(store).list()) {
    if (!record.id.endsWith(`:${match[2]}`)) continue;
    const report = record.reports.find((r) => reportGroupName(record.project, r) === match[1]);
    if (report) return { record, report };
  }
  return undefined;
}

const operations: Record<string, Operation> = {
  async CreateProject(input: Input, ctx) {
    const projects = new ProjectStore(ctx.store);
    const name = required<string>(input, 'name', INVALID);
    ProjectStore.checkName(name);
    if (projects.get(name)) throw new AwsError('ResourceAlreadyExistsException', `Project already exists: ${name}`);
    const project = projects.create(projectConfig(input, ctx.store));
    return { project: projectShape(project) };
  },
  async UpdateProject(input: Input, ctx) {
    const existing = requireProject(ctx.store, input.name);
    const project = new ProjectStore(ctx.store).create(projectConfig(input, ctx.store, existing), true);
    return { project: projectShape(project) };
  },
  async DeleteProject(input: Input, ctx) {
    const name = required<string>(input, 'name', INVALID);
    if (new ProjectStore(ctx.store).get(name)) new ProjectStore(ctx.store).delete(name);
    return {};
  },
  async BatchGetProjects(input: Input, ctx) {
    const names = idList(input, 'names');
    const projects = new ProjectStore(ctx.store);
    const found = names.map((n) => projects.get(n.replace(/^arn:.*:project\//, '')));
    return { projects: found.filter((p): p is BuildProject => !!p).map((p) => projectShape(p)), projectsNotFound: names.filter((_, i) => !found[i]) };
  },
  async ListProjects(input: Input, ctx) {
    const sortBy = input.sortBy ?? 'NAME';
    if (!['NAME', 'CREATED_TIME', 'LAST_MODIFIED_TIME'].includes(sortBy as string)) throw new AwsError(INVALID, 'sortBy must be NAME, CREATED_TIME or LAST_MODIFIED_TIME');
    const key = (p: BuildProject) => (sortBy === 'NAME' ? p.name : sortBy === 'CREATED_TIME' ? p.created : p.updated);
    const list = new ProjectStore(ctx.store).list().sort((a, b) => key(a).localeCompare(key(b)));
    if (input.sortOrder === 'DESCENDING') list.reverse();
    const { items, nextToken } = page(list.map((p) => p.name), input.nextToken, undefined, INVALID);
    return defined({ projects: items, nextToken });
  },
  async StartBuild(input: Input, ctx) {
    const handle = await startBuild(buildRequest(input, ctx));
    handle.finished.catch(() => undefined); // the record carries the outcome
    return { build: buildShape(handle.record) };
  },
  async StopBuild(input: Input, ctx) {
    const id = required<string>(input, 'id', INVALID);
    const builds = new BuildStore(ctx.store);
    await builds.settleAbandoned();
    const record = builds.get(id);
    if (!record) throw new AwsError(NOT_FOUND, `Build ${id} does not exist`);
    if (record.status === 'IN_PROGRESS') builds.requestStop(id);
    return { build: buildShape(record) };
  },
  async BatchGetBuilds(input: Input, ctx) {
    const ids = idList(input, 'ids');
    const builds = new BuildStore(ctx.store);
    await builds.settleAbandoned();
    const found = ids.map((id) => builds.get(id.replace(/^arn:.*:build\//, '')));
    return { builds: found.filter((b): b is BuildRecord => !!b).map((b) => buildShape(b)), buildsNotFound: ids.filter((_, i) => !found[i]) };
  },
  async ListBuilds(input: Input, ctx) {
    const { items, nextToken } = page(sortedIds(new BuildStore(ctx.store).list(), input.sortOrder), input.nextToken, undefined, INVALID);
    return defined({ ids: items, nextToken });
  },
  async ListBuildsForProject(input: Input, ctx) {
    const project = requireProject(ctx.store, input.projectName);
    const records = new BuildStore(ctx.store).list().filter((b) => b.project === project.name);
    const { items, nextToken } = page(sortedIds(records, input.sortOrder), input.nextToken, undefined, INVALID);
    return defined({ ids: items, nextToken });
  },
  async StartBuildBatch(input: Input, ctx) {
    const request = buildRequest(input, ctx);
    if (request.spec) throw new AwsError(INVALID, 'buildspecOverride of a batch must be a path: the batch section names the buildspecs of its builds');
    const id = newBatchId(request.project);
    const batch: BatchRecord = { id, project: request.project, startTime: new Date().toISOString(), status: 'IN_PROGRESS', source: request.source ?? '', initiator: ctx.user };
    ctx.store.write(batch, ...batchFile(id));
    ctx.store.beginOperation(BATCH_OPERATION, id, {});
    const finish = (change: Partial<BatchRecord>) => {
      ctx.store.write({ ...batch, ...change, endTime: new Date().toISOString() }, ...batchFile(id));
      ctx.store.endOperation(BATCH_OPERATION, id);
    };
    runBatch({ ...request, batchId: id }).then(
      (result) => finish({ status: result.status, groups: result.builds.map((b) => defined({ identifier: b.identifier, status: b.status, reason: b.reason, buildId: b.record?.id })) }),
      (error: Error) => finish({ status: 'FAILED', error: error.message }),
    );
    return { buildBatch: batchShape(batch, []) };
  },
  async BatchGetBuildBatches(input: Input, ctx) {
    const ids = idList(input, 'ids');
    await settleBatches(ctx.store);
    const builds = new BuildStore(ctx.store).list();
    const found = ids.map((id) => ctx.store.read<BatchRecord>(...batchFile(id.replace(/^arn:.*:build-batch\//, ''))));
    return { buildBatches: found.filter((b): b is BatchRecord => !!b).map((b) => batchShape(b, builds)), buildBatchesNotFound: ids.filter((_, i) => !found[i]) };
  },
  async ListBuildBatches(input: Input, ctx) {
    const list = batches(ctx.store).map((b) => b.id);
    if (input.sortOrder === 'ASCENDING') list.reverse();
    const { items, nextToken } = page(list, input.nextToken, input.maxResults, INVALID);
    return defined({ ids: items, nextToken });
  },
  async ListBuildBatchesForProject(input: Input, ctx) {
    const project = requireProject(ctx.store, input.projectName);
    const list = batches(ctx.store).filter((b) => b.project === project.name).map((b) => b.id);
    if (input.sortOrder === 'ASCENDING') list.reverse();
    const { items, nextToken } = page(list, input.nextToken, input.maxResults, INVALID);
    return defined({ ids: items, nextToken });
  },
  async ListReportGroups(input: Input, ctx) {
    const arns = new Set<string>();
    for (const record of new BuildStore(ctx.store).list()) for (const report of record.reports) arns.add(reportGroupArn(record.project, report));
    const sorted = [...arns].sort();
    if (input.sortOrder === 'DESCENDING') sorted.reverse();
    const { items, nextToken } = page(sorted, input.nextToken, input.maxResults, INVALID);
    return defined({ reportGroups: items, nextToken });
  },
  async ListReports(input: Input, ctx) {
    const arns = new BuildStore(ctx.store).list().flatMap((record) => record.reports.map((r) => reportArn(record, r)));
    if (input.sortOrder === 'ASCENDING') arns.reverse();
    const { items, nextToken } = page(arns, input.nextToken, input.maxResults, INVALID);
    return defined({ reports: items, nextToken });
  },
  async BatchGetReports(input: Input, ctx) {
    const arns = idList(input, 'reportArns');
    const found = arns.map((arn) => findReport(ctx.store, arn));
    return { reports: found.filter((f) => !!f).map((f) => reportShape(f.record, f.report)), reportsNotFound: arns.filter((_, i) => !found[i]) };
  },
  async DescribeTestCases(input: Input, ctx) {
    const arn = required<string>(input, 'reportArn', INVALID);
    const found = findReport(ctx.store, arn);
    if (!found) throw new AwsError(NOT_FOUND, `Report ${arn} does not exist`);
    const filter = optional<{ status?: string; keyword?: string }>(input, 'filter', INVALID, 'object') ?? {};
    const cases = testCaseShapes(found.record, found.report).filter(
      (c) => (!filter.status || c.status === filter.status) && (!filter.keyword || String(c.name).includes(filter.keyword) || String(c.prefix ?? '').includes(filter.keyword)),
    );
    const { items, nextToken } = page(cases, input.nextToken, input.maxResults, INVALID, 1000);
    return defined({ testCases: items, nextToken });
  },
};

export const codebuildService: ServiceDefinition = {
  signingName: 'codebuild',
  protocol: 'awsJson1_1',
  targetPrefix: 'CodeBuild_20161006',
  operations: withServiceErrors(operations, {
    invalid: INVALID,
    notFound: (message) => (/^no build project |no hosted repository /.test(message) ? NOT_FOUND : undefined),
  }),
};
