// Scenario tests of CodeDeploy behaviours, each named after the AWS page it follows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { appspecWith, readTrace, groupSandbox, tracedRevision, writeRevision } from './helpers';

const setup = (t: { after: (fn: () => void) => void }) => groupSandbox(t);

test('CodeDeploy reference-appspec-file-structure-permissions: type [file] applies only to files immediately within object; type [directory] to folders anywhere under it', async (t) => {
  const box = setup(t);
  const spec = appspecWith(['AfterInstall'], 'permissions:\n  - object: /srv/app\n    mode: 600\n    type: [file]\n  - object: /srv/app\n    mode: 700\n    type: [directory]\n');
  const rev = writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': spec, 'app/top.txt': 't', 'app/sub/deep.txt': 'd', 'app/sub/inner/deeper.txt': 'x', 'scripts/AfterInstall.sh': '#!/bin/sh\ntrue\n' });
  const d = await box.engine.start('app', 'g', { revision: rev });
  assert.equal(d.status, 'Succeeded');
  const mode = (rel: string) => (fs.statSync(path.join(box.dir, 'a/srv/app', rel)).mode & 0o777).toString(8);
  assert.equal(mode('top.txt'), '600');
  assert.notEqual(mode('sub/deep.txt'), '600', 'a file below a subfolder is not "immediately within" object');
  assert.equal(mode('sub'), '700');
  assert.equal(mode('sub/inner'), '700');
});

test('CodeDeploy reference-appspec-file-structure-hooks: after a deployment that failed after Install, ApplicationStop runs from the revision whose Install last succeeded', async (t) => {
  const box = setup(t);
  const trace = path.join(box.dir, 'trace');
  assert.equal((await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') })).status, 'Succeeded');
  const failed = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2', { ValidateService: ['a'] }) });
  assert.equal(failed.status, 'Failed');
  fs.rmSync(trace);
  assert.equal((await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v3'), trace, 'v3') })).status, 'Succeeded');
  assert.equal(readTrace(trace)[0], 'a ApplicationStop v2', 'v2 was installed (and started its app), so its scripts stop it');
});

test('CodeDeploy reference-appspec-file-structure-hooks: a deployment that failed before Install leaves ApplicationStop with the last installed revision', async (t) => {
  const box = setup(t);
  const trace = path.join(box.dir, 'trace');
  await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') });
  assert.equal((await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2', { BeforeInstall: ['a'] }) })).status, 'Failed');
  fs.rmSync(trace);
  await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v3'), trace, 'v3') });
  assert.equal(readTrace(trace)[0], 'a ApplicationStop v1');
});
