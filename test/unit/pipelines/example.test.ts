import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ProjectStore } from '../../../runtime/builds/projects';
import { DeployRegistry } from '../../../runtime/deployments/registry';
import { createPipeline, decideApproval, loadPipelineFile, runUntilRest, startExecution } from '../../../runtime/pipelines';
import { importRepo } from '../../../runtime/repos/repos';
import { StackEngine } from '../../../runtime/stacks/engine';
import { REPO_ROOT, actionOf, gitRepo, sandbox } from './helpers';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'hello-service');

function exampleFiles(dir: string, base = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.name === 'node_modules' || entry.name === 'reports') continue;
    if (entry.isDirectory()) Object.assign(files, exampleFiles(dir, rel));
    else files[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
  }
  return files;
}

test('the example pipeline runs end to end: source → build → approval → stack → deployment', async () => {
  const box = sandbox();
  let pidFile: string | undefined;
  try {
    // The hosted repository holds the example, the build project and a local instance exist.
    const work = gitRepo(box.dir, exampleFiles(EXAMPLE));
    for (const script of fs.readdirSync(path.join(work, 'scripts'))) fs.chmodSync(path.join(work, 'scripts', script), 0o755);
    await importRepo(box.state, 'hello-service', work, { user: 'test' });
    new ProjectStore(box.state).create({ name: 'hello-service', env: {}, cachePaths: [] });
    const instanceRoot = path.join(box.dir, 'instance-1');
    new DeployRegistry(box.state).registerInstance('web-1', instanceRoot, { app: 'hello-service' });

    const declaration = loadPipelineFile(path.join(EXAMPLE, 'pipeline.json'));
    createPipeline(box.state, declaration, { sourceFile: path.join(EXAMPLE, 'pipeline.json'), baseDir: EXAMPLE });
    const execution = startExecution(box.state, declaration.name, { trigger: { triggerType: 'CreatePipeline' } });
    const waiting = (await runUntilRest(box.state, declaration.name, execution.executionId))!;
    assert.equal(waiting.status, 'InProgress', waiting.statusSummary);
    const commitId = waiting.namespaces.SourceVariables.CommitId;
    assert.equal(actionOf(waiting, 'Build', 'Build').resolvedConfiguration?.EnvironmentVariables.includes(commitId), true, '#{SourceVariables.CommitId} reached the build');
    assert.equal(waiting.namespaces.BuildVariables.APP_VERSION, '1.0.0', 'exported-variables became action variables');
    assert.equal(actionOf(waiting, 'Approve', 'Approve').approval?.customData, `Release build 1.0.0 of commit ${commitId}?`);

    decideApproval(box.state, declaration.name, { stage: 'Approve', action: 'Approve', status: 'Approved', summary: 'ship it' });
    const done = (await runUntilRest(box.state, declaration.name, execution.executionId))!;
    assert.equal(done.status, 'Succeeded', done.statusSummary);
    assert.equal(new StackEngine(box.state).describe('hello-service-dev').status, 'CREATE_COMPLETE');
    assert.equal(done.namespaces.StackVariables.ApplicationName, 'hello-service-dev');
    assert.match(actionOf(done, 'Deploy', 'Deploy').summary!, /Succeeded: 1\/1 instances/);

    const app = path.join(instanceRoot, 'srv', 'hello-service');
    pidFile = path.join(app, 'service.pid');
    const port = fs.readFileSync(path.join(app, 'port'), 'utf8').trim();
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal((await response.text()).trim(), 'ok');
  } finally {
    if (pidFile && fs.existsSync(pidFile)) {
      try {
        process.kill(Number(fs.readFileSync(pidFile, 'utf8')));
      } catch {
        // already gone
      }
    }
    box.cleanup();
  }
});
