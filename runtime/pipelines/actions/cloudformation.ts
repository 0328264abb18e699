import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StackEngine, StackOperationError } from '../../stacks/engine';
import { loadTemplate } from '../../stacks/template-source';
import type { StackRecord } from '../../stacks/types';
import { ContainedRoot } from '../../common/contained';
import { ArtifactStore } from '../engine/artifacts';
import { registerActionProvider, type ActionJob, type ActionOutcome, type InputArtifact } from './provider';

const FAILED_STATES = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED', 'DELETE_FAILED', 'UPDATE_ROLLBACK_FAILED']);

/**
 * An input artifact laid out where it stays: `<state home>/artifacts/trees/<id>/`
 * (copies, named by the artifact's digest), because a stack remembers its template's folder
 * for relative paths long after the action ended.
 */
function persistentTree(job: ActionJob, input: InputArtifact): string {
  const dir = job.store.path('artifacts', 'trees', input.id);
  if (!fs.existsSync(dir)) {
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    new ArtifactStore(job.store).materialize(input.id, tmp);
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another process laid it out first
    }
  }
  return dir;
}

/** `ArtifactName::path/in/artifact` → the file inside the persistent tree of that input. */
function artifactPath(job: ActionJob, reference: string, key: string): string {
  const separator = reference.indexOf('::');
  if (separator <= 0) throw new Error(`${key} must be ArtifactName::path, not "${reference}"`);
  const name = reference.slice(0, separator);
  const input = job.inputs.find((i) => i.name === name);
  if (!input) throw new Error(`${key}: "${name}" is not an input artifact of this action (${job.inputs.map((i) => i.name).join(', ') || 'none'})`);
  const relative = reference.slice(separator + 2);
  const tree = persistentTree(job, input);
  const file = new ContainedRoot(tree, `artifact ${name}`).checkNoLink(path.join(tree, checkArtifactRelative(relative, key)), 'read');
  if (!fs.existsSync(file)) throw new Error(`${key}: ${relative} is not in artifact ${name}`);
  return file;
}

