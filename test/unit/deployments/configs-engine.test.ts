import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { readTrace, sandbox, tracedRevision } from './helpers';

async function deploy(t: { after: (fn: () => void) => void }, config: string, names: string[], failOn: string[], custom?: string) {
  const box = sandbox();
  t.after(box.cleanup);
  box.engine.registry.createApplication('app');
  if (custom) box.engine.registry.createConfig(config, { type: custom.split(':')[0] as 'HOST_COUNT', value: Number(custom.split(':')[1]) });
  box.engine.registry.putGroup({ application: 'app', name: 'g', instances: names.map((n) => ({ name: n, root: path.join(box.dir, n) })), tagFilters: [], config, autoRollback: false }, 'create');
  const trace = path.join(box.dir, 'trace');
  const d = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'rev'), trace, 'v', { ValidateService: failOn }) });
  const statuses = Object.fromEntries(d.instances.map((i) => [i.name, i.status]));
  return { d, statuses, trace };
}

test('OneAtATime stops at the first failed instance; the rest are Skipped', async (t) => {
  const { d, statuses } = await deploy(t, 'CodeDeployDefault.OneAtATime', ['a', 'b', 'c'], ['b']);
  assert.equal(d.status, 'Failed');
  assert.deepEqual(statuses, { a: 'Succeeded', b: 'Failed', c: 'Skipped' });
  assert.ok(d.instances[2].events.every((e) => e.status === 'Skipped'));
});

test('OneAtATime: a failure on the last instance still succeeds', async (t) => {
  const { d, statuses } = await deploy(t, 'CodeDeployDefault.OneAtATime', ['a', 'b', 'c'], ['c']);
  assert.equal(d.status, 'Succeeded');
  assert.deepEqual(statuses, { a: 'Succeeded', b: 'Succeeded', c: 'Failed' });
});

test('OneAtATime deploys in the group order, one instance after the other', async (t) => {
  const { trace } = await deploy(t, 'CodeDeployDefault.OneAtATime', ['b', 'a'], []);
  const lines = readTrace(trace);
  assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['b', 'b', 'b', 'b', 'a', 'a', 'a', 'a']);
});

test('HalfAtATime succeeds when at least half (rounded up) succeeded', async (t) => {
  const ok = await deploy(t, 'CodeDeployDefault.HalfAtATime', ['a', 'b', 'c', 'd', 'e'], ['a', 'b']);
  assert.equal(ok.d.status, 'Succeeded');
  assert.deepEqual(ok.statuses, { a: 'Failed', b: 'Failed', c: 'Succeeded', d: 'Succeeded', e: 'Succeeded' });
  const failed = await deploy(t, 'CodeDeployDefault.HalfAtATime', ['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e']);
  assert.equal(failed.d.status, 'Failed');
  // Each finished instance starts at most one more, and none once 3 of 5 failed: 4 attempted.
  assert.deepEqual(failed.statuses, { a: 'Failed', b: 'Failed', c: 'Failed', d: 'Failed', e: 'Skipped' });
});

test('AllAtOnce succeeds when at least one instance succeeded', async (t) => {
  const one = await deploy(t, 'CodeDeployDefault.AllAtOnce', ['a', 'b', 'c'], ['a', 'b']);
  assert.equal(one.d.status, 'Succeeded');
  const none = await deploy(t, 'CodeDeployDefault.AllAtOnce', ['a', 'b'], ['a', 'b']);
  assert.equal(none.d.status, 'Failed');
});

test('a custom HOST_COUNT config succeeds with its minimum of healthy hosts, fails below it', async (t) => {
  const ok = await deploy(t, 'TwoHealthy', ['a', 'b', 'c', 'd'], ['a'], 'HOST_COUNT:2');
  assert.equal(ok.d.status, 'Succeeded');
  const failed = await deploy(t, 'ThreeHealthy', ['a', 'b', 'c', 'd'], ['a', 'b'], 'HOST_COUNT:3');
  assert.equal(failed.d.status, 'Failed');
  const invalid = await deploy(t, 'AllHealthy', ['a', 'b'], [], 'HOST_COUNT:2');
  assert.equal(invalid.d.status, 'Failed');
  assert.match(invalid.d.errorMessage!, /HEALTH_CONSTRAINTS_INVALID/);
  assert.deepEqual(invalid.statuses, { a: 'Skipped', b: 'Skipped' });
});
