import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { InputError } from '../../../runtime/common/errors';
import { groupSandbox, writeRevision, writeZip } from './helpers';

const SPEC = 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\n';

const setup = (t: { after: (fn: () => void) => void }) => groupSandbox(t);

test('a destination escaping the instance root is refused with file:line before anything is written', async (t) => {
  const box = setup(t);
  const rev = writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/../../outside\n', 'app/x': 'x' });
  await assert.rejects(box.engine.start('app', 'g', { revision: rev }), (e: unknown) => e instanceof InputError && /appspec\.yml:4: destination .*outside the instance root/.test(e.message));
  assert.equal(fs.existsSync(path.join(box.dir, 'outside')), false);
  assert.equal(fs.existsSync(path.join(box.dir, 'a')), false);
  assert.equal(box.engine.listDeployments().length, 0);
});

test('a zip entry escaping the revision is refused and nothing is extracted', async (t) => {
  const box = setup(t);
  const zip = path.join(box.dir, 'rev.zip');
  writeZip(zip, { 'appspec.yml': SPEC, 'app/x': 'x', '../../evil.txt': 'evil' });
  await assert.rejects(box.engine.start('app', 'g', { revision: zip }), /entry "\.\.\/\.\.\/evil\.txt" escapes the revision/);
  assert.equal(fs.existsSync(path.join(box.dir, 'evil.txt')), false);
  assert.deepEqual(box.store.list('deployments', 'bundles'), []);
});

test('archive symlinks leading outside are refused (zip and tar)', async (t) => {
  const box = setup(t);
  const zip = path.join(box.dir, 'link.zip');
  writeZip(zip, { 'appspec.yml': SPEC, 'app/x': 'x' }, { 'app/passwd': '/etc/passwd' });
  await assert.rejects(box.engine.start('app', 'g', { revision: zip }), /link "app\/passwd" -> "\/etc\/passwd" points outside/);
  const src = writeRevision(path.join(box.dir, 'tarsrc'), { 'appspec.yml': SPEC, 'app/x': 'x' });
  fs.symlinkSync('../../../etc', path.join(src, 'app/etc'));
  const tar = path.join(box.dir, 'rev.tar.gz');
  execFileSync('tar', ['-czf', tar, '-C', src, '.']);
  await assert.rejects(box.engine.start('app', 'g', { revision: tar }), /link "app\/etc" -> "\.\.\/\.\.\/\.\.\/etc" points outside/);
});

test('a folder revision with a link leading outside is refused', async (t) => {
  const box = setup(t);
  const rev = writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': SPEC, 'app/x': 'x' });
  fs.symlinkSync('/etc', path.join(rev, 'app/etc'));
  await assert.rejects(box.engine.start('app', 'g', { revision: rev }), /symbolic link leads outside the revision/);
});

test('a link planted under the instance root cannot redirect Install outside it', async (t) => {
  const box = setup(t);
  const outside = path.join(box.dir, 'outside');
  fs.mkdirSync(outside);
  fs.mkdirSync(path.join(box.dir, 'a/srv'), { recursive: true });
  fs.symlinkSync(outside, path.join(box.dir, 'a/srv/app'));
  const d = await box.engine.start('app', 'g', { revision: writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': SPEC, 'app/x': 'x' }) });
  assert.equal(d.status, 'Failed');
  assert.match(d.instances[0].events.find((e) => e.name === 'Install')!.message!, /symbolic link leading outside the instance root/);
  assert.deepEqual(fs.readdirSync(outside), []);
});

test('zip and tar.gz revisions deploy like folders', async (t) => {
  const box = setup(t);
  const zip = path.join(box.dir, 'rev.zip');
  writeZip(zip, { 'appspec.yml': SPEC, 'app/from-zip.txt': 'zip' });
  assert.equal((await box.engine.start('app', 'g', { revision: zip })).status, 'Succeeded');
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/from-zip.txt'), 'utf8'), 'zip');
  const src = writeRevision(path.join(box.dir, 'tarsrc'), { 'appspec.yml': SPEC, 'app/from-tar.txt': 'tar' });
  const tar = path.join(box.dir, 'rev.tar.gz');
  execFileSync('tar', ['-czf', tar, '-C', src, '.']);
  assert.equal((await box.engine.start('app', 'g', { revision: tar })).status, 'Succeeded');
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/from-tar.txt'), 'utf8'), 'tar');
  assert.equal(fs.existsSync(path.join(box.dir, 'a/srv/app/from-zip.txt')), false, 'the zip revision files were cleaned up');
});

test('build:ID deploys the build artifact folder; a missing build is bad input', async (t) => {
  const box = setup(t);
  writeRevision(box.store.path('builds', 'b-1', 'artifacts'), { 'appspec.yml': SPEC, 'app/built.txt': 'built' });
  assert.equal((await box.engine.start('app', 'g', { revision: 'build:b-1' })).status, 'Succeeded');
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/built.txt'), 'utf8'), 'built');
  await assert.rejects(box.engine.start('app', 'g', { revision: 'build:nope' }), /build nope has no artifact folder/);
});

test('a zip made by the zip tool keeps executable scripts executable', async (t) => {
  const box = setup(t);
  const src = writeRevision(path.join(box.dir, 'zipsrc'), {
    'appspec.yml': `${SPEC}hooks:\n  AfterInstall:\n    - location: scripts/after.sh\n`,
    'app/x.txt': 'x',
    'scripts/after.sh': `#!/bin/sh\ntouch "${path.join(box.dir, 'ran')}"\n`,
  });
  const zip = path.join(box.dir, 'tool.zip');
  execFileSync('zip', ['-q', '-r', zip, '.'], { cwd: src });
  const d = await box.engine.start('app', 'g', { revision: zip });
  assert.equal(d.status, 'Succeeded');
  assert.ok(fs.existsSync(path.join(box.dir, 'ran')));
  const archive = box.store.path('deployments', 'agent', d.groupId, 'a', d.id, 'deployment-archive', 'scripts', 'after.sh');
  assert.equal(fs.statSync(archive).mode & 0o111, 0o111, 'the mode came from the zip entry');
  assert.doesNotMatch(fs.readFileSync(d.instances[0].events[4].logFile!, 'utf8'), /not executable/);
});
