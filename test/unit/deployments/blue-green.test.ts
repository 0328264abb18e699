import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readTrace, sandbox, tracedRevision } from './helpers';

function setup(t: { after: (fn: () => void) => void }, terminationWaitSeconds: number) {
  const box = sandbox();
  t.after(box.cleanup);
  box.engine.registry.createApplication('app');
  box.engine.registry.putGroup(
    { application: 'app', name: 'bg', instances: [{ name: 'a', root: path.join(box.dir, 'a') }], tagFilters: [], config: 'CodeDeployDefault.AllAtOnce', autoRollback: true, blueGreen: { terminationWaitSeconds } },
    'create',
  );
  return box;
}

test('blue/green installs into a replacement root, repoints `current`, then terminates the original', async (t) => {
  const box = setup(t, 0);
  const trace = path.join(box.dir, 'trace');
  const link = path.join(box.dir, 'a/current');
  const first = await box.engine.start('app', 'bg', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') });
  assert.equal(first.status, 'Succeeded');
  assert.equal(fs.readlinkSync(link), path.join(box.dir, 'a/releases', first.id));
  assert.deepEqual(first.instances[0].events.map((e) => e.name).slice(-3), ['BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic']);
  assert.equal(fs.readFileSync(path.join(link, 'srv/app/version.txt'), 'utf8'), 'v1\n');

  fs.rmSync(trace);
  const second = await box.engine.start('app', 'bg', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2') });
  assert.equal(second.status, 'Succeeded');
  assert.equal(fs.readlinkSync(link), path.join(box.dir, 'a/releases', second.id));
  const original = second.instances.find((r) => r.role === 'original')!;
  assert.deepEqual(original.events.map((e) => `${e.name}:${e.status}`), ['BeforeBlockTraffic:Succeeded', 'BlockTraffic:Succeeded', 'AfterBlockTraffic:Succeeded']);
  assert.equal(fs.existsSync(path.join(box.dir, 'a/releases', first.id)), false, 'the original root is removed once the wait is over');
  assert.ok(readTrace(trace).includes('a:original ApplicationStop v1'), "terminating the original runs its revision's ApplicationStop");
  assert.ok(!readTrace(trace).includes('a ApplicationStop v1'), 'a replacement is a fresh instance: no ApplicationStop');
});

test('blue/green keeps originals for the wait time, and a failed replacement leaves traffic on the original', async (t) => {
  const box = setup(t, 3600);
  const trace = path.join(box.dir, 'trace');
  const link = path.join(box.dir, 'a/current');
  const first = await box.engine.start('app', 'bg', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') });
  const failed = await box.engine.start('app', 'bg', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2', { ValidateService: ['a'] }) });
  assert.equal(failed.status, 'Failed');
  assert.equal(fs.readlinkSync(link), path.join(box.dir, 'a/releases', first.id));
  assert.equal(fs.existsSync(path.join(box.dir, 'a/releases', failed.id)), false, 'the failed replacement root is removed');

  const second = await box.engine.start('app', 'bg', { revision: tracedRevision(path.join(box.dir, 'v3'), trace, 'v3') });
  assert.equal(second.status, 'Succeeded');
  assert.ok(fs.existsSync(path.join(box.dir, 'a/releases', first.id)), 'kept during the wait');
  // Pretend the wait is over: the next start (or status) terminates the originals.
  const record = box.engine.getDeployment(second.id)!;
  record.blueGreen!.removeOriginalsAfter = new Date(Date.now() - 1000).toISOString();
  box.store.write(record, 'deployments', 'runs', second.id, 'deployment.json');
  await box.engine.settleAbandoned();
  assert.equal(fs.existsSync(path.join(box.dir, 'a/releases', first.id)), false);
  assert.equal(box.engine.getDeployment(second.id)!.blueGreen!.originalsRemoved, true);
});
