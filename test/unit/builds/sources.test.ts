import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../../runtime/common/errors';
import { listFiles } from '../../../runtime/builds/files';
import { runBuild } from '../../../runtime/builds/runner';
import { provisionFolder } from '../../../runtime/builds/workspace';
import { sandbox, write } from './helpers';

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

describe('build sources', () => {
  let box: ReturnType<typeof sandbox>;
  let commit: string;
  before(() => {
    box = sandbox();
    write(box.src, {
      'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "rev=$CODEBUILD_RESOLVED_SOURCE_VERSION ver=$CODEBUILD_SOURCE_VERSION"\n      - ls\n',
      '.gitignore': 'ignored.txt\nbuild/\n',
      'tracked.txt': 't',
      'ignored.txt': 'i',
      'build/out.bin': 'o',
    });
    git(box.src, 'init', '-q', '-b', 'main');
    git(box.src, 'add', '.');
    git(box.src, 'commit', '-qm', 'first');
    commit = git(box.src, 'rev-parse', 'HEAD');
    write(box.src, { 'untracked.txt': 'u' });
  });
  after(() => box.cleanup());

  it('a git checkout provides tracked and untracked-not-ignored files, never ignored ones', async () => {
    const dest = path.join(box.root, 'ws');
    const source = await provisionFolder(box.src, dest);
    assert.deepEqual(listFiles(dest), ['.gitignore', 'buildspec.yml', 'tracked.txt', 'untracked.txt']);
    assert.equal(source.resolvedSourceVersion, commit);
    assert.equal(source.sourceVersion, 'main');
    fs.rmSync(dest, { recursive: true });
  });

  it('a plain folder is copied whole, without .git and the state home', async () => {
    const plain = path.join(box.root, 'plain');
    write(plain, { 'a.txt': 'a', '.git/HEAD': 'x', '.slipway/builds/x': 'x', 'sub/b.txt': 'b' });
    const dest = path.join(box.root, 'ws2');
    const source = await provisionFolder(plain, dest);
    assert.deepEqual(listFiles(dest), ['a.txt', 'sub/b.txt']);
    assert.equal(source.resolvedSourceVersion, undefined);
  });

  it('builds a git URL at a ref, with CODEBUILD_RESOLVED_SOURCE_VERSION', async () => {
    const bare = path.join(box.root, 'remote.git');
    git(box.root, 'clone', '-q', '--bare', box.src, bare);
    git(box.src, 'checkout', '-q', '-b', 'feature');
    write(box.src, { 'feature.txt': 'f' });
    git(box.src, 'add', '.');
    git(box.src, 'commit', '-qm', 'feature');
    git(box.src, 'push', '-q', bare, 'feature');
    const featureCommit = git(box.src, 'rev-parse', 'HEAD');
    const record = await runBuild({ store: box.store, source: `${bare}#feature` });
    assert.equal(record.status, 'SUCCEEDED');
    assert.equal(record.resolvedSourceVersion, featureCommit);
    const log = fs.readFileSync(record.logFile, 'utf8');
    assert.match(log, new RegExp(`^rev=${featureCommit} ver=feature$`, 'm'));
    assert.match(log, /^feature\.txt$/m);
  });

  it('builds a hosted repository as repo:NAME@REF and refuses an unknown one', async () => {
    const reposDir = box.store.ensure('repos');
    git(reposDir, 'clone', '-q', '--bare', box.src, path.join(reposDir, 'hello.git'));
    const record = await runBuild({ store: box.store, source: `repo:hello@${commit}` });
    assert.equal(record.status, 'SUCCEEDED');
    assert.equal(record.resolvedSourceVersion, commit);
    assert.equal(record.source, `repo:hello@${commit}`);
    await assert.rejects(runBuild({ store: box.store, source: 'repo:nope@main' }), (e: Error) => e instanceof InputError && /no hosted repository nope/.test(e.message));
    await assert.rejects(runBuild({ store: box.store, source: 'repo:hello@no-such-branch' }), /no branch, tag or commit no-such-branch/);
  });
});
