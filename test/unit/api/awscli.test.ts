// The AWS CLI v2 (Debian's awscli package) against `slipway serve`, with --endpoint-url, a
// Slipway-issued key and path-style S3 (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-endpoints.html,
// https://docs.aws.amazon.com/cli/latest/topic/s3-config.html).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { BucketStore } from '../../../runtime/buckets/objects';
import { StackEngine } from '../../../runtime/stacks/engine';
import { AWS, awsCliEnv, ensureAwsCli, startAwsCli, type AwsCli } from './awscli-env';
import { startEndpoint, type Endpoint } from './endpoint';

const ROOT = path.resolve(__dirname, '../../..');

let endpoint: Endpoint;
let env: NodeJS.ProcessEnv;
let cli: AwsCli;

before(async () => {
  ensureAwsCli();
  endpoint = await startEndpoint('deployer');
  env = awsCliEnv(endpoint);
  cli = await startAwsCli(endpoint, env);
});
after(async () => {
  await cli?.close();
  await endpoint?.close();
});

/** `aws ARGS` through the CLI's fork server (awscli-env.ts), or as a new `aws` process when `process` is set. */
function aws(args: string[], extraEnv: NodeJS.ProcessEnv = {}, { process = false } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const [file, prefix] = process ? [AWS, []] : [cli.file, cli.args];
  return new Promise((resolve) => {
    execFile(file, [...prefix, '--endpoint-url', endpoint.url, ...args], { env: { ...env, ...extraEnv }, cwd: endpoint.root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('aws cloudformation deploy of the example template, then describe-stack-events', async () => {
  const template = path.join(ROOT, 'examples/hello-service/template.yaml');
  const deployed = await aws(['cloudformation', 'deploy', '--stack-name', 'hello', '--template-file', template, '--parameter-overrides', 'Stage=prod']);
  assert.equal(deployed.code, 0, deployed.stderr + deployed.stdout);
  assert.match(deployed.stdout, /Successfully created\/updated stack - hello/);
  assert.equal(new StackEngine(endpoint.store).describe('hello').status, 'CREATE_COMPLETE', 'the stack slipway stack list shows');
  const events = await aws(['cloudformation', 'describe-stack-events', '--stack-name', 'hello']);
  assert.equal(events.code, 0, events.stderr);
  const list = JSON.parse(events.stdout).StackEvents as Array<{ ResourceStatus: string; LogicalResourceId: string; ResourceType: string }>;
  assert.equal(list[0].ResourceStatus, 'CREATE_COMPLETE');
  assert.equal(list[0].ResourceType, 'AWS::CloudFormation::Stack');
  assert.ok(list.some((e) => e.LogicalResourceId !== 'hello' && e.ResourceStatus === 'CREATE_COMPLETE'));
});

test('aws ssm put-parameter / get-parameter --with-decryption', async () => {
  const put = await aws(['ssm', 'put-parameter', '--name', '/cli/token', '--value', 'cli-s3cret', '--type', 'SecureString']);
  assert.equal(put.code, 0, put.stderr);
  assert.equal(JSON.parse(put.stdout).Version, 1);
  const got = await aws(['ssm', 'get-parameter', '--name', '/cli/token', '--with-decryption']);
  assert.equal(got.code, 0, got.stderr);
  assert.equal(JSON.parse(got.stdout).Parameter.Value, 'cli-s3cret');
});

test('aws s3 cp of a 20 MB file goes up in parts (multipart) and is stored whole', async () => {
  assert.equal((await aws(['s3', 'mb', 's3://cli-bucket'])).code, 0);
  const file = path.join(endpoint.root, 'big.bin');
  const data = randomBytes(20 * 1024 * 1024);
  fs.writeFileSync(file, data);
  const up = await aws(['s3', 'cp', file, 's3://cli-bucket/releases/big.bin', '--only-show-errors']);
  assert.equal(up.code, 0, up.stderr);
  const head = await aws(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'releases/big.bin']);
  const meta = JSON.parse(head.stdout);
  assert.equal(meta.ContentLength, data.length);
  assert.match(meta.ETag, /-3"$/, 'three 8 MB parts: a multipart ETag');
  const stored = new BucketStore(endpoint.store).read('cli-bucket', 'releases/big.bin');
  assert.equal(createHash('sha256').update(stored).digest('hex'), createHash('sha256').update(data).digest('hex'));
});

test('an unsigned request and a wrong secret are refused', async () => {
  const unsigned = await aws(['cloudformation', 'list-stacks', '--no-sign-request']);
  assert.notEqual(unsigned.code, 0);
  assert.match(unsigned.stderr, /MissingAuthenticationToken/);
  const wrong = await aws(['ssm', 'get-parameter', '--name', '/cli/token'], { AWS_SECRET_ACCESS_KEY: 'not-the-secret-of-this-access-key-0000000' });
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /InvalidSignatureException/);
});

test('a call through the fork server answers as a new aws process does: same error, output and exit code', async () => {
  const args = ['ssm', 'get-parameter', '--name', '/cli/never-put'];
  const forked = await aws(args);
  assert.equal(forked.code, 254, forked.stderr);
  assert.match(forked.stderr, /ParameterNotFound/);
  assert.deepEqual(forked, await aws(args, {}, { process: true }));
});
