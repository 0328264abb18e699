// `slipway serve` answers reads from its record cache (runtime/common/record-cache.ts); what
// the CLI writes in another process is what the next API request sees: a parameter's new
// value, a deleted access key (its requests refused at once). The endpoint's store uses a
// clock 10 s ahead, so that the records just written count as at rest and are cached.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
import '../../../runtime/plugins';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createAccessKey } from '../../../runtime/api/access-keys';
import { createEndpoint } from '../../../runtime/api/server';
import { StateStore } from '../../../runtime/common/state';
import { listen } from '../../../runtime/repos/http';
import { tempFolder } from '../sandbox';
import { rejects } from './endpoint';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

test('a parameter the CLI changes and an access key the CLI deletes are seen by the very next API request', async (t) => {
  const { dir: root } = tempFolder('slipway-api-fresh-', t);
  const env = { ...process.env, SLIPWAY_HOME: path.join(root, 'home'), SLIPWAY_KMS_KEY_FILE: path.join(root, 'kms.key') };
  process.env.SLIPWAY_KMS_KEY_FILE = env.SLIPWAY_KMS_KEY_FILE;
  const store = new StateStore(env.SLIPWAY_HOME, { cache: { now: () => Date.now() + 10_000 } });
  const server = createEndpoint(store);
  const url = await listen(server, '127.0.0.1', 0);
  t.after(() => {
    server.close();
    server.closeAllConnections();
  });
  const key = createAccessKey(store, 'alice').AccessKey;
  const ssm = new SSMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }, maxAttempts: 1 });
  const cli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  };
  const value = async () => (await ssm.send(new GetParameterCommand({ Name: '/app/db', WithDecryption: true }))).Parameter;

  await ssm.send(new PutParameterCommand({ Name: '/app/db', Value: 'one', Type: 'SecureString' }));
  assert.equal((await value())?.Value, 'one');
  const hits = store.records.stats.hits;
  assert.equal((await value())?.Value, 'one');
  assert.ok(store.records.stats.hits > hits, 'the second GetParameter was answered from the cache');

  // The same length of value, twice between two requests: only the record's identity tells them apart.
  cli('param', 'put', '/app/db', 'two', '--secure');
  cli('param', 'put', '/app/db', 'six', '--secure');
  const changed = await value();
  assert.equal(changed?.Value, 'six');
  assert.equal(changed?.Version, 3);

  cli('user', 'access-key', 'delete', 'alice', key.AccessKeyId);
  await rejects(value(), 'UnrecognizedClientException', 400);
});
