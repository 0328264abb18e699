// SigV4 with Slipway-issued access keys
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html; common errors:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { deleteAccessKey } from '../../../runtime/api/access-keys';
import { main } from '../../../runtime/cli/main';
import { startEndpoint, type Endpoint } from './endpoint';

let endpoint: Endpoint;

before(async () => {
  endpoint = await startEndpoint('alice');
});
after(() => endpoint.close());

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0 };
  }
  assert.fail('expected the request to be refused');
}

function stateFiles(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

test('`slipway user access-key create NAME --json` prints IAM CreateAccessKey\'s shape; the secret is kept sealed, never in clear', async () => {
  let stdout = '';
  const code = await main(['user', 'access-key', 'create', 'carol', '--json'], { stdout: (t) => (stdout += t), stderr: () => {} });
  assert.equal(code, 0);
  const { AccessKey } = JSON.parse(stdout);
  assert.deepEqual(Object.keys(AccessKey).sort(), ['AccessKeyId', 'CreateDate', 'SecretAccessKey', 'Status', 'UserName']);
  assert.equal(AccessKey.UserName, 'carol');
  assert.equal(AccessKey.Status, 'Active');
  assert.match(AccessKey.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(AccessKey.SecretAccessKey.length, 40);
  assert.ok(!stateFiles(endpoint.store.home).includes(AccessKey.SecretAccessKey), 'the clear secret is nowhere in the state home');
  const who = await new STSClient({ ...endpoint.client, credentials: { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey } }).send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, 'arn:aws:iam::000000000000:user/carol');
  let listed = '';
  await main(['user', 'access-key', 'list', 'carol', '--json'], { stdout: (t) => (listed += t), stderr: () => {} });
  assert.equal(JSON.parse(listed).AccessKeyMetadata[0].AccessKeyId, AccessKey.AccessKeyId);
  assert.ok(!listed.includes(AccessKey.SecretAccessKey));
  assert.equal(await main(['user', 'access-key', 'create', '../evil', '--json'], { stdout: () => {}, stderr: () => {} }), 2);
});

test('unsigned requests are refused with each protocol\'s code (and a git-looking path does not bypass it)', async () => {
  const form = await fetch(`${endpoint.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListStacks&Version=2010-05-15' });
  assert.equal(form.status, 403);
  assert.match(await form.text(), /<Code>MissingAuthenticationToken<\/Code>/);
  const json = await fetch(`${endpoint.url}/`, { method: 'POST', headers: { 'x-amz-target': 'AmazonSSM.GetParameter', 'content-type': 'application/x-amz-json-1.1' }, body: '{"Name":"/x"}' });
  assert.equal(json.status, 403);
  assert.equal((await json.json()).__type, 'MissingAuthenticationTokenException');
  const rest = await fetch(`${endpoint.url}/some-bucket/key`);
  assert.equal(rest.status, 403);
  assert.match(await rest.text(), /<Code>AccessDenied<\/Code>/);
  const gitLike = await fetch(`${endpoint.url}/bucket.git/info/refs?service=git-upload-pack`, { headers: { 'x-amz-target': 'AmazonSSM.GetParameter' } });
  assert.equal(gitLike.status, 403);
});

test('unknown keys, wrong secrets and deleted keys are refused as the SDKs expect', async () => {
  const unknown = { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: endpoint.credentials.secretAccessKey };
  const wrong = { accessKeyId: endpoint.credentials.accessKeyId, secretAccessKey: 'x'.repeat(40) };
  assert.equal((await errorOf(new SSMClient({ ...endpoint.client, credentials: unknown }).send(new GetParameterCommand({ Name: '/x' })))).name, 'UnrecognizedClientException');
  assert.equal((await errorOf(new STSClient({ ...endpoint.client, credentials: unknown }).send(new GetCallerIdentityCommand({})))).name, 'InvalidClientTokenId');
  assert.equal((await errorOf(new S3Client({ ...endpoint.client, forcePathStyle: true, credentials: unknown }).send(new ListBucketsCommand({})))).name, 'InvalidAccessKeyId');
  const badJson = await errorOf(new SSMClient({ ...endpoint.client, credentials: wrong }).send(new GetParameterCommand({ Name: '/x' })));
  assert.equal(badJson.name, 'InvalidSignatureException');
  assert.equal(badJson.status, 400);
  assert.equal((await errorOf(new CloudFormationClient({ ...endpoint.client, credentials: wrong }).send(new ListStacksCommand({})))).name, 'SignatureDoesNotMatch');
  assert.equal((await errorOf(new S3Client({ ...endpoint.client, forcePathStyle: true, credentials: wrong }).send(new ListBucketsCommand({})))).name, 'SignatureDoesNotMatch');

  let stdout = '';
  await main(['user', 'access-key', 'create', 'dave', '--json'], { stdout: (t) => (stdout += t), stderr: () => {} });
  const dave = JSON.parse(stdout).AccessKey;
  const daveClient = new STSClient({ ...endpoint.client, credentials: { accessKeyId: dave.AccessKeyId, secretAccessKey: dave.SecretAccessKey } });
  await daveClient.send(new GetCallerIdentityCommand({}));
  deleteAccessKey(endpoint.store, 'dave', dave.AccessKeyId);
  assert.equal((await errorOf(daveClient.send(new GetCallerIdentityCommand({})))).name, 'InvalidClientTokenId');
});

test('requests signed more than 15 minutes away from now are refused', async () => {
  const late = new SSMClient({ ...endpoint.client, systemClockOffset: -16 * 60 * 1000 });
  const error = await errorOf(late.send(new GetParameterCommand({ Name: '/x' })));
  assert.equal(error.name, 'InvalidSignatureException');
  assert.match(error.message, /Signature expired/);
  const early = new CloudFormationClient({ ...endpoint.client, systemClockOffset: 16 * 60 * 1000 });
  assert.equal((await errorOf(early.send(new ListStacksCommand({})))).name, 'RequestExpired');
  // 14 minutes off is inside the window
  await new SSMClient({ ...endpoint.client, systemClockOffset: -14 * 60 * 1000 }).send(new PutParameterCommand({ Name: '/skew/ok', Value: 'v', Type: 'String' }));
});

/** A request signed with @smithy/signature-v4 directly, so a test can change it after signing. */
async function signed(body: string, headers: Record<string, string> = {}) {
  const url = new URL(endpoint.url);
  const signer = new SignatureV4({ service: 'ssm', region: 'us-east-1', credentials: endpoint.credentials, sha256: Hash.bind(null, 'sha256') });
  const request = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.PutParameter', ...headers },
    body,
  });
  return request.headers as Record<string, string>;
}

test('a body changed after signing, a signed header dropped, or a scope for another service is refused', async () => {
  const body = JSON.stringify({ Name: '/tamper', Value: 'original', Type: 'String' });
  const headers = await signed(body);
  const ok = await fetch(`${endpoint.url}/`, { method: 'POST', headers, body });
  assert.equal(ok.status, 200, await ok.text());
  const changed = await fetch(`${endpoint.url}/`, { method: 'POST', headers, body: body.replace('original', 'replaced') });
  assert.equal(changed.status, 400);
  assert.equal((await changed.json()).__type, 'InvalidSignatureException');
  const claimed = await signed(body, { 'x-amz-content-sha256': 'a'.repeat(64) });
  const lying = await fetch(`${endpoint.url}/`, { method: 'POST', headers: claimed, body });
  assert.equal(lying.status, 400, 'a claimed payload hash must be the body\'s');
  const otherTarget = await fetch(`${endpoint.url}/`, { method: 'POST', headers: { ...headers, 'x-amz-target': 'AmazonSSM.DeleteParameter' }, body });
  assert.equal(otherTarget.status, 400, 'X-Amz-Target is signed');
  const scope = { ...headers, authorization: headers.authorization.replace('/ssm/aws4_request', '/secretsmanager/aws4_request') };
  assert.equal((await fetch(`${endpoint.url}/`, { method: 'POST', headers: scope, body })).status, 400);
  const garbage = await fetch(`${endpoint.url}/`, { method: 'POST', headers: { ...headers, authorization: 'AWS4-HMAC-SHA256 Credential=nonsense' }, body });
  assert.equal((await garbage.json()).__type, 'IncompleteSignatureException');
});

test('the activity log records the calling user of each change made through the API; reads are not logged', async () => {
  await new SSMClient(endpoint.client).send(new PutParameterCommand({ Name: '/audited', Value: 'v', Type: 'String' }));
  await new SSMClient(endpoint.client).send(new GetParameterCommand({ Name: '/audited' }));
  const entries = endpoint.store.readLines<Record<string, string>>('activity.jsonl').filter((e) => e.via === 'api');
  assert.ok(entries.some((e) => e.service === 'ssm' && e.action === 'PutParameter' && e.user === 'alice' && e.result === 'allowed'));
  assert.ok(!entries.some((e) => e.action === 'GetParameter'));
});

test('unknown operations and services answer 501 with the name; bad JSON answers SerializationException', async () => {
  const call = async (target: string, body: string, service = 'ssm') => {
    const url = new URL(endpoint.url);
    const signer = new SignatureV4({ service, region: 'us-east-1', credentials: endpoint.credentials, sha256: Hash.bind(null, 'sha256') });
    const request = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });
    const res = await fetch(endpoint.url, { method: 'POST', headers: request.headers as Record<string, string>, body });
    return { status: res.status, body: (await res.json()) as { __type: string; message: string } };
  };
  const op = await call('AmazonSSM.GetInventory', '{}');
  assert.equal(op.status, 501);
  assert.equal(op.body.__type, 'NotImplemented');
  assert.match(op.body.message, /GetInventory/);
  const proto = await call('AmazonSSM.__proto__', '{}');
  assert.equal(proto.status, 501);
  const service = await call('DynamoDB_20120810.ListTables', '{}', 'dynamodb');
  assert.equal(service.status, 501);
  assert.match(service.body.message, /DynamoDB_20120810/);
  const bad = await call('AmazonSSM.GetParameter', '{not json');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.__type, 'SerializationException');
});
