// The AWS CLI v2 as a test client: Debian's awscli (installed when missing and we are root, as
// the e2e layer installs Chromium), configured for one endpoint with a Slipway-issued key and
// path-style S3, isolated from the user's own AWS configuration.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
