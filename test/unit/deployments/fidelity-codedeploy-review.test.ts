// Scenario tests of CodeDeploy EC2/On-premises behaviours, each named after the AWS page it follows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { codedeployService } from '../../../runtime/api/codedeploy';
import { HOOK_EVENTS, appspecWith, groupSandbox, readTrace, tracedRevision, writeRevision } from './helpers';

test('CodeDeploy reference-appspec-file-structure-hooks (in-place run order): the first deployment skips ApplicationStop; later ones run every hook in order', async (t) => {
  const box = groupSandbox(t);
  const trace = path.join(box.dir, 'trace');
  assert.equal((await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') })).status, 'Succeeded');
  assert.deepEqual(readTrace(trace).map((l) => l.split(' ')[1]), HOOK_EVENTS.filter((e) => e !== 'ApplicationStop'));
  fs.rmSync(trace);
  const second = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2') });
  assert.deepEqual(readTrace(trace).map((l) => l.split(' ')[1]), HOOK_EVENTS);
  assert.deepEqual(second.instances[0].events.map((e) => e.name), ['ApplicationStop', 'DownloadBundle', 'BeforeInstall', 'Install', 'AfterInstall', 'ApplicationStart', 'ValidateService']);
});

test('CodeDeploy reference-appspec-file-structure-hooks (environment variables): hooks see LIFECYCLE_EVENT, DEPLOYMENT_ID, APPLICATION_NAME, DEPLOYMENT_GROUP_NAME, DEPLOYMENT_GROUP_ID', async (t) => {
  const box = groupSandbox(t);
  const out = path.join(box.dir, 'env.txt');
  const rev = writeRevision(path.join(box.dir, 'rev'), {
    'appspec.yml': appspecWith(['AfterInstall']),
    'app/x.txt': 'x',
    'scripts/AfterInstall.sh': `#!/bin/sh\necho "$LIFECYCLE_EVENT|$DEPLOYMENT_ID|$APPLICATION_NAME|$DEPLOYMENT_GROUP_NAME|$DEPLOYMENT_GROUP_ID" > "${out}"\n`,
  });
  const d = await box.engine.start('app', 'g', { revision: rev });
  assert.equal(d.status, 'Succeeded');
  const [event, id, application, group, groupId] = fs.readFileSync(out, 'utf8').trim().split('|');
  assert.deepEqual([event, id, application, group], ['AfterInstall', d.id, 'app', 'g']);
  assert.match(id, /^d-[A-Z0-9]{9}$/, 'deployment ids have CodeDeploy\'s form');
  assert.match(groupId, /^[0-9a-f-]{36}$/);
});

test('CodeDeploy reference-appspec-file-structure files (file_exists_behavior): DISALLOW fails on a file CodeDeploy did not put there; OVERWRITE replaces it; RETAIN keeps it', async (t) => {
  const box = groupSandbox(t);
  const target = path.join(box.dir, 'a/srv/app/config.txt');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const revision = (behaviour?: string) =>
    writeRevision(path.join(box.dir, `rev-${behaviour ?? 'default'}`), {
      'appspec.yml': `version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\n${behaviour ? `file_exists_behavior: ${behaviour}\n` : ''}`,
      'app/config.txt': `from ${behaviour ?? 'default'}\n`,
    });
  fs.writeFileSync(target, 'placed by hand\n');
  assert.equal((await box.engine.start('app', 'g', { revision: revision() })).status, 'Failed');
  assert.equal(fs.readFileSync(target, 'utf8'), 'placed by hand\n');
  assert.equal((await box.engine.start('app', 'g', { revision: revision('RETAIN') })).status, 'Succeeded');
  assert.equal(fs.readFileSync(target, 'utf8'), 'placed by hand\n');
  fs.writeFileSync(target, 'placed by hand again\n');
  assert.equal((await box.engine.start('app', 'g', { revision: revision('OVERWRITE') })).status, 'Succeeded');
  assert.equal(fs.readFileSync(target, 'utf8'), 'from OVERWRITE\n');
});

test('CodeDeploy deployment-configurations (OneAtATime): a failure on the first instance fails the deployment and the others are skipped', async (t) => {
  const box = groupSandbox(t, { instances: ['a', 'b', 'c'] });
  const trace = path.join(box.dir, 'trace');
  const d = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'bad'), trace, 'bad', { AfterInstall: ['a', 'b', 'c'] }) });
  assert.equal(d.status, 'Failed');
  const statuses = Object.fromEntries(d.instances.map((i) => [i.name, i.status]));
  assert.equal(Object.values(statuses).filter((s) => s === 'Failed').length, 1, JSON.stringify(statuses));
  assert.equal(Object.values(statuses).filter((s) => s === 'Skipped').length, 2, JSON.stringify(statuses));
});

