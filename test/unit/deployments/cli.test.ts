import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../../runtime/cli/main';
import { exits, sandbox, tracedRevision } from './helpers';

const EXAMPLE = path.resolve(__dirname, '../../../examples/hello-service');

async function cli(home: string, cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const previous = process.env.SLIPWAY_HOME;
  process.env.SLIPWAY_HOME = home;
  try {
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, cwd);
    return { code, stdout, stderr, json: () => JSON.parse(stdout) };
  } finally {
    if (previous === undefined) delete process.env.SLIPWAY_HOME;
    else process.env.SLIPWAY_HOME = previous;
  }
}

test('examples/hello-service deploys to two local instances and answers over HTTP', async (t) => {
  const box = sandbox();
  const pids = () => ['a', 'b'].map((n) => path.join(box.dir, n, 'srv/hello-service/service.pid')).filter((f) => fs.existsSync(f)).map((f) => Number(fs.readFileSync(f, 'utf8')));
  t.after(async () => {
    for (const pid of pids()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already stopped
      }
      await exits(pid);
    }
    box.cleanup();
  });
  const home = box.store.home;
  assert.equal((await cli(home, box.dir, 'deploy', 'app', 'create', 'hello')).code, 0);
  assert.equal((await cli(home, box.dir, 'deploy', 'group', 'create', 'hello', 'local', '--instance', 'a=a', '--instance', 'b=b')).code, 0);
  const run = await cli(home, box.dir, 'deploy', 'start', 'hello', 'local', '--revision', EXAMPLE, '--json');
  assert.equal(run.code, 0, run.stderr);
  // GetDeployment's DeploymentInfo (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_DeploymentInfo.html) and the targets' lifecycle events.
  const doc = run.json();
  assert.deepEqual(Object.keys(doc).sort(), ['deploymentInfo', 'deploymentTargets', 'slipway']);
  const result = doc.deploymentInfo;
  assert.equal(result.status, 'Succeeded');
  assert.deepEqual([result.applicationName, result.deploymentGroupName], ['hello', 'local']);
  assert.deepEqual(result.deploymentOverview, { Pending: 0, InProgress: 0, Succeeded: 2, Failed: 0, Skipped: 0, Ready: 0 });
  assert.deepEqual(doc.deploymentTargets.map((t: { instanceTarget: { targetId: string; status: string } }) => `${t.instanceTarget.targetId}:${t.instanceTarget.status}`), ['a:Succeeded', 'b:Succeeded']);
  const validate = doc.deploymentTargets[0].instanceTarget.lifecycleEvents.find((e: { lifecycleEventName: string }) => e.lifecycleEventName === 'ValidateService');
  assert.equal(validate.status, 'Succeeded');
  const local = doc.slipway.instances[0].events.find((e: { name: string }) => e.name === 'ValidateService');
  assert.equal(typeof local.durationMs, 'number');
  assert.match(fs.readFileSync(local.logFile, 'utf8'), /hello-service answers on http:\/\/127\.0\.0\.1:\d+/);
  for (const name of ['a', 'b']) {
    const port = fs.readFileSync(path.join(box.dir, name, 'srv/hello-service/port'), 'utf8').trim();
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).json();
    assert.equal(body.message, 'Hello from hello-service');
  }
  // A second deployment's ApplicationStop (the first revision's stop.sh) stops the running services.
  const firstPids = pids();
  const again = await cli(home, box.dir, 'deploy', 'start', 'hello', 'local', '--revision', EXAMPLE, '--json');
  assert.equal(again.code, 0, again.stderr);
  for (const pid of firstPids) assert.equal(await exits(pid), true, `the first revision's service ${pid} was stopped`);

  const againId = again.json().deploymentInfo.deploymentId;
  const status = await cli(home, box.dir, 'deploy', 'status', againId, '--json');
  assert.equal(status.json().deploymentInfo.status, 'Succeeded');
  const list = await cli(home, box.dir, 'deploy', 'list', '--json');
  assert.deepEqual(list.json().deployments, [againId, result.deploymentId]);
});

