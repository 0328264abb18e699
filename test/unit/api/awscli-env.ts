// The AWS CLI v2 as a test client: Debian's awscli (installed when missing and we are root, as
// the e2e layer installs Chromium), configured for one endpoint with a Slipway-issued key and
// path-style S3, isolated from the user's own AWS configuration.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Endpoint } from './endpoint';

/** Debian's AWS CLI v2 (a pyenv `aws` earlier on PATH may be v1, so the path is explicit). */
export const AWS = '/usr/bin/aws';

export function ensureAwsCli(): void {
  if (fs.existsSync(AWS)) return;
  if (process.getuid?.() !== 0) throw new Error(`${AWS} is missing: apt-get install awscli (needs root)`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  const installed = spawnSync('apt-get', ['install', '-y', '-qq', 'awscli'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (installed.status !== 0 || !fs.existsSync(AWS)) throw new Error('apt-get install awscli failed');
}

/** The environment an `aws` call runs with against `endpoint`. */
export function awsCliEnv(endpoint: Endpoint, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const config = path.join(endpoint.root, 'aws-config');
  fs.writeFileSync(config, '[default]\nregion = us-east-1\noutput = json\ns3 =\n    addressing_style = path\n');
  return {
    PATH: process.env.PATH,
    HOME: endpoint.root,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: path.join(endpoint.root, 'no-credentials'),
    AWS_ACCESS_KEY_ID: endpoint.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoint.credentials.secretAccessKey,
    AWS_PAGER: '',
    AWS_CLI_AUTO_PROMPT: 'off',
    ...extra,
  };
}

/** How a test runs `aws ARG...`: `file` with `[...args, ARG...]`; `close()` stops the server (resolves once it has exited). */
export interface AwsCli {
  file: string;
  args: string[];
  close(): Promise<void>;
}

const SERVER = path.join(__dirname, 'aws-cli-server.py');

/**
 * The real AWS CLI, started once: aws-cli-server.py imports the CLI in the interpreter its
 * script names and forks per call, running the `aws` script itself with the call's argv,
 * environment, working directory and stdio (a call costs about a fifth of the CPU of a new
 * `aws` process, most of which is Python importing the CLI). The requests, signatures, output
 * and exit codes are the CLI's own; a call whose environment changes what Python reads at
 * start-up runs a new `aws` process instead. Git's credential helper (`aws codecommit
 * credential-helper`) is still started by git as a real `aws` process.
 */
export async function startAwsCli(endpoint: Endpoint, env: NodeJS.ProcessEnv): Promise<AwsCli> {
  const shebang = /^#!(.+)/.exec(fs.readFileSync(AWS, 'utf8').split('\n', 1)[0])?.[1].trim().split(/\s+/);
  if (!shebang) throw new Error(`${AWS} is not a script with a #! line`);
  const socket = path.join(endpoint.root, 'aws-cli.sock');
  const [interpreter, ...options] = shebang;
  const server = spawn(interpreter, [...options, SERVER, 'serve', socket, AWS], { env, cwd: endpoint.root, stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const failed = (code: number | null, signal: string | null) => reject(new Error(`${SERVER} exited (${code ?? signal}) before it was ready`));
    server.once('exit', failed);
    createInterface({ input: server.stdout! }).once('line', () => {
      server.off('exit', failed);
      resolve();
    });
  });
  // The client needs nothing of Python's site set-up (-S) nor of the caller's PYTHON* variables (-I).
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  return {
    file: interpreter,
    args: ['-I', '-S', SERVER, 'call', socket],
    close: () => {
      server.stdin!.end();
      return exited;
    },
  };
}
