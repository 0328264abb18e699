import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { exits, readTrace, groupSandbox, tracedRevision, traceScript, writeRevision, appspecWith } from './helpers';

const setup = (t: { after: (fn: () => void) => void }, instances = ['a']) => groupSandbox(t, { instances });

test('hooks run in CodeDeploy order; ApplicationStop is skipped on the first deployment and runs the previous revision script after', async (t) => {
  const box = setup(t);
  const trace = path.join(box.dir, 'trace');
  const first = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1') });
  assert.equal(first.status, 'Succeeded');
  assert.deepEqual(readTrace(trace), ['a BeforeInstall v1', 'a AfterInstall v1', 'a ApplicationStart v1', 'a ValidateService v1']);
  assert.deepEqual(
    first.instances[0].events.map((e) => `${e.name}:${e.status}`),
    ['ApplicationStop:Skipped', 'DownloadBundle:Succeeded', 'BeforeInstall:Succeeded', 'Install:Succeeded', 'AfterInstall:Succeeded', 'ApplicationStart:Succeeded', 'ValidateService:Succeeded'],
  );
  fs.rmSync(trace);
  const second = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2') });
  assert.equal(second.status, 'Succeeded');
  assert.deepEqual(readTrace(trace), ['a ApplicationStop v1', 'a BeforeInstall v2', 'a AfterInstall v2', 'a ApplicationStart v2', 'a ValidateService v2']);
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/version.txt'), 'utf8'), 'v2\n');
  const stopLog = second.instances[0].events.find((e) => e.name === 'ApplicationStop')!.logFile!;
  assert.ok(fs.existsSync(stopLog), 'the output of each hook is kept per instance per event');
});

test('scripts get the lifecycle environment and run in the revision copy on the instance', async (t) => {
  const box = setup(t);
  const out = path.join(box.dir, 'env.txt');
  const script = `#!/bin/sh\necho "$LIFECYCLE_EVENT|$DEPLOYMENT_ID|$APPLICATION_NAME|$DEPLOYMENT_GROUP_NAME|$DEPLOYMENT_GROUP_ID|$SLIPWAY_INSTANCE_NAME|$SLIPWAY_INSTANCE_ROOT|$(pwd)" > "${out}"\necho "hello from the hook"\n`;
  const rev = writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': appspecWith(['AfterInstall']), 'app/x': 'x', 'scripts/AfterInstall.sh': script });
  const d = await box.engine.start('app', 'g', { revision: rev });
  assert.equal(d.status, 'Succeeded');
  const [event, id, app, group, groupId, name, root, cwd] = fs.readFileSync(out, 'utf8').trim().split('|');
  assert.deepEqual([event, id, app, group, groupId, name, root], ['AfterInstall', d.id, 'app', 'g', d.groupId, 'a', path.join(box.dir, 'a')]);
  assert.equal(cwd, box.store.path('deployments', 'agent', d.groupId, 'a', d.id, 'deployment-archive'));
  const log = d.instances[0].events.find((e) => e.name === 'AfterInstall')!.logFile!;
  assert.match(fs.readFileSync(log, 'utf8'), /hello from the hook/);
});

test('Install removes what the previous revision installed', async (t) => {
  const box = setup(t);
  const spec = 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\n';
  await box.engine.start('app', 'g', { revision: writeRevision(path.join(box.dir, 'v1'), { 'appspec.yml': spec, 'app/old.txt': '1', 'app/keep/same.txt': '1' }) });
  fs.writeFileSync(path.join(box.dir, 'a/srv/app/keep/runtime.log'), 'written by the service');
  const d = await box.engine.start('app', 'g', { revision: writeRevision(path.join(box.dir, 'v2'), { 'appspec.yml': spec, 'app/new.txt': '2', 'app/keep/same.txt': '2' }) });
  assert.equal(d.status, 'Succeeded');
  assert.equal(fs.existsSync(path.join(box.dir, 'a/srv/app/old.txt')), false);
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/keep/same.txt'), 'utf8'), '2');
  assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/keep/runtime.log'), 'utf8'), 'written by the service');
});