test('the CLI exits 1 on a failed deployment, 2 on bad input naming file:line, and manages configs and instances', async (t) => {
  const box = sandbox();
  t.after(box.cleanup);
  const home = box.store.home;
  await cli(home, box.dir, 'deploy', 'app', 'create', 'app');
  assert.equal((await cli(home, box.dir, 'deploy', 'config', 'create', 'Two', '--min-healthy', 'HOST_COUNT:2')).code, 0);
  assert.equal((await cli(home, box.dir, 'deploy', 'config', 'create', 'Bad', '--min-healthy', 'HOSTS:2')).code, 2);
  assert.equal((await cli(home, box.dir, 'deploy', 'instance', 'register', 'web1', '--root', 'w1', '--tag', 'role=web')).code, 0);
  assert.equal((await cli(home, box.dir, 'deploy', 'instance', 'register', 'db1', '--root', 'd1', '--tag', 'role=db')).code, 0);
  const instances = (await cli(home, box.dir, 'deploy', 'instance', 'list', '--json')).json().instanceInfos;
  assert.deepEqual(instances.map((i: { instanceName: string }) => i.instanceName), ['db1', 'web1']);
  assert.deepEqual(instances[1].tags, [{ Key: 'role', Value: 'web' }]);
  assert.equal((await cli(home, box.dir, 'deploy', 'group', 'create', 'app', 'web', '--tag-filter', 'role=web', '--auto-rollback')).code, 0);
  assert.equal((await cli(home, box.dir, 'deploy', 'group', 'create', 'app', 'bg', '--instance', 'x=x', '--blue-green', '--termination-wait', '60', '--config', 'CodeDeployDefault.AllAtOnce')).code, 0);
  assert.equal((await cli(home, box.dir, 'deploy', 'group', 'create', 'app', 'none')).code, 2, 'a group needs instances or tag filters');
  const groups = (await cli(home, box.dir, 'deploy', 'group', 'list', 'app', '--json')).json().deploymentGroupsInfo;
  assert.deepEqual(groups.map((g: { deploymentGroupName: string }) => g.deploymentGroupName), ['bg', 'web']);
  assert.equal(groups[0].deploymentStyle.deploymentType, 'BLUE_GREEN');
  assert.deepEqual(groups[0].slipway.blueGreen, { terminationWaitSeconds: 60 });
  assert.equal(groups[0].deploymentConfigName, 'CodeDeployDefault.AllAtOnce');
  assert.deepEqual(groups[1].onPremisesInstanceTagFilters, [{ Key: 'role', Value: 'web', Type: 'KEY_AND_VALUE' }]);

  const failing = tracedRevision(path.join(box.dir, 'bad'), path.join(box.dir, 'trace'), 'v', { BeforeInstall: ['web1'] });
  const failed = await cli(home, box.dir, 'deploy', 'start', 'app', 'web', '--revision', failing, '--json');
  assert.equal(failed.code, 1);
  assert.deepEqual(failed.json().deploymentTargets.map((t: { instanceTarget: { targetId: string } }) => t.instanceTarget.targetId), ['web1'], 'only the instance matching the tag filter');
  assert.equal(failed.json().deploymentInfo.rollbackInfo, undefined);
  assert.equal(failed.json().slipway.rollback, null);

  fs.writeFileSync(path.join(failing, 'appspec.yml'), 'version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/missing.sh\n');
  const bad = await cli(home, box.dir, 'deploy', 'start', 'app', 'web', '--revision', failing);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /appspec\.yml:5: hook script "scripts\/missing\.sh" does not exist/);
  assert.ok(bad.stderr.includes(failing), 'the message names the user file, not the copy');
  assert.equal((await cli(home, box.dir, 'deploy', 'start', 'app', 'nope', '--revision', failing)).code, 2);
  assert.equal((await cli(home, box.dir, 'deploy', 'status', 'd-missing')).code, 2);
});
