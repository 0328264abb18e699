import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readTrace, groupSandbox, tracedRevision } from './helpers';

const setup = (t: { after: (fn: () => void) => void }, autoRollback: boolean) => groupSandbox(t, { instances: ['a', 'b'], config: 'CodeDeployDefault.AllAtOnce', autoRollback });

test('a failed deployment is rolled back by redeploying the last successful revision, linked both ways', async (t) => {
  const box = setup(t, true);
  const trace = path.join(box.dir, 'trace');
  const good = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') });
  assert.equal(good.status, 'Succeeded');
  fs.rmSync(trace);
  const bad = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2', { ValidateService: ['a', 'b'] }) });
  assert.equal(bad.status, 'Failed');
  assert.ok(bad.rollback, 'the failed deployment names its rollback');
  assert.equal(bad.rollback.status, 'Succeeded');
  const rollback = box.engine.getDeployment(bad.rollback.id)!;
  assert.equal(rollback.rollbackOf, bad.id);
  assert.equal(rollback.creator, 'autoRollback');
  assert.equal(rollback.revision.source, good.revision.bundleDir, 'the rollback redeploys the kept copy of the last good revision');
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/version.txt'), 'utf8'), 'v1\n');
  // v2 stops v1 first. The rollback's ApplicationStop runs from the revision whose Install last
  // succeeded, v2 (the agent's last_successful_install; CodeDeploy user guide, "ApplicationStop"
  // in reference-appspec-file-structure-hooks), then v1 is installed and validated again.
  const onA = readTrace(trace).filter((l) => l.startsWith('a '));
  assert.deepEqual(onA.filter((l) => l.endsWith('v1')), ['a ApplicationStop v1', 'a BeforeInstall v1', 'a AfterInstall v1', 'a ApplicationStart v1', 'a ValidateService v1']);
  assert.ok(onA.indexOf('a ApplicationStop v2') > onA.indexOf('a ValidateService v2'), `the rollback stops v2 before reinstalling v1: ${onA.join(', ')}`);
  assert.deepEqual(box.engine.getDeployment(bad.id)!.rollback, { id: rollback.id, status: 'Succeeded' });
});

test('without auto-rollback, or without an earlier success, nothing is redeployed', async (t) => {
  const box = setup(t, false);
  const trace = path.join(box.dir, 'trace');
  await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') });
  const bad = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2', { ValidateService: ['a', 'b'] }) });
  assert.equal(bad.rollback, null);
  assert.equal(box.engine.listDeployments().length, 2);

  const fresh = setup(t, true);
  const first = await fresh.engine.start('app', 'g', { revision: tracedRevision(path.join(fresh.dir, 'v1'), trace, 'v1', { BeforeInstall: ['a', 'b'] }) });
  assert.equal(first.status, 'Failed');
  assert.equal(first.rollback, null);
  assert.match(first.errorMessage!, /no earlier successful revision/);
});
