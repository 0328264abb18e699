// The AWS CLI's own credential helper signs; Slipway checks. CodeCommit User Guide,
// "Setup steps for HTTPS connections to AWS CodeCommit repositories on Linux, macOS, or Unix
// with the AWS CLI credential helper".
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { isGitCredentialUser, verifyGitCredential } from '../../../runtime/api/codecommit/git-credentials';

const AWS = fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const KEY = { id: 'AKIAABCDEFGHIJKLMNOP', secret: 'c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NQ==' };
const lookup = (id: string) => (id === KEY.id ? { user: 'alice', secret: KEY.secret } : undefined);

/** What `git` gets back from `aws codecommit credential-helper get` for a URL. */
function helper(host: string, path: string, secret = KEY.secret): { username: string; password: string } {
  const input = `protocol=http\nhost=${host}\npath=${path}\n\n`;
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: KEY.id, AWS_SECRET_ACCESS_KEY: secret, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  const run = spawnSync(AWS, ['codecommit', 'credential-helper', '--ignore-host-check', 'get'], { input, env, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const fields = Object.fromEntries(run.stdout.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
  return { username: fields.username, password: fields.password };
}

describe('git over HTTPS with the AWS CLI credential helper (setting-up-https-unixes)', () => {
  it('accepts the helper signature for the repository path (the guide sets credential.UseHttpPath true)', async () => {
    const signed = helper('127.0.0.1:4566', 'app.git');
    assert.ok(isGitCredentialUser(signed.username));
    assert.equal(await verifyGitCredential(signed.username, signed.password, { host: '127.0.0.1:4566', repositoryPath: '/app.git' }, lookup), 'alice');
  });

  it('refuses a wrong secret, another repository, another host, an unknown key, a stale or malformed password', async () => {
    const good = helper('127.0.0.1:4566', 'app.git');
    const wrong = helper('127.0.0.1:4566', 'app.git', 'd3Jvbmctc2VjcmV0LWtleS1mb3ItdGVzdHMtMTIzNDU2Nzg=');
    assert.equal(await verifyGitCredential(wrong.username, wrong.password, { host: '127.0.0.1:4566', repositoryPath: '/app.git' }, lookup), undefined);
    assert.equal(await verifyGitCredential(good.username, good.password, { host: '127.0.0.1:4566', repositoryPath: '/other.git' }, lookup), undefined);
    assert.equal(await verifyGitCredential(good.username, good.password, { host: 'localhost:4566', repositoryPath: '/app.git' }, lookup), undefined);
    assert.equal(await verifyGitCredential('AKIAZZZZZZZZZZZZZZZZ', good.password, { host: '127.0.0.1:4566', repositoryPath: '/app.git' }, lookup), undefined);
    assert.equal(await verifyGitCredential(good.username, good.password, { host: '127.0.0.1:4566', repositoryPath: '/app.git' }, lookup, Date.now() + 16 * 60 * 1000), undefined);
    for (const password of ['', 'x', `${good.password}0`, good.password.replace('Z', 'z'), '99999999T999999Z' + 'a'.repeat(64)]) {
      assert.equal(await verifyGitCredential(good.username, password, { host: '127.0.0.1:4566', repositoryPath: '/app.git' }, lookup), undefined, password);
    }
    assert.equal(isGitCredentialUser('alice'), false, 'a Slipway token user is not the helper form');
  });
});
