import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { groupOf, killGroup, spawnGroup } from '../../common/process';
import { registerActionProvider, type ActionJob, type ActionOutcome } from './provider';

/**
 * Invoke/Custom/Command: runs a local shell command. Its working folder is the first
 * input artifact (else the declaration's folder); each input and output artifact is
 * a folder named by `CODEPIPELINE_INPUT_<NAME>` / `CODEPIPELINE_OUTPUT_<NAME>`; lines
 * `NAME=VALUE` written to `$CODEPIPELINE_OUTPUT_VARIABLES` become the action's variables.
 */
registerActionProvider({
  category: 'Invoke',
  owner: 'Custom',
  provider: 'Command',
  description: 'Runs a shell command on this machine; lines NAME=VALUE written to $CODEPIPELINE_OUTPUT_VARIABLES become its variables.',
  required: ['Command'],
  optional: ['WorkingDirectory'],
  variables: 'any',
  // AWS's bounds for custom actions.
  artifacts: { inputs: [0, 5], outputs: [0, 5] },
  run: runCommand,
});

export function envName(artifact: string): string {
  return artifact.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

async function runCommand(job: ActionJob): Promise<ActionOutcome> {
  const base = job.inputs[0]?.dir ?? job.baseDir;
  const cwd = job.configuration.WorkingDirectory ? path.resolve(base, job.configuration.WorkingDirectory) : base;
  if (!fs.existsSync(cwd)) return { status: 'Failed', errorMessage: `WorkingDirectory ${cwd} does not exist` };
  const variablesFile = path.join(job.workDir, 'output-variables.env');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CODEPIPELINE_PIPELINE_NAME: job.pipelineName,
    CODEPIPELINE_EXECUTION_ID: job.executionId,
    CODEPIPELINE_STAGE_NAME: job.stageName,
    CODEPIPELINE_ACTION_NAME: job.action.name,
    CODEPIPELINE_OUTPUT_VARIABLES: variablesFile,
  };
  for (const input of job.inputs) env[`CODEPIPELINE_INPUT_${envName(input.name)}`] = input.dir;
  for (const output of job.outputs) env[`CODEPIPELINE_OUTPUT_${envName(output.name)}`] = output.dir;
  const shell = process.platform === 'win32' ? 'cmd.exe' : '/bin/sh';
  const args = process.platform === 'win32' ? ['/d', '/s', '/c', job.configuration.Command] : ['-c', job.configuration.Command];
  const child = spawnGroup(shell, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  job.progress({ processGroup: groupOf(child), summary: `Running ${job.configuration.Command}` });
  const onAbort = () => killGroup(child, 'SIGKILL');
  job.signal.addEventListener('abort', onAbort, { once: true });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => job.log(line));
  readline.createInterface({ input: child.stderr! }).on('line', (line) => job.log(line));
  const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  job.signal.removeEventListener('abort', onAbort);
  if (result.error) return { status: 'Failed', errorMessage: `cannot run the command: ${result.error.message}` };
  if (job.signal.aborted) return { status: 'Failed', errorMessage: 'abandoned' };
  if (result.code !== 0) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
    return { status: 'Failed', errorMessage: `the command ${how}` };
  }
  return { status: 'Succeeded', summary: 'Command succeeded', outputVariables: readVariables(variablesFile) };
}

function readVariables(file: string): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const result: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) result[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return result;
}
