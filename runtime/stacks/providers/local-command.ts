import * as path from 'node:path';
import { groupOf, spawnGroup } from '../../common/process';
import { registerProvider, type ProviderContext, type ResourceProvider } from '../provider';
import { generatedName, stringProperty } from './names';

/** Output kept for the Stdout attribute and the failure reason. */
const OUTPUT_LIMIT = 4096;

interface CommandResult {
  exitCode: number;
  stdout: string;
  output: string;
}

function runShell(command: string, properties: Record<string, unknown>, ctx: ProviderContext, physicalId: string): Promise<CommandResult> {
  const cwd = path.resolve(ctx.templateDir, stringProperty(properties, 'WorkingDirectory') ?? '.');
  const environment = properties.Environment ?? {};
  if (typeof environment !== 'object' || Array.isArray(environment)) throw new Error('Environment must be a mapping of names to values');
  const env: NodeJS.ProcessEnv = { ...process.env, SLIPWAY_STACK_NAME: ctx.stackName, SLIPWAY_LOGICAL_ID: ctx.logicalId, SLIPWAY_PHYSICAL_ID: physicalId };
  for (const [name, value] of Object.entries(environment)) env[name] = String(value);
  return new Promise((resolve, reject) => {
    const child = spawnGroup('/bin/sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    ctx.onProcess?.(groupOf(child));
    let stdout = '';
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    });
    child.on('error', (error) => reject(new Error(`cannot run the command in ${cwd}: ${error.message}`)));
    child.on('close', (code, signal) => {
      ctx.onProcess?.(undefined);
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout: stdout.trim(), output: output.trim() });
    });
  });
}

async function step(which: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown>, ctx: ProviderContext, physicalId: string) {
  const command = stringProperty(properties, which, which === 'Create');
  if (!command) return undefined;
  const result = await runShell(command, properties, ctx, physicalId);
  if (result.exitCode !== 0) {
    const tail = result.output.split('\n').slice(-10).join(' | ');
    throw new Error(`${which} command failed with exit code ${result.exitCode}${tail ? `: ${tail}` : ''}`);
  }
  return { physicalId, attributes: { Stdout: result.stdout, ExitCode: result.exitCode } };
}

/**
 * `Slipway::Local::Command`: shell commands run on create, update and delete (in
 * WorkingDirectory, with Environment). A changed Create command replaces the resource
 * (the new Create runs, then the old Delete); other changes run Update.
 */
export const localCommandProvider: ResourceProvider = {
  type: 'Slipway::Local::Command',
  schema: {
    documentation: 'Shell commands run on create, update and delete; Stdout and ExitCode are its attributes.',
    properties: {
      Create: { type: 'String', required: true, update: 'Immutable', documentation: 'Runs when the resource is created; a change replaces the resource.' },
      Update: { type: 'String', documentation: 'Runs when another property changes.' },
      Delete: { type: 'String', documentation: 'Runs when the resource is deleted.' },
      WorkingDirectory: { type: 'String', documentation: 'Where the commands run, relative to the template\'s folder.' },
      Environment: { type: { map: 'String' }, documentation: 'Environment variables of the commands.' },
    },
    attributes: { Stdout: 'String', ExitCode: 'Integer' },
  },
  replacesOn: (property) => property === 'Create',
  async create(properties, ctx) {
    return (await step('Create', properties, ctx, generatedName(ctx.stackName, ctx.logicalId)))!;
  },
  async update(physicalId, properties, _old, ctx) {
    return (await step('Update', properties, ctx, physicalId)) ?? { physicalId, attributes: { Stdout: '', ExitCode: 0 } };
  },
  async delete(physicalId, properties, ctx) {
    await step('Delete', properties, ctx, physicalId);
  },
};

registerProvider(localCommandProvider);
