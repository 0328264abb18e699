// Workspace Trust is applied once, by the command table's registrar: every command that
// can run workspace content (builds, git hooks, stack resources, CodeDeploy hooks,
// pipeline actions) declares `trust`, and in an untrusted workspace its handler refuses
// before the command touches anything. Security issue 13 lists the ones that were missing.
import { recordedVscode } from './recording-vscode';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMANDS, registerCommands } from '../../../client/commands';
import { registerCommandTable } from '../../../client/common/command-spec';
import type { Ctx } from '../../../client/ctx';

/** Every command id, classified: true when it can run workspace content. A new command must be added here. */
const RUNS_WORKSPACE_CONTENT: Record<string, boolean> = {
  'slipway.validateWorkspace': false,
  'slipway.showLog': false,
  'slipway.refresh': false,
  'slipway.runBuild': true,
  'slipway.runBuildProject': true,
  'slipway.rerunBuild': true,
  // A terminal in the paused build's environment runs in the build's workspace.
  'slipway.attachBuild': true,
  'slipway.resumeBuild': true,
  'slipway.stopBuild': false,
  'slipway.openBuildLog': false,
  'slipway.revealBuildArtifacts': false,
  'slipway.showBuild': false,
  'slipway.stacks.deploy': true,
  'slipway.stacks.previewChanges': true,
  'slipway.stacks.delete': true,
  'slipway.stacks.detectDrift': true,
  'slipway.stacks.protect': false,
  'slipway.stacks.unprotect': false,
  'slipway.stacks.openTemplate': false,
  'slipway.deploy': true,
  'slipway.deployments.openLog': false,
  'slipway.deployments.show': false,
  'slipway.deployments.openService': false,
  'slipway.deployments.deployToGroup': true,
  'slipway.deployments.stop': true,
  'slipway.deployments.stopAndRollback': true,
  'slipway.pipeline.create': true,
  'slipway.pipeline.start': true,
  'slipway.pipeline.approve': true,
  'slipway.pipeline.reject': true,
  'slipway.pipeline.retry': true,
  'slipway.pipeline.stop': true,
  'slipway.pipeline.disableTransition': false,
  'slipway.pipeline.enableTransition': true,
  'slipway.pipeline.open': false,
  'slipway.pipeline.delete': true,
  'slipway.repo.create': false,
  'slipway.repo.clone': false,
  'slipway.repo.copyCloneUrl': false,
  'slipway.repo.pushBranch': true,
  'slipway.pr.create': false,
  'slipway.pr.open': false,
  'slipway.pr.openFile': false,
  'slipway.pr.approve': false,
  'slipway.pr.merge': true,
  'slipway.review.createComment': false,
  'slipway.review.reply': false,
  'slipway.review.resolve': false,
  'slipway.review.reopen': false,
  // the endpoint runs the stacks, builds and deployments its callers start
  'slipway.endpoint.start': true,
  'slipway.endpoint.stop': false,
};

test('every command of the table is classified, and exactly the ones that run workspace content ask for trust', () => {
  assert.deepEqual(Object.keys(COMMANDS).sort(), Object.keys(RUNS_WORKSPACE_CONTENT).sort());
  for (const [id, runs] of Object.entries(RUNS_WORKSPACE_CONTENT)) {
    assert.equal(typeof COMMANDS[id].trust === 'string' && COMMANDS[id].trust!.length > 0, runs, `${id}: trust ${runs ? 'missing' : 'not expected'}`);
  }
});

test('in an untrusted workspace each gated command refuses with the trust message and never reaches the state home', async () => {
  const touched: string[] = [];
  // A context that records anything the command itself would use (the state home, the log, the views).
  const ctx = new Proxy({ extension: { subscriptions: [] as unknown[] } } as Record<string, unknown>, {
    get: (target, key) => {
      if (key in target) return target[key as string];
      if (key === 'then') return undefined;
      touched.push(String(key));
      return () => undefined;
    },
  }) as unknown as Ctx;
  recordedVscode.trusted = false;
  registerCommands(ctx);
  for (const [id, spec] of Object.entries(COMMANDS)) {
    if (!spec.trust) continue;
    touched.length = 0;
    recordedVscode.errors.length = 0;
    const result = await recordedVscode.handlers.get(id)!({ data: { buildId: 'b', project: 'p', stackName: 's', id: 'd', application: 'a', group: 'g' }, pipeline: 'p' });
    assert.equal(result, undefined, id);
    assert.deepEqual(touched, [], `${id} used ${touched.join(', ')} although the workspace is not trusted`);
    assert.equal(recordedVscode.errors.length, 1, id);
    assert.match(recordedVscode.errors[0], /not trusted/, id);
  }
});

test('the registrar reports a failing command once, logged with its id, and refreshes the views when asked', async () => {
  const logged: string[] = [];
  let refreshed = 0;
  const ctx = { extension: { subscriptions: [] as unknown[] }, log: { error: (line: string) => logged.push(line) }, refresh: () => refreshed++ } as unknown as Ctx;
  recordedVscode.trusted = true;
  recordedVscode.errors.length = 0;
  registerCommandTable(ctx, {
    'test.fails': { run: () => Promise.reject(new Error('pipeline p does not exist')), refresh: true },
    'test.gated': { run: () => 'ran', trust: 'Testing' },
  });
  assert.equal(await recordedVscode.handlers.get('test.fails')!(), undefined);
  assert.deepEqual(logged, ['test.fails: pipeline p does not exist']);
  assert.deepEqual(recordedVscode.errors, ['Slipway: pipeline p does not exist']);
  assert.equal(refreshed, 1);
  assert.equal(await recordedVscode.handlers.get('test.gated')!(), 'ran', 'a trusted workspace runs gated commands');
});