for (const [behavior, status, content] of [
  ['DISALLOW', 'Failed', 'foreign'],
  ['OVERWRITE', 'Succeeded', 'revision'],
  ['RETAIN', 'Succeeded', 'foreign'],
] as const) {
  test(`file_exists_behavior ${behavior} with a file that was not installed by a deployment`, async (t) => {
    const box = setup(t);
    fs.mkdirSync(path.join(box.dir, 'a/srv/app'), { recursive: true });
    fs.writeFileSync(path.join(box.dir, 'a/srv/app/config.txt'), 'foreign');
    const spec = `version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\nfile_exists_behavior: ${behavior}\n`;
    const d = await box.engine.start('app', 'g', { revision: writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': spec, 'app/config.txt': 'revision', 'app/other.txt': 'o' }) });
    assert.equal(d.status, status);
    assert.equal(fs.readFileSync(path.join(box.dir, 'a/srv/app/config.txt'), 'utf8'), content);
    if (behavior === 'DISALLOW') {
      assert.match(d.instances[0].events.find((e) => e.name === 'Install')!.message!, /already exists/);
      assert.equal(fs.existsSync(path.join(box.dir, 'a/srv/app/other.txt')), false, 'nothing is written when one file is refused');
    }
  });
}

test('a hook past its timeout is killed with its process tree and fails the instance', async (t) => {
  const box = setup(t);
  const childPid = path.join(box.dir, 'child.pid');
  const script = `#!/bin/sh\nsleep 300 &\necho $! > "${childPid}"\nwait\n`;
  const spec = 'version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: scripts/slow.sh\n      timeout: 1\n';
  const d = await box.engine.start('app', 'g', { revision: writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': spec, 'scripts/slow.sh': script }) });
  assert.equal(d.status, 'Failed');
  const event = d.instances[0].events.find((e) => e.name === 'BeforeInstall')!;
  assert.match(event.message!, /timed out after 1 s/);
  const pid = Number(fs.readFileSync(childPid, 'utf8'));
  assert.equal(await exits(pid), true, 'the script child is gone too');
});

test('permissions set modes on matching installed files; a non-executable script is made executable', async (t) => {
  const box = setup(t);
  const trace = path.join(box.dir, 'trace');
  const spec = `${appspecWith(['AfterInstall'], 'permissions:\n  - object: /srv/app\n    pattern: "*.sh"\n    except: [skip.sh]\n    mode: 700\n    type: [file]\n')}`;
  const rev = writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': spec, 'app/run.sh': 'x', 'app/skip.sh': 'x', 'app/data.txt': 'x' });
  fs.mkdirSync(path.join(rev, 'scripts'));
  fs.writeFileSync(path.join(rev, 'scripts/AfterInstall.sh'), traceScript(trace, 'v'), { mode: 0o644 });
  const d = await box.engine.start('app', 'g', { revision: rev });
  assert.equal(d.status, 'Succeeded');
  const mode = (f: string) => fs.statSync(path.join(box.dir, 'a/srv/app', f)).mode & 0o777;
  assert.equal(mode('run.sh'), 0o700);
  assert.equal(mode('skip.sh'), 0o755);
  assert.equal(mode('data.txt'), 0o644);
  assert.deepEqual(readTrace(trace), ['a AfterInstall v']);
});

test('--ignore-application-stop-failures continues past a failing ApplicationStop of the previous revision', async (t) => {
  const box = setup(t);
  const trace = path.join(box.dir, 'trace');
  await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v1'), trace, 'v1', { ApplicationStop: ['a'] }) });
  const blocked = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v2'), trace, 'v2') });
  assert.equal(blocked.status, 'Failed', "v1's ApplicationStop fails the next deployment");
  const passed = await box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v3'), trace, 'v3'), ignoreApplicationStopFailures: true });
  assert.equal(passed.status, 'Succeeded');
  assert.match(passed.instances[0].events[0].message!, /ignored \(ignoreApplicationStopFailures\)/);
});

test('an appspec for another OS, or a second deployment to a busy group, is refused', async (t) => {
  const box = setup(t);
  const rev = writeRevision(path.join(box.dir, 'win'), { 'appspec.yml': 'version: 0.0\nos: windows\n' });
  await assert.rejects(box.engine.start('app', 'g', { revision: rev }), /appspec\.yml:2: the appspec is for windows instances/);
  const group = box.engine.registry.requireGroup('app', 'g');
  assert.ok(box.store.tryLock(`deploy-group-active-${group.id}`));
  await assert.rejects(box.engine.start('app', 'g', { revision: tracedRevision(path.join(box.dir, 'v'), path.join(box.dir, 'trace'), 'v') }), /already has an active deployment/);
  box.store.unlock(`deploy-group-active-${group.id}`);
});

test('runas: as root the script runs as that user; otherwise as the current user, which the log says', async (t) => {
  const box = setup(t);
  fs.chmodSync(box.dir, 0o755); // the revision copy must be reachable by the runas user
  const out = path.join(box.dir, 'whoami.txt');
  fs.writeFileSync(out, '');
  fs.chmodSync(out, 0o666);
  const spec = 'version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: scripts/who.sh\n      runas: nobody\n';
  const rev = writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': spec, 'scripts/who.sh': `#!/bin/sh\nid -un >> "${out}"\n` });
  const d = await box.engine.start('app', 'g', { revision: rev });
  assert.equal(d.status, 'Succeeded', d.instances[0].events.map((e) => e.message).join(' '));
  const asRoot = process.getuid?.() === 0;
  assert.equal(fs.readFileSync(out, 'utf8').trim(), asRoot ? 'nobody' : os.userInfo().username);
  if (!asRoot) assert.match(fs.readFileSync(d.instances[0].events[2].logFile!, 'utf8'), /runas nobody: running as/);
});

test('like the agent, a background process holding the hook output keeps the event open until its timeout', async (t) => {
  const box = setup(t);
  const pidFile = path.join(box.dir, 'bg.pid');
  const spec = 'version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n      timeout: 1\n';
  const script = `#!/bin/sh\nsleep 300 &\necho $! > "${pidFile}"\necho started\nexit 0\n`;
  const d = await box.engine.start('app', 'g', { revision: writeRevision(path.join(box.dir, 'rev'), { 'appspec.yml': spec, 'scripts/start.sh': script }) });
  assert.equal(d.status, 'Failed');
  const event = d.instances[0].events.find((e) => e.name === 'ApplicationStart')!;
  assert.match(event.message!, /timed out after 1 s \(it had exited, but a background process held its output open\)/);
  assert.match(fs.readFileSync(event.logFile!, 'utf8'), /started\n[\s\S]*keeps its output open/);
  assert.equal(await exits(Number(fs.readFileSync(pidFile, 'utf8'))), true, 'the background process went with the process tree');
});
