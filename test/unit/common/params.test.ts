import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateStore } from '../../../runtime/common/state';
import { ParameterStore, SecretMasker, splitSecretReference } from '../../../runtime/common/params';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-params-'));
process.env.SLIPWAY_KMS_KEY_FILE = path.join(dir, 'key', 'kms.key');

test('parameters round-trip; SecureString values are sealed at rest', () => {
  const store = new StateStore(path.join(dir, 'home'));
  const params = new ParameterStore(store);
  params.putParameter('/app/plain', 'visible');
  params.putParameter('/app/secret', 'hunter2-very-secret', 'SecureString');
  assert.equal(params.getParameter('/app/plain').value, 'visible');
  const secret = params.getParameter('/app/secret');
  assert.equal(secret.value, 'hunter2-very-secret');
  assert.equal(secret.secure, true);
  const onDisk = fs.readFileSync(path.join(dir, 'home', 'params', 'parameters.json'), 'utf8');
  assert.ok(onDisk.includes('visible'));
  assert.ok(!onDisk.includes('hunter2'));
  assert.equal((fs.statSync(process.env.SLIPWAY_KMS_KEY_FILE!).mode & 0o777).toString(8), '600');
  assert.equal(params.putParameter('/app/plain', 'again'), 2);
});

test('secrets: versions, stages and JSON keys', () => {
  const params = new ParameterStore(new StateStore(path.join(dir, 'home2')));
  params.putSecret('db', JSON.stringify({ user: 'admin', password: 'p@ss' }));
  params.putSecret('db', JSON.stringify({ user: 'admin', password: 'n3w' }));
  assert.equal(params.resolveSecretReference('db:password'), 'n3w');
  assert.equal(params.resolveSecretReference('db:password:AWSPREVIOUS'), 'p@ss');
  assert.throws(() => params.resolveSecretReference('db:nope'), /no JSON key nope/);
  assert.throws(() => params.getSecret('missing'), /not in the local secret store/);
  assert.ok(!fs.readFileSync(path.join(dir, 'home2', 'params', 'secrets.json'), 'utf8').includes('p@ss'));
});

test('secret references keep ARN colons', () => {
  assert.deepEqual(splitSecretReference('arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbC:password::'), ['db-AbC', 'password', '', '']);
  assert.deepEqual(splitSecretReference('db:user:AWSCURRENT'), ['db', 'user', 'AWSCURRENT', '']);
});

test('the masker hides every known secret, longest first', () => {
  const masker = new SecretMasker();
  masker.add('abc');
  masker.add('abcdef');
  assert.equal(masker.mask('x abcdef y abc z'), 'x *** y *** z');
});
