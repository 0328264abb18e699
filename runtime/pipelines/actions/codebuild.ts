import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBuildspec, type Buildspec } from '../../buildspec/model';
import { runBatch } from '../../builds/batch';
import { ProjectStore } from '../../builds/projects';
import type { ArtifactRecord, BuildRecord } from '../../builds/records';
import { startBuild } from '../../builds/runner';
import { ArtifactStore } from '../engine/artifacts';
import { envName } from './command';
import { registerActionProvider, type ActionJob, type ActionOutcome } from './provider';

interface EnvironmentVariable {
  name: string;
  value: string;
  type?: 'PLAINTEXT' | 'PARAMETER_STORE' | 'SECRETS_MANAGER';
}

/** The action's EnvironmentVariables: AWS's JSON list of {name, value, type}. */
export function parseEnvironmentVariables(text: string | undefined): EnvironmentVariable[] {
  if (!text) return [];
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (error) {
    throw new Error(`EnvironmentVariables is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(list)) throw new Error('EnvironmentVariables must be a JSON list of {"name", "value", "type"}');
  return list.map((item: Partial<EnvironmentVariable>, i) => {
    if (!item || typeof item.name !== 'string' || typeof item.value !== 'string') throw new Error(`EnvironmentVariables[${i}] needs string "name" and "value"`);
    const type = item.type ?? 'PLAINTEXT';
    if (!['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'].includes(type)) throw new Error(`EnvironmentVariables[${i}].type must be PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER`);
    return { name: item.name, value: item.value, type };
  });
}

/**
 * The buildspec the build runs: the project's override, else `buildspec.yml` in the
 * primary source. Parameter-store and secrets-manager variables of the action are
 * added to its env so that the build runner resolves and masks them like its own.
 */
function buildspecFor(sourceDir: string, buildspec: string | undefined, variables: EnvironmentVariable[]): Buildspec {
  const spec = loadBuildspec(path.resolve(sourceDir, buildspec ?? 'buildspec.yml'));
  for (const v of variables) {
    if (v.type === 'PARAMETER_STORE') spec.env.parameterStore[v.name] = v.value;
    if (v.type === 'SECRETS_MANAGER') spec.env.secretsManager[v.name] = v.value;
  }
  return spec;
}

/** Hands a build artifact folder to the pipeline: hard links, so nothing is copied. */
function linkTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      linkTree(source, target);
    } else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target, fs.constants.COPYFILE_FICLONE);
      }
    }
  }
}

function handOver(job: ActionJob, record: BuildRecord): void {
  const byName = new Map<string, ArtifactRecord>();
  for (const secondary of record.secondaryArtifacts) if (secondary.identifier) byName.set(secondary.identifier, secondary);
  job.outputs.forEach((output, i) => {
    // AWS: the first output artifact is the primary one; others match secondary identifiers by name.
    const artifact = byName.get(output.name) ?? (i === 0 ? record.artifacts : undefined);
    if (!artifact) throw new Error(`the build produced no artifact for output "${output.name}" (the buildspec needs artifacts${i === 0 ? '' : ` with secondary identifier ${output.name}`})`);
    linkTree(artifact.location, output.dir);
  });
}

async function runCodeBuild(job: ActionJob): Promise<ActionOutcome> {
  const project = new ProjectStore(job.store).require(job.configuration.ProjectName);
  const primary = job.configuration.PrimarySource ? job.inputs.find((i) => i.name === job.configuration.PrimarySource) : job.inputs[0];
  if (!primary) return { status: 'Failed', errorMessage: job.configuration.PrimarySource ? `PrimarySource ${job.configuration.PrimarySource} is not an input artifact` : 'a CodeBuild action needs an input artifact' };
  const variables = parseEnvironmentVariables(job.configuration.EnvironmentVariables);
  const env: Record<string, string> = {
    CODEBUILD_INITIATOR: `codepipeline/${job.pipelineName}`,
    CODEPIPELINE_EXECUTION_ID: job.executionId,
  };
  for (const input of job.inputs) if (input !== primary) env[`CODEBUILD_SRC_DIR_${envName(input.name)}`] = input.dir;
  for (const v of variables) if (v.type === 'PLAINTEXT') env[v.name] = v.value;
  // The build runner never copies from inside the state home, so the source is laid out beside it.
  const source = fs.mkdtempSync(path.join(os.tmpdir(), `slipway-pipeline-source-`));
  try {
    new ArtifactStore(job.store).materialize(primary.id, source);
    return await build(job, project.name, source, buildspecFor(source, project.buildspec, variables), env);
  } finally {
    fs.rmSync(source, { recursive: true, force: true });
  }
}

async function build(job: ActionJob, projectName: string, source: string, spec: Buildspec, env: Record<string, string>): Promise<ActionOutcome> {
  const request = { store: job.store, project: projectName, source, spec, env, initiator: `codepipeline/${job.pipelineName}` };

  if (job.configuration.BatchEnabled === 'true') {
    const batch = await runBatch({ ...request, spec: undefined, buildspec: spec.file });
    const last = batch.builds.map((b) => b.record).filter((r): r is BuildRecord => !!r);
    const summary = `Batch ${batch.id}: ${batch.builds.map((b) => `${b.identifier} ${b.status}`).join(', ')}`;
    if (batch.status !== 'SUCCEEDED') return { status: 'Failed', errorMessage: summary, summary };
    const withArtifacts = job.configuration.CombineArtifacts === 'true' ? last : last.slice(0, 1);
    job.outputs.forEach((output) => withArtifacts.forEach((r) => r.artifacts && linkTree(r.artifacts.location, output.dir)));
    return { status: 'Succeeded', summary, outputVariables: Object.assign({}, ...last.map((r) => r.exportedVariables)) };
  }

  const handle = await startBuild(request);
  const externalUrl = pathToFileURL(handle.record.logFile).toString();
  job.progress({ summary: `Build ${handle.id} in progress`, externalUrl });
  const onAbort = () => handle.stop();
  job.signal.addEventListener('abort', onAbort, { once: true });
  let record: BuildRecord;
  try {
    record = await handle.finished;
  } finally {
    job.signal.removeEventListener('abort', onAbort);
  }
  job.log(`build ${record.id}: ${record.status}`);
  const summary = `Build ${record.id} ${record.status}`;
  if (record.status !== 'SUCCEEDED') {
    const failed = record.phases.find((p) => p.status !== 'SUCCEEDED' && p.status !== 'IN_PROGRESS');
    const reason = failed?.contexts?.[0]?.message;
    return { status: 'Failed', errorMessage: `build ${record.status}${failed ? ` in ${failed.name}` : ''}${reason ? `: ${reason}` : ''}`, summary, externalUrl };
  }
  handOver(job, record);
  return { status: 'Succeeded', summary, externalUrl, outputVariables: record.exportedVariables };
}

/** Build/AWS/CodeBuild and Test/AWS/CodeBuild: the build project runs on the input artifact. */
for (const category of ['Build', 'Test']) {
  registerActionProvider({
    category,
    owner: 'AWS',
    provider: 'CodeBuild',
    description: category === 'Build' ? "Runs a CodeBuild project (Slipway: a local build of the project's buildspec)." : 'Runs a CodeBuild project as a test action.',
    required: ['ProjectName'],
    optional: ['PrimarySource', 'BatchEnabled', 'CombineArtifacts', 'EnvironmentVariables'],
    variables: 'any',
    artifacts: { inputs: [1, 5], outputs: [0, 5] },
    run: runCodeBuild,
  });
}