test('CodeDeploy deployment-configurations (AllAtOnce): the deployment succeeds when at least one instance succeeds', async (t) => {
  const box = groupSandbox(t, { instances: ['a', 'b'], config: 'CodeDeployDefault.AllAtOnce' });
  const trace = path.join(box.dir, 'trace');
  const d = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'half'), trace, 'half', { AfterInstall: ['a'] }) });
  assert.equal(d.status, 'Succeeded', JSON.stringify(d.instances.map((i) => [i.name, i.status])));
});

test('CodeDeploy deployments-rollback-and-redeploy: with automatic rollback, a failed deployment starts a new deployment of the last good revision', async (t) => {
  const box = groupSandbox(t, { autoRollback: true });
  const trace = path.join(box.dir, 'trace');
  const good = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'good'), trace, 'good') });
  const bad = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'bad'), trace, 'bad', { ValidateService: ['a'] }) });
  assert.equal(bad.status, 'Failed');
  const latest = box.engine.getDeployment(bad.id)!;
  assert.ok(latest.rollback, 'the failed deployment names its rollback');
  const rollback = box.engine.getDeployment(latest.rollback!.id)!;
  assert.notEqual(rollback.id, bad.id);
  assert.equal(rollback.rollbackOf, bad.id);
  assert.equal(rollback.status, 'Succeeded');
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/version.txt'), 'utf8'), 'good\n');
  assert.ok(good.id);
});

test('CodeDeploy reference-appspec-file-structure-hooks: a hook whose script is not in the revision is refused before any instance changes, naming the appspec line', async (t) => {
  const box = groupSandbox(t);
  const rev = writeRevision(path.join(box.dir, 'missing-script'), { 'appspec.yml': appspecWith(['AfterInstall']), 'app/x.txt': 'x' });
  await assert.rejects(box.engine.start('app', 'g', { revision: rev }), /appspec\.yml:8: hook script "scripts\/AfterInstall\.sh" does not exist in the revision/);
  assert.ok(!fs.existsSync(path.join(box.dir, 'a/srv/app/x.txt')), 'nothing was installed');
});

test('CodeDeploy API_Diagnostics: a failed hook\'s lifecycle event names the script and says ScriptFailed, or ScriptTimedOut when it outran its timeout', async (t) => {
  const box = groupSandbox(t);
  const call = (operation: string, input: Record<string, unknown>) =>
    codedeployService.operations[operation](input, { store: box.store, user: 'alice', accountId: '000000000000', region: 'us-east-1', requestId: 'r' }) as Promise<{ deploymentTargets: Array<{ instanceTarget: { lifecycleEvents: Array<{ lifecycleEventName: string; status: string; diagnostics?: Record<string, string> }> } }> }>;
  const diagnosticsOf = async (deploymentId: string, event: string) =>
    (await call('BatchGetDeploymentTargets', { deploymentId, targetIds: ['a'] })).deploymentTargets[0].instanceTarget.lifecycleEvents.find((e) => e.lifecycleEventName === event)!.diagnostics!;

  const failing = writeRevision(path.join(box.dir, 'failing'), { 'appspec.yml': appspecWith(['AfterInstall']), 'app/x.txt': 'x', 'scripts/AfterInstall.sh': '#!/bin/sh\necho broken >&2\nexit 3\n' });
  const failed = await box.engine.start('app', 'g', { revision: failing });
  assert.equal(failed.status, 'Failed');
  const diagnostics = await diagnosticsOf(failed.id, 'AfterInstall');
  assert.equal(diagnostics.errorCode, 'ScriptFailed');
  assert.equal(diagnostics.scriptName, 'scripts/AfterInstall.sh');
  assert.match(diagnostics.logTail, /broken/);

  const slow = writeRevision(path.join(box.dir, 'slow'), { 'appspec.yml': appspecWith(['AfterInstall']).replace('timeout: 30', 'timeout: 1'), 'app/x.txt': 'x', 'scripts/AfterInstall.sh': '#!/bin/sh\nexec sleep 60\n' });
  const timedOut = await box.engine.start('app', 'g', { revision: slow });
  assert.equal(timedOut.status, 'Failed');
  assert.deepEqual(
    [(await diagnosticsOf(timedOut.id, 'AfterInstall')).errorCode, (await diagnosticsOf(timedOut.id, 'AfterInstall')).scriptName],
    ['ScriptTimedOut', 'scripts/AfterInstall.sh'],
  );
  assert.equal((await diagnosticsOf(timedOut.id, 'Install')).errorCode, 'Success', 'events that succeeded say Success');
});
