import * as YAML from 'yaml';
import { readDocumentFile } from '../common/yaml/document';
import { isMap, isScalar, isSeq, keyText } from '../common/yaml/nodes';
import { YamlReader, type LineText } from '../common/yaml/reader';

/**
 * The typed buildspec a build runs, separate from the runner that executes it
 * (nektos/act's model/executor split). Only what blocks running is an error here
 * (a YAML error, an unknown phase, a missing file, a value of the wrong shape);
 * everything stylistic is the buildspec checks' business.
 */

export const PHASE_KEYS = ['install', 'pre_build', 'build', 'post_build'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

/** CodeBuild's phase names, in the order a build goes through them. */
export const BUILD_PHASE_NAMES = [
  'SUBMITTED',
  'QUEUED',
  'PROVISIONING',
  'DOWNLOAD_SOURCE',
  'INSTALL',
  'PRE_BUILD',
  'BUILD',
  'POST_BUILD',
  'UPLOAD_ARTIFACTS',
  'FINALIZING',
  'COMPLETED',
] as const;
export type BuildPhaseName = (typeof BUILD_PHASE_NAMES)[number];

export const PHASE_NAME: Record<PhaseKey, BuildPhaseName> = {
  install: 'INSTALL',
  pre_build: 'PRE_BUILD',
  build: 'BUILD',
  post_build: 'POST_BUILD',
};

/** A command and its 1-based line in the buildspec. */
export type Command = LineText;

/** `on-failure`: absent follows CodeBuild's phase transitions. */
export type OnFailure =
  | { kind: 'DEFAULT' }
  | { kind: 'ABORT' }
  | { kind: 'CONTINUE' }
  | { kind: 'RETRY'; count: number; pattern: RegExp };

export interface Phase {
  key: PhaseKey;
  name: BuildPhaseName;
  line: number;
  runAs?: string;
  onFailure: OnFailure;
  runtimeVersions: Record<string, string>;
  commands: Command[];
  finally: Command[];
}

export interface ArtifactSpec {
  identifier?: string;
  files: string[];
  name?: string;
  discardPaths: boolean;
  baseDirectory?: string;
  excludePaths: string[];
  enableSymlinks: boolean;
  line: number;
}

export interface CacheSpec {
  paths: string[];
  key?: string;
  fallbackKeys: string[];
  /** restore | save | both (CodeBuild's `action`); defaults to both. */
  action: 'restore' | 'save' | 'both';
}

export const REPORT_FORMATS = [
  'JUNITXML',
  'CUCUMBERJSON',
  'TESTNGXML',
  'NUNITXML',
  'NUNIT3XML',
  'VISUALSTUDIOTRX',
  'CLOVERXML',
  'COBERTURAXML',
  'JACOCOXML',
  'SIMPLECOV',
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportSpec {
  name: string;
  files: string[];
  baseDirectory?: string;
  discardPaths: boolean;
  format: ReportFormat;
  line: number;
}

export interface BatchBuildEntry {
  identifier: string;
  buildspec?: string;
  variables: Record<string, string>;
  dependOn: string[];
  ignoreFailure: boolean;
}

export interface BatchSpec {
  fastFail: boolean;
  /** Expanded from build-list, build-matrix or build-graph. */
  kind: 'build-list' | 'build-matrix' | 'build-graph';
  builds: BatchBuildEntry[];
}

export interface EnvSpec {
  shell?: 'bash' | 'sh';
  variables: Record<string, string>;
  parameterStore: Record<string, string>;
  secretsManager: Record<string, string>;
  exportedVariables: string[];
  /** env.git-credential-helper: yes (CodeBuild then configures git for CodeCommit). */
  gitCredentialHelper?: boolean;
}

export interface Buildspec {
  file: string;
  version: string;
  runAs?: string;
  env: EnvSpec;
  phases: Phase[];
  artifacts?: ArtifactSpec;
  secondaryArtifacts: ArtifactSpec[];
  cache?: CacheSpec;
  reports: ReportSpec[];
  batch?: BatchSpec;
}

const TOP_LEVEL = new Set(['version', 'run-as', 'env', 'proxy', 'batch', 'phases', 'reports', 'artifacts', 'cache']);

/** Reads and models a buildspec file; a missing file is an InputError naming it. */
export function loadBuildspec(file: string): Buildspec {
  return parseBuildspec(file, readDocumentFile(file, 'buildspec not found'));
}

export function parseBuildspec(file: string, text: string): Buildspec {
  const reader: YamlReader = YamlReader.parse(file, text);
  const root = reader.root;
  if (!isMap(root)) reader.fail('a buildspec is a mapping with version and phases', undefined);
  for (const pair of root.items) {
    const key = keyText(pair);
    if (!TOP_LEVEL.has(key)) reader.fail(`unknown top-level key "${key}"`, pair.key);
  }
  const versionNode = root.get('version', true) as YAML.Node | undefined;
  if (!versionNode) reader.fail('the buildspec has no version (use version: 0.2)', undefined);
  const version = String(reader.scalar(versionNode, 'version'));
  if (version !== '0.2' && version !== '0.1') reader.fail(`version ${version} is not a buildspec version (0.1 or 0.2)`, versionNode);

  return {
    file,
    version,
    runAs: reader.optionalString(root.get('run-as', true), 'run-as'),
    env: readEnv(reader, root.get('env', true)),
    phases: readPhases(reader, root.get('phases', true)),
    ...readArtifacts(reader, root.get('artifacts', true)),
    cache: readCache(reader, root.get('cache', true)),
    reports: readReports(reader, root.get('reports', true)),
    batch: readBatch(reader, root.get('batch', true)),
  };
}

function readEnv(reader: YamlReader, node: unknown): EnvSpec {
  const env: EnvSpec = { variables: {}, parameterStore: {}, secretsManager: {}, exportedVariables: [] };
  if (node === undefined || node === null) return env;
  const map = reader.map(node, 'env');
  const shell = reader.optionalString(map.get('shell', true), 'env.shell');
  if (shell !== undefined) {
    if (shell !== 'bash' && shell !== '/bin/sh' && shell !== 'sh') reader.fail(`env.shell "${shell}" is not available on Linux (bash or /bin/sh)`, map.get('shell', true));
    env.shell = shell === 'bash' ? 'bash' : 'sh';
  }
  env.variables = reader.stringMap(map.get('variables', true), 'env.variables');
  env.parameterStore = reader.stringMap(map.get('parameter-store', true), 'env.parameter-store');
  env.secretsManager = reader.stringMap(map.get('secrets-manager', true), 'env.secrets-manager');
  env.exportedVariables = reader.strings(map.get('exported-variables', true), 'env.exported-variables').map((c) => c.text);
  const helper = map.get('git-credential-helper', true);
  if (helper !== undefined && helper !== null) {
    const text = String(isScalar(helper) ? helper.value : helper).toLowerCase();
    if (!['yes', 'no', 'true', 'false'].includes(text)) reader.fail(`env.git-credential-helper must be yes or no, not "${text}"`, helper);
    env.gitCredentialHelper = text === 'yes' || text === 'true';
  }
  return env;
}

function readPhases(reader: YamlReader, node: unknown): Phase[] {
  if (node === undefined || node === null) return [];
  const map = reader.map(node, 'phases');
  const phases: Phase[] = [];
  for (const pair of map.items) {
    const key = keyText(pair);
    if (!(PHASE_KEYS as readonly string[]).includes(key)) {
      reader.fail(`unknown phase "${key}" (phases are ${PHASE_KEYS.join(', ')})`, pair.key);
    }
    phases.push(readPhase(reader, key as PhaseKey, pair));
  }
  return PHASE_KEYS.flatMap((key) => phases.filter((p) => p.key === key));
}

function readPhase(reader: YamlReader, key: PhaseKey, pair: YAML.Pair): Phase {
  const phase: Phase = {
    key,
    name: PHASE_NAME[key],
    line: reader.line(pair.key),
    onFailure: { kind: 'DEFAULT' },
    runtimeVersions: {},
    commands: [],
    finally: [],
  };
  if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return phase;
  const map = reader.map(pair.value, `phases.${key}`);
  for (const item of map.items) {
    const field = keyText(item);
    switch (field) {
      case 'commands':
        phase.commands = reader.strings(item.value, `phases.${key}.commands`);
        break;
      case 'finally':
        phase.finally = reader.strings(item.value, `phases.${key}.finally`);
        break;
      case 'run-as':
        phase.runAs = reader.optionalString(item.value, `phases.${key}.run-as`);
        break;
      case 'on-failure':
        phase.onFailure = parseOnFailure(reader, item.value, key);
        break;
      case 'runtime-versions':
        if (key !== 'install') reader.fail('runtime-versions belongs in the install phase', item.key);
        phase.runtimeVersions = reader.stringMap(item.value, 'runtime-versions');
        break;
      default:
        reader.fail(`unknown key "${field}" in phase ${key} (commands, finally, run-as, on-failure${key === 'install' ? ', runtime-versions' : ''})`, item.key);
    }
  }
  return phase;
}

/** ABORT | CONTINUE | RETRY | RETRY-count | RETRY-regex | RETRY-count-regex, as the buildspec reference lists. */
export function parseOnFailureText(text: string): OnFailure | undefined {
  if (text === 'ABORT' || text === 'CONTINUE') return { kind: text };
  const match = /^RETRY(?:-(\d+)(?=-|$))?(?:-(.+))?$/.exec(text);
  if (!match) return undefined;
  let pattern: RegExp;
  try {
    pattern = new RegExp(match[2] ?? '.*');
  } catch {
    return undefined;
  }
  return { kind: 'RETRY', count: match[1] ? Number(match[1]) : 3, pattern };
}

function parseOnFailure(reader: YamlReader, node: unknown, key: PhaseKey): OnFailure {
  const text = reader.optionalString(node, `phases.${key}.on-failure`);
  if (text === undefined) return { kind: 'DEFAULT' };
  const parsed = parseOnFailureText(text);
  if (!parsed) reader.fail(`on-failure "${text}" is not ABORT, CONTINUE, RETRY, RETRY-count, RETRY-regex or RETRY-count-regex`, node);
  return parsed;
}

function readArtifactSpec(reader: YamlReader, node: unknown, where: string, identifier?: string): ArtifactSpec {
  const map = reader.map(node, where);
  return {
    identifier,
    files: reader.strings(map.get('files', true), `${where}.files`).map((c) => c.text),
    name: reader.optionalString(map.get('name', true), `${where}.name`),
    discardPaths: reader.bool(map.get('discard-paths', true), `${where}.discard-paths`),
    baseDirectory: reader.optionalString(map.get('base-directory', true), `${where}.base-directory`),
    excludePaths: reader.strings(map.get('exclude-paths', true), `${where}.exclude-paths`).map((c) => c.text),
    enableSymlinks: reader.bool(map.get('enable-symlinks', true), `${where}.enable-symlinks`),
    line: reader.line(node),
  };
}

function readArtifacts(reader: YamlReader, node: unknown): { artifacts?: ArtifactSpec; secondaryArtifacts: ArtifactSpec[] } {
  if (node === undefined || node === null) return { secondaryArtifacts: [] };
  const map = reader.map(node, 'artifacts');
  const secondaryArtifacts: ArtifactSpec[] = [];
  const secondary = map.get('secondary-artifacts', true);
  if (secondary !== undefined && secondary !== null) {
    for (const pair of reader.map(secondary, 'artifacts.secondary-artifacts').items) {
      const id = keyText(pair);
      secondaryArtifacts.push(readArtifactSpec(reader, pair.value, `secondary artifact ${id}`, id));
    }
  }
  const hasPrimary = map.get('files', true) !== undefined;
  return { artifacts: hasPrimary ? readArtifactSpec(reader, node, 'artifacts') : undefined, secondaryArtifacts };
}

function readCache(reader: YamlReader, node: unknown): CacheSpec | undefined {
  if (node === undefined || node === null) return undefined;
  const map = reader.map(node, 'cache');
  const action = reader.optionalString(map.get('action', true), 'cache.action') ?? 'both';
  if (action !== 'restore' && action !== 'save' && action !== 'both') reader.fail(`cache.action "${action}" is not restore, save or both`, map.get('action', true));
  return {
    paths: reader.strings(map.get('paths', true), 'cache.paths').map((c) => c.text),
    key: reader.optionalString(map.get('key', true), 'cache.key'),
    fallbackKeys: reader.strings(map.get('fallback-keys', true), 'cache.fallback-keys').map((c) => c.text),
    action,
  };
}

function readReports(reader: YamlReader, node: unknown): ReportSpec[] {
  if (node === undefined || node === null) return [];
  const reports: ReportSpec[] = [];
  for (const pair of reader.map(node, 'reports').items) {
    const name = keyText(pair);
    const map = reader.map(pair.value, `reports.${name}`);
    const formatText = (reader.optionalString(map.get('file-format', true), `reports.${name}.file-format`) ?? 'JUNITXML').toUpperCase();
    if (!(REPORT_FORMATS as readonly string[]).includes(formatText)) {
      reader.fail(`report file-format "${formatText}" is not one of ${REPORT_FORMATS.join(', ')}`, map.get('file-format', true));
    }
    reports.push({
      name,
      files: reader.strings(map.get('files', true), `reports.${name}.files`).map((c) => c.text),
      baseDirectory: reader.optionalString(map.get('base-directory', true), `reports.${name}.base-directory`),
      discardPaths: reader.bool(map.get('discard-paths', true), `reports.${name}.discard-paths`),
      format: formatText as ReportFormat,
      line: reader.line(pair.key),
    });
  }
  return reports;
}

function readBatchEntry(reader: YamlReader, node: unknown, where: string): BatchBuildEntry {
  const map = reader.map(node, where);
  const identifier = reader.optionalString(map.get('identifier', true), `${where}.identifier`);
  if (!identifier) reader.fail(`${where} needs an identifier`, node);
  if (!/^[A-Za-z0-9_]+$/.test(identifier)) reader.fail(`batch identifier "${identifier}" may hold only letters, digits and underscores`, map.get('identifier', true));
  const env = map.get('env', true);
  const variables = env ? reader.stringMap(reader.map(env, `${where}.env`).get('variables', true), `${where}.env.variables`) : {};
  return {
    identifier,
    buildspec: reader.optionalString(map.get('buildspec', true), `${where}.buildspec`),
    variables,
    dependOn: reader.strings(map.get('depend-on', true), `${where}.depend-on`).map((c) => c.text),
    ignoreFailure: reader.bool(map.get('ignore-failure', true), `${where}.ignore-failure`),
  };
}

function readBatch(reader: YamlReader, node: unknown): BatchSpec | undefined {
  if (node === undefined || node === null) return undefined;
  const map = reader.map(node, 'batch');
  const fastFail = reader.bool(map.get('fast-fail', true), 'batch.fast-fail');
  const list = map.get('build-list', true);
  const graph = map.get('build-graph', true);
  const matrix = map.get('build-matrix', true);
  const given = [list, graph, matrix].filter((n) => n !== undefined && n !== null).length;
  if (given !== 1) reader.fail('batch needs exactly one of build-list, build-graph or build-matrix', node);
  if (list || graph) {
    const kind = list ? 'build-list' : 'build-graph';
    const seq = list ?? graph;
    if (!isSeq(seq)) reader.fail(`batch.${kind} must be a list`, seq);
    const builds = seq.items.map((item, i) => readBatchEntry(reader, item, `batch.${kind}[${i}]`));
    checkBatchIdentifiers(reader, builds, seq, kind === 'build-graph');
    if (kind === 'build-list') for (const b of builds) b.dependOn = [];
    return { fastFail, kind, builds };
  }
  return { fastFail, kind: 'build-matrix', builds: expandMatrix(reader, matrix) };
}

function checkBatchIdentifiers(reader: YamlReader, builds: BatchBuildEntry[], node: unknown, graph: boolean): void {
  const ids = new Set<string>();
  for (const b of builds) {
    if (ids.has(b.identifier)) reader.fail(`batch identifier ${b.identifier} is used twice`, node);
    ids.add(b.identifier);
  }
  if (!graph) return;
  for (const b of builds) {
    for (const dep of b.dependOn) if (!ids.has(dep)) reader.fail(`build ${b.identifier} depends on ${dep}, which the build-graph does not declare`, node);
  }
  // A cycle would never start: report it before anything runs.
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(builds.map((b) => [b.identifier, b]));
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') reader.fail(`build-graph has a cycle: ${[...trail, id].join(' → ')}`, node);
    state.set(id, 'visiting');
    for (const dep of byId.get(id)!.dependOn) visit(dep, [...trail, id]);
    state.set(id, 'done');
  };
  for (const b of builds) visit(b.identifier, []);
}

/** build-matrix: one build per combination of the dynamic buildspecs and variable values. */
function expandMatrix(reader: YamlReader, node: unknown): BatchBuildEntry[] {
  const map = reader.map(node, 'batch.build-matrix');
  const staticNode = map.get('static', true);
  const ignoreFailure = staticNode ? reader.bool(reader.map(staticNode, 'batch.build-matrix.static').get('ignore-failure', true), 'ignore-failure') : false;
  const dynamic = map.get('dynamic', true);
  if (!dynamic) reader.fail('batch.build-matrix needs a dynamic section', node);
  const dyn = reader.map(dynamic, 'batch.build-matrix.dynamic');
  const buildspecs = reader.strings(dyn.get('buildspec', true), 'build-matrix.dynamic.buildspec').map((c) => c.text);
  const axes: Array<[string, string[]]> = [];
  const envNode = dyn.get('env', true);
  if (envNode) {
    const variables = reader.map(envNode, 'build-matrix.dynamic.env').get('variables', true);
    if (variables) {
      for (const pair of reader.map(variables, 'build-matrix.dynamic.env.variables').items) {
        axes.push([keyText(pair), reader.strings(pair.value, `variable ${keyText(pair)}`).map((c) => c.text)]);
      }
    }
  }
  let combos: Array<{ buildspec?: string; variables: Record<string, string> }> = buildspecs.length ? buildspecs.map((b) => ({ buildspec: b, variables: {} })) : [{ variables: {} }];
  for (const [name, values] of axes) {
    combos = combos.flatMap((c) => values.map((v) => ({ buildspec: c.buildspec, variables: { ...c.variables, [name]: v } })));
  }
  return combos.map((c, i) => ({ identifier: `build${i + 1}`, buildspec: c.buildspec, variables: c.variables, dependOn: [], ignoreFailure }));
}
