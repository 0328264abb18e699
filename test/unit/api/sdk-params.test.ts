// SSM Parameter Store, Secrets Manager and STS through the AWS SDK for JavaScript v3 against `slipway serve`
// (https://docs.aws.amazon.com/systems-manager/latest/APIReference/, https://docs.aws.amazon.com/secretsmanager/latest/apireference/,
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
  paginateDescribeParameters,
  paginateGetParametersByPath,
} from '@aws-sdk/client-ssm';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ParameterStore } from '../../../runtime/common/params';
import { createAccessKey } from '../../../runtime/api/access-keys';
import { startEndpoint, type Endpoint } from './endpoint';

let endpoint: Endpoint;
let ssm: SSMClient;
let secrets: SecretsManagerClient;

before(async () => {
  endpoint = await startEndpoint('alice');
  ssm = new SSMClient(endpoint.client);
  secrets = new SecretsManagerClient(endpoint.client);
});
after(() => endpoint.close());

async function rejects(promise: Promise<unknown>, name: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.equal((error as Error).name, name, (error as Error).message);
    return;
  }
  assert.fail(`expected ${name}`);
}

function stateText(): string {
  const dir = path.join(endpoint.store.home, 'params');
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

test('SSM: put (overwrite rules), get with and without decryption, the same store builds and stacks read', async () => {
  assert.equal((await ssm.send(new PutParameterCommand({ Name: '/app/db/password', Value: 's3cr3t-value', Type: 'SecureString' }))).Version, 1);
  await rejects(ssm.send(new PutParameterCommand({ Name: '/app/db/password', Value: 'other', Type: 'SecureString' })), 'ParameterAlreadyExists');
  assert.equal((await ssm.send(new PutParameterCommand({ Name: '/app/db/password', Value: 'n3w-secret', Overwrite: true }))).Version, 2);
  const clear = (await ssm.send(new GetParameterCommand({ Name: '/app/db/password', WithDecryption: true }))).Parameter!;
  assert.equal(clear.Value, 'n3w-secret');
  assert.equal(clear.Type, 'SecureString');
  assert.equal(clear.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password');
  assert.ok(clear.LastModifiedDate instanceof Date);
  const sealed = (await ssm.send(new GetParameterCommand({ Name: '/app/db/password' }))).Parameter!;
  assert.notEqual(sealed.Value, 'n3w-secret', 'without decryption a SecureString is its ciphertext');
  assert.ok(!stateText().includes('n3w-secret'), 'never stored in clear');
  assert.equal(new ParameterStore(endpoint.store).getParameter('/app/db/password').value, 'n3w-secret');
  await rejects(ssm.send(new GetParameterCommand({ Name: '/app/missing' })), 'ParameterNotFound');
  await rejects(ssm.send(new GetParameterCommand({ Name: '/app/db/password:1' })), 'ParameterVersionNotFound');
  assert.equal((await ssm.send(new GetParameterCommand({ Name: '/app/db/password:2', WithDecryption: true }))).Parameter!.Value, 'n3w-secret');
  await rejects(ssm.send(new PutParameterCommand({ Name: '/aws/reserved', Value: 'x', Type: 'String' })), 'ValidationException');
  await rejects(ssm.send(new PutParameterCommand({ Name: '/new/param', Value: 'x' })), 'ValidationException');
  await ssm.send(new PutParameterCommand({ Name: '__proto__', Value: 'just a name', Type: 'String' }));
  assert.equal((await ssm.send(new GetParameterCommand({ Name: '__proto__' }))).Parameter!.Value, 'just a name');
});

test('SSM: GetParameters, GetParametersByPath (recursive, paginator), DescribeParameters (filters, paginator), Delete', async () => {
  for (let i = 0; i < 12; i++) await ssm.send(new PutParameterCommand({ Name: `/svc/cfg/p${String(i).padStart(2, '0')}`, Value: `v${i}`, Type: 'String' }));
  await ssm.send(new PutParameterCommand({ Name: '/svc/cfg/deep/x', Value: 'deep', Type: 'StringList' }));
  const some = await ssm.send(new GetParametersCommand({ Names: ['/svc/cfg/p00', '/svc/none'] }));
  assert.deepEqual(some.Parameters!.map((p) => p.Value), ['v0']);
  assert.deepEqual(some.InvalidParameters, ['/svc/none']);
  const oneLevel: string[] = [];
  for await (const page of paginateGetParametersByPath({ client: ssm }, { Path: '/svc/cfg' })) oneLevel.push(...page.Parameters!.map((p) => p.Name!));
  assert.equal(oneLevel.length, 12, 'not recursive: /svc/cfg/deep/x is one level down');
  const recursive: string[] = [];
  for await (const page of paginateGetParametersByPath({ client: ssm }, { Path: '/svc', Recursive: true })) recursive.push(...page.Parameters!.map((p) => p.Name!));
  assert.equal(recursive.length, 13);
  const described: string[] = [];
  for await (const page of paginateDescribeParameters({ client: ssm, pageSize: 5 }, { ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/svc/cfg/p0'] }] })) described.push(...page.Parameters!.map((p) => p.Name!));
  assert.equal(described.length, 10);
  const lists = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Type', Values: ['StringList'] }] }));
  assert.deepEqual(lists.Parameters!.map((p) => p.Name), ['/svc/cfg/deep/x']);
  await ssm.send(new DeleteParameterCommand({ Name: '/svc/cfg/p00' }));
  await rejects(ssm.send(new DeleteParameterCommand({ Name: '/svc/cfg/p00' })), 'ParameterNotFound');
  const many = await ssm.send(new DeleteParametersCommand({ Names: ['/svc/cfg/p01', '/svc/gone'] }));
  assert.deepEqual(many.DeletedParameters, ['/svc/cfg/p01']);
  assert.deepEqual(many.InvalidParameters, ['/svc/gone']);
});

test('Secrets Manager: create, get by name and ARN, versions and stages, describe, list (paginator), delete', async () => {
  const created = await secrets.send(new CreateSecretCommand({ Name: 'prod/db', SecretString: '{"password":"first-pw"}' }));
  assert.match(created.ARN!, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:prod\/db-[A-Za-z0-9]{6}$/);
  await rejects(secrets.send(new CreateSecretCommand({ Name: 'prod/db', SecretString: 'x' })), 'ResourceExistsException');
  const first = await secrets.send(new GetSecretValueCommand({ SecretId: created.ARN }));
  assert.equal(first.SecretString, '{"password":"first-pw"}');
  assert.deepEqual(first.VersionStages, ['AWSCURRENT']);
  const put = await secrets.send(new PutSecretValueCommand({ SecretId: 'prod/db', SecretString: '{"password":"second-pw"}' }));
  assert.equal((await secrets.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).SecretString, '{"password":"second-pw"}');
  assert.equal((await secrets.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' }))).SecretString, '{"password":"first-pw"}');
  const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'prod/db' }));
  assert.deepEqual(described.VersionIdsToStages![put.VersionId!], ['AWSCURRENT']);
  assert.deepEqual(described.VersionIdsToStages![first.VersionId!], ['AWSPREVIOUS']);
  assert.ok(!stateText().includes('second-pw'), 'sealed at rest');
  assert.equal(new ParameterStore(endpoint.store).resolveSecretReference('prod/db:password'), 'second-pw', 'the store buildspecs and {{resolve:secretsmanager}} read');
  await rejects(secrets.send(new GetSecretValueCommand({ SecretId: 'prod/none' })), 'ResourceNotFoundException');
  await rejects(secrets.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'NOPE' })), 'ResourceNotFoundException');
  await rejects(secrets.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: Buffer.from([1, 2]) })), 'InvalidRequestException');

  for (let i = 0; i < 5; i++) await secrets.send(new CreateSecretCommand({ Name: `list/${i}`, SecretString: `s${i}` }));
  const names: string[] = [];
  for await (const page of paginateListSecrets({ client: secrets, pageSize: 2 }, { Filters: [{ Key: 'name', Values: ['list/'] }] })) names.push(...page.SecretList!.map((s) => s.Name!));
  assert.deepEqual(names, ['list/0', 'list/1', 'list/2', 'list/3', 'list/4']);
  assert.ok((await secrets.send(new ListSecretsCommand({}))).SecretList!.some((s) => s.Name === 'prod/db'));
  const deleted = await secrets.send(new DeleteSecretCommand({ SecretId: 'prod/db', ForceDeleteWithoutRecovery: true }));
  assert.ok(deleted.DeletionDate instanceof Date);
  await rejects(secrets.send(new DescribeSecretCommand({ SecretId: 'prod/db' })), 'ResourceNotFoundException');
});

test("STS GetCallerIdentity: the access key's user in the local account", async () => {
  const alice = await new STSClient(endpoint.client).send(new GetCallerIdentityCommand({}));
  assert.equal(alice.Account, '000000000000');
  assert.equal(alice.Arn, 'arn:aws:iam::000000000000:user/alice');
  assert.match(alice.UserId!, /^AIDA[A-Z2-7]{17}$/);
  const bobKey = createAccessKey(endpoint.store, 'bob').AccessKey;
  const bob = await new STSClient({ ...endpoint.client, credentials: { accessKeyId: bobKey.AccessKeyId, secretAccessKey: bobKey.SecretAccessKey } }).send(new GetCallerIdentityCommand({}));
  assert.equal(bob.Arn, 'arn:aws:iam::000000000000:user/bob');
  assert.notEqual(bob.UserId, alice.UserId);
});