/** A path inside an artifact: relative, without `.`/`..` levels (CodePipeline reads it from the artifact's zip). */
export function checkArtifactRelative(relative: string, key: string): string {
  const parts = relative.replace(/^\.\//, '').split('/');
  if (!relative || path.isAbsolute(relative) || relative.includes('\\') || parts.some((p) => p === '..' || p === '.' || p === '')) {
    throw new Error(`${key}: "${relative}" is not a path inside the artifact (no absolute paths, "." or ".." levels)`);
  }
  return parts.join('/');
}

/** ParameterOverrides: JSON with `#{}` already substituted, plus Fn::GetParam and Fn::GetArtifactAtt. */
function parameterOverrides(job: ActionJob, text: string | undefined): Record<string, string> {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`ParameterOverrides is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('ParameterOverrides must be a JSON object of parameter values');
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw === 'object' && raw !== null && 'Fn::GetParam' in raw) {
      const [artifact, file, key] = (raw as { 'Fn::GetParam': string[] })['Fn::GetParam'];
      const data = JSON.parse(fs.readFileSync(artifactPath(job, `${artifact}::${file}`, `ParameterOverrides.${name}`), 'utf8')) as Record<string, unknown>;
      if (!(key in data)) throw new Error(`ParameterOverrides.${name}: ${file} in ${artifact} has no key "${key}"`);
      result[name] = String(data[key]);
    } else if (typeof raw === 'object' && raw !== null && 'Fn::GetArtifactAtt' in raw) {
      const [artifact, attribute] = (raw as { 'Fn::GetArtifactAtt': string[] })['Fn::GetArtifactAtt'];
      const input = job.inputs.find((i) => i.name === artifact);
      if (!input) throw new Error(`ParameterOverrides.${name}: "${artifact}" is not an input artifact`);
      const attributes: Record<string, string> = { BucketName: 'slipway-artifacts', ObjectKey: input.id, URL: pathToFileURL(persistentTree(job, input)).toString() };
      if (!(attribute in attributes)) throw new Error(`ParameterOverrides.${name}: Fn::GetArtifactAtt attribute must be BucketName, ObjectKey or URL`);
      result[name] = attributes[attribute];
    } else result[name] = String(raw);
  }
  return result;
}

/** TemplateConfiguration: `{"Parameters": {…}, "Tags": {…}}` from an artifact. */
function templateConfiguration(job: ActionJob): Record<string, string> {
  const reference = job.configuration.TemplateConfiguration;
  if (!reference) return {};
  const file = artifactPath(job, reference, 'TemplateConfiguration');
  let data: { Parameters?: Record<string, unknown> };
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`TemplateConfiguration ${reference} is not valid JSON: ${(error as Error).message}`);
  }
  return Object.fromEntries(Object.entries(data.Parameters ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * The stack's outputs as the action's variables and output file. An output that holds a secret
 * (a NoEcho value) stays masked here: execution records, resolved configurations and artifacts
 * are not sealed, and a secret never reaches state in clear.
 */
function outputVariables(record: StackRecord): Record<string, string> {
  return Object.fromEntries(record.outputs.map((o) => [o.key, typeof o.value === 'string' ? o.value : JSON.stringify(o.value)]));
}

function stackLink(engine: StackEngine, name: string): string {
  return pathToFileURL(engine.state.path('stacks', name, 'stack.json')).toString();
}

async function runCloudFormation(job: ActionJob): Promise<ActionOutcome> {
  const config = job.configuration;
  const engine = new StackEngine(job.store, { onEvent: (e) => job.log(`${e.logicalId} ${e.status}${e.reason ? `: ${e.reason}` : ''}`) });
  const stackName = config.StackName;
  if (config.OutputFileName) checkArtifactRelative(config.OutputFileName, 'OutputFileName'); // refused before the stack changes
  const existing = () => (fs.existsSync(job.store.path('stacks', stackName)) ? tryDescribe(engine, stackName) : undefined);
  const mode = config.ActionMode;
  const finish = (record: StackRecord, summary: string): ActionOutcome => {
    const outputs = outputVariables(record);
    if (config.OutputFileName && job.outputs[0]) {
      const out = job.outputs[0].dir;
      new ContainedRoot(out, 'output artifact').writeFile(path.join(out, checkArtifactRelative(config.OutputFileName, 'OutputFileName')), JSON.stringify(outputs, null, 2) + '\n');
    }
    return { status: 'Succeeded', summary, externalUrl: stackLink(engine, stackName), outputVariables: outputs };
  };

  if (mode === 'DELETE_ONLY') {
    if (!existing()) return { status: 'Succeeded', summary: `Stack ${stackName} does not exist` };
    await engine.deleteStack(stackName);
    return { status: 'Succeeded', summary: `Deleted stack ${stackName}` };
  }
  if (mode === 'CHANGE_SET_EXECUTE') {
    if (!config.ChangeSetName) throw new Error('CHANGE_SET_EXECUTE needs ChangeSetName');
    const record = await engine.executeChangeSet(stackName, config.ChangeSetName);
    return finish(record, `Executed change set ${config.ChangeSetName}: ${record.status}`);
  }
  if (!config.TemplatePath) throw new Error(`${mode} needs TemplatePath`);
  const template = loadTemplate(artifactPath(job, config.TemplatePath, 'TemplatePath'));
  const parameters = { ...templateConfiguration(job), ...parameterOverrides(job, config.ParameterOverrides) };

  if (mode === 'CHANGE_SET_REPLACE') {
    if (!config.ChangeSetName) throw new Error('CHANGE_SET_REPLACE needs ChangeSetName');
    if (existing()) {
      try {
        await engine.deleteChangeSet(stackName, config.ChangeSetName);
      } catch {
        // no change set of that name yet
      }
    }
    const changeSet = await engine.createChangeSet({ stackName, changeSetName: config.ChangeSetName, template: template.body, templatePath: template.path, parameters });
    return {
      status: 'Succeeded',
      summary: `Change set ${changeSet.name}: ${changeSet.changes.length} change${changeSet.changes.length === 1 ? '' : 's'}${changeSet.statusReason ? ` (${changeSet.statusReason})` : ''}`,
      externalUrl: stackLink(engine, stackName),
    };
  }
  if (mode !== 'CREATE_UPDATE' && mode !== 'REPLACE_ON_FAILURE') throw new Error(`unknown ActionMode "${mode}"`);

  const current = existing();
  if (current && FAILED_STATES.has(current.status)) {
    if (mode === 'CREATE_UPDATE') throw new Error(`stack ${stackName} is in ${current.status}; delete it or use ActionMode REPLACE_ON_FAILURE`);
    job.log(`stack ${stackName} is in ${current.status}: deleting it before creating it again (REPLACE_ON_FAILURE)`);
    await engine.deleteStack(stackName);
  }
  const changeSet = await engine.createChangeSet({ stackName, template: template.body, templatePath: template.path, parameters });
  if (changeSet.executionStatus !== 'AVAILABLE') {
    await engine.deleteChangeSet(stackName, changeSet.name);
    return finish(engine.describe(stackName), `No changes: stack ${stackName} is up to date`);
  }
  const record = await engine.executeChangeSet(stackName, changeSet.name);
  return finish(record, `Stack ${stackName}: ${record.status}`);
}

function tryDescribe(engine: StackEngine, name: string): StackRecord | undefined {
  try {
    return engine.describe(name);
  } catch {
    return undefined;
  }
}

/** Deploy/AWS/CloudFormation over the local stack engine; stack outputs become the action's variables. */
registerActionProvider({
  category: 'Deploy',
  owner: 'AWS',
  provider: 'CloudFormation',
  description: 'Creates, updates or deletes a stack or a change set (Slipway: the local stack engine).',
  required: ['ActionMode', 'StackName'],
  optional: ['ChangeSetName', 'TemplatePath', 'TemplateConfiguration', 'ParameterOverrides', 'OutputFileName', 'Capabilities', 'RoleArn'],
  values: { ActionMode: ['CHANGE_SET_EXECUTE', 'CHANGE_SET_REPLACE', 'CREATE_UPDATE', 'DELETE_ONLY', 'REPLACE_ON_FAILURE'] },
  requiredWhen: (configuration) => {
    const mode = configuration.ActionMode ?? '';
    if (/^CHANGE_SET_(REPLACE|EXECUTE)$/.test(mode)) return ['ChangeSetName'];
    if (/^(CREATE_UPDATE|REPLACE_ON_FAILURE)$/.test(mode)) return ['TemplatePath'];
    return [];
  },
  variables: 'any',
  artifacts: { inputs: [0, 10], outputs: [0, 1] },
  async run(job) {
    try {
      return await runCloudFormation(job);
    } catch (error) {
      const message = error instanceof StackOperationError ? `${error.message} (${error.record.status})` : (error as Error).message;
      return { status: 'Failed', errorMessage: message };
    }
  },
});
