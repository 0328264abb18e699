import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../../runtime/cli/main';
import { sandbox, write } from './helpers';

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, cwd);
  return { code, stdout, stderr };
}

describe('slipway build CLI', () => {
  let box: ReturnType<typeof sandbox>;
  before(() => {
    box = sandbox();
    process.env.SLIPWAY_HOME = box.home;
    write(box.src, {
      'buildspec.yml': 'version: 0.2\nenv:\n  exported-variables: [OUT]\nphases:\n  build:\n    commands:\n      - export OUT=$GREETING\n      - echo built > out.txt\nartifacts:\n  files: [out.txt]\n  secondary-artifacts:\n    copy:\n      files: [out.txt]\n',
      'broken.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n    - [unclosed\n',
      'failing.yml': 'version: 0.2\nphases:\n  build:\n    commands: ["false"]\n',
    });
  });
  after(() => {
    delete process.env.SLIPWAY_HOME;
    box.cleanup();
  });

  it('build run --json prints the build document and exits 0', async () => {
    const { code, stdout, stderr } = await cli(box.root, 'build', 'run', 'src', '--env', 'GREETING=hi', '--json');
    assert.equal(code, 0, stderr);
    // CodeBuild's Build shape (https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Build.html), local paths under `slipway`.
    const doc = JSON.parse(stdout).build;
    assert.equal(doc.buildStatus, 'SUCCEEDED');
    assert.equal(doc.buildNumber, 1);
    assert.deepEqual(doc.exportedEnvironmentVariables, [{ name: 'OUT', value: 'hi' }]);
    assert.deepEqual(Object.keys(doc.phases[0]).sort(), ['contexts', 'durationInSeconds', 'endTime', 'phaseStatus', 'phaseType', 'startTime']);
    assert.match(doc.startTime, /^\d{4}-\d\d-\d\dT/, 'times are ISO text, as the AWS CLI prints them');
    assert.ok(doc.slipway.artifacts.location.endsWith(path.join('primary', 'src')));
    assert.ok(doc.slipway.artifacts.secondary.copy.endsWith(path.join('secondary', 'copy', 'copy')));
    assert.ok(doc.slipway.logFile.endsWith('build.log'));
    assert.match(stderr, /Entering phase BUILD/);
  });

  it('exits 1 when the build fails', async () => {
    const { code, stdout } = await cli(box.root, 'build', 'run', 'src', '--buildspec', 'failing.yml', '--json');
    assert.equal(code, 1);
    assert.equal(JSON.parse(stdout).build.buildStatus, 'FAILED');
  });

  it('exits 2 with file and line on a broken buildspec, before anything runs', async () => {
    const before = (await cli(box.root, 'build', 'list', '--json')).stdout;
    const { code, stderr, stdout } = await cli(box.root, 'build', 'run', 'src', '--buildspec', 'src/broken.yml', '--json');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^slipway build: .*broken\.yml:\d+: /);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.equal((await cli(box.root, 'build', 'list', '--json')).stdout, before);
    const missing = await cli(box.root, 'build', 'run', 'src', '--buildspec', 'nope.yml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yml: buildspec not found/);
  });

  it('lists, describes and shows the log of builds', async () => {
    const list = JSON.parse((await cli(box.root, 'build', 'list', '--json')).stdout);
    assert.equal(list.ids.length, 2);
    const [latestId] = list.ids;
    const described = JSON.parse((await cli(box.root, 'build', 'describe', latestId, '--json')).stdout);
    assert.deepEqual(described.buildsNotFound, []);
    const latest = described.builds[0];
    assert.equal(latest.id, latestId);
    assert.equal(latest.buildStatus, 'FAILED');
    const logs = await cli(box.root, 'build', 'logs', `src:${latest.buildNumber}`);
    assert.match(logs.stdout, /Phase complete: BUILD State: FAILED/);
    assert.equal((await cli(box.root, 'build', 'describe', 'nope')).code, 2);
    assert.equal((await cli(box.root, 'build', 'stop', latest.id)).code, 2);
  });

  it('creates, lists, describes, runs and deletes build projects', async () => {
    const created = await cli(box.root, 'build', 'project', 'create', 'web', '--source', 'src', '--env', 'GREETING=from-project', '--timeout', '60');
    assert.equal(created.code, 0, created.stderr);
    assert.equal((await cli(box.root, 'build', 'project', 'create', 'web')).code, 2);
    const listed = JSON.parse((await cli(box.root, 'build', 'project', 'list', '--json')).stdout);
    assert.deepEqual(listed.projects, ['web']);
    const described = JSON.parse((await cli(box.root, 'build', 'project', 'describe', 'web', '--json')).stdout);
    assert.equal(described.projects[0].source.location, box.src);
    assert.equal(described.projects[0].timeoutInMinutes, 1);
    const ran = await cli(box.root, 'build', 'run', '--project', 'web', '--json');
    assert.equal(ran.code, 0, ran.stderr);
    const doc = JSON.parse(ran.stdout).build;
    assert.match(doc.id, /^web:/);
    assert.deepEqual(doc.exportedEnvironmentVariables, [{ name: 'OUT', value: 'from-project' }]);
    const overridden = JSON.parse((await cli(box.root, 'build', 'run', '--project', 'web', '--env', 'GREETING=cli', '--json')).stdout).build;
    assert.deepEqual(overridden.exportedEnvironmentVariables, [{ name: 'OUT', value: 'cli' }]);
    assert.equal(overridden.buildNumber, 2);
    assert.equal((await cli(box.root, 'build', 'project', 'delete', 'web')).code, 0);
    assert.equal((await cli(box.root, 'build', 'run', '--project', 'web')).code, 2);
  });

  it('refuses bad usage with exit 2', async () => {
    assert.equal((await cli(box.root, 'build', 'run', 'src', '--timeout', 'soon')).code, 2);
    assert.equal((await cli(box.root, 'build', 'run', 'src', '--env', 'NOEQUALS')).code, 2);
    assert.equal((await cli(box.root, 'build', 'frobnicate')).code, 2);
  });
});
