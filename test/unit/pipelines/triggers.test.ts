import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runUntilRest, type ExecutionRecord } from '../../../runtime/pipelines';
import { globToRegExp, pushFilterMatches, sourcesForPush, startForPush } from '../../../runtime/pipelines/triggers';
import { pollOnce } from '../../../runtime/pipelines/watch';
import { command, commit, create, gitRepo, localSource, sandbox, type Sandbox } from './helpers';

test('trigger globs: * stays in a segment, ** crosses segments', () => {
  assert.ok(globToRegExp('release/*').test('release/1.0'));
  assert.ok(!globToRegExp('release/*').test('release/1.0/hotfix'));
  assert.ok(globToRegExp('src/**').test('src/a/b/c.ts'));
  assert.ok(globToRegExp('**/*.md').test('docs/x/readme.md'));
  assert.ok(globToRegExp('v?.*').test('v1.2'));
});

test('push filters: branches, file paths and tags with includes and excludes', () => {
  const push = (ref: string, changedFiles?: string[]) => ({ repository: { hosted: 'r' }, ref, commit: 'c', changedFiles });
  const filter = { branches: { includes: ['main', 'release/*'], excludes: ['release/old'] }, filePaths: { excludes: ['**/*.md'] } };
  assert.ok(pushFilterMatches(filter, push('refs/heads/main', ['src/a.ts'])));
  assert.ok(pushFilterMatches(filter, push('refs/heads/release/2')));
  assert.ok(!pushFilterMatches(filter, push('refs/heads/release/old')));
  assert.ok(!pushFilterMatches(filter, push('refs/heads/feature')));
  assert.ok(!pushFilterMatches(filter, push('refs/heads/main', ['docs/readme.md'])), 'only excluded files changed');
  assert.ok(pushFilterMatches(filter, push('refs/heads/main', ['docs/readme.md', 'src/b.ts'])));
  assert.ok(pushFilterMatches({ tags: { includes: ['v*'] } }, push('refs/tags/v1')));
  assert.ok(!pushFilterMatches({ tags: { includes: ['v*'] } }, push('refs/heads/v1')));
});

function hosted(box: Sandbox, name: string, triggers = ''): string {
  gitRepo(box.dir, { 'a.txt': 'a' }, { bare: path.join(box.home, 'repos', 'app.git') });
  return create(
    box,
    `pipeline:
  name: ${name}
  pipelineType: V2
${triggers}  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: { category: Source, owner: AWS, provider: CodeCommit, version: "1" }
          configuration: { RepositoryName: app, BranchName: main }
          outputArtifacts: [{ name: Code }]
    - name: Build
      actions:
${command('Build', 'cat a.txt', '          inputArtifacts: [{ name: Code }]\n')}`,
  );
}

test('a push to the tracked branch of a hosted repository selects the pipeline; triggers override the branch', () => {
  const box = sandbox();
  try {
    hosted(box, 'plain');
    const push = (ref: string, changedFiles?: string[]) => sourcesForPush(box.state, { repository: { hosted: 'app' }, ref, commit: 'x', changedFiles });
    assert.deepEqual(push('refs/heads/main'), [{ pipeline: 'plain', action: 'Src' }]);
    assert.deepEqual(push('refs/heads/feature'), []);
    assert.deepEqual(sourcesForPush(box.state, { repository: { hosted: 'other' }, ref: 'refs/heads/main', commit: 'x' }), []);
  } finally {
    box.cleanup();
  }
  const filtered = sandbox();
  try {
    hosted(
      filtered,
      'filtered',
      `  triggers:
    - providerType: CodeStarSourceConnection
      gitConfiguration:
        sourceActionName: Src
        push:
          - branches: { includes: ["feature/*"] }
            filePaths: { includes: ["src/**"] }
`,
    );
    const push = (ref: string, changedFiles?: string[]) => sourcesForPush(filtered.state, { repository: { hosted: 'app' }, ref, commit: 'x', changedFiles });
    assert.deepEqual(push('refs/heads/main'), []);
    assert.deepEqual(push('refs/heads/feature/x', ['src/a.ts']), [{ pipeline: 'filtered', action: 'Src' }]);
    assert.deepEqual(push('refs/heads/feature/x', ['README']), []);
  } finally {
    filtered.cleanup();
  }
});

/** Resolves when the execution's record satisfies the predicate (watching the executions folder). */
function until(box: Sandbox, name: string, id: string, predicate: (e: ExecutionRecord) => boolean): Promise<ExecutionRecord> {
  const dir = box.state.path('pipelines', name, 'executions');
  return new Promise((resolve) => {
    const check = () => {
      const record = box.pipelines.execution(name, id);
      if (record && predicate(record)) {
        watcher.close();
        resolve(record);
      }
    };
    const watcher = fs.watch(dir, check);
    check();
  });
}

test('a push hands the execution, pinned to the pushed commit, to a detached worker that runs it', async () => {
  const box = sandbox();
  try {
    const name = hosted(box, 'pushed');
    const bare = path.join(box.home, 'repos', 'app.git');
    const head = spawnSync('git', ['-C', bare, 'rev-parse', 'main'], { encoding: 'utf8' }).stdout.trim();
    const [execution] = startForPush(box.state, { repository: { hosted: 'app' }, ref: 'refs/heads/main', commit: head });
    assert.equal(execution.trigger.triggerType, 'Webhook');
    const done = await until(box, name, execution.executionId, (e) => e.status !== 'InProgress');
    assert.equal(done.status, 'Succeeded', done.statusSummary);
    assert.deepEqual(done.sourceRevisions.map((r) => r.revisionId), [head]);
  } finally {
    box.cleanup();
  }
});

test('watch starts a LocalGit pipeline when its branch moves, with the new commit', async () => {
  const box = sandbox();
  try {
    const repo = gitRepo(box.dir, { 'a.txt': 'a' });
    const name = create(box, `pipeline:\n  name: watched\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Build', 'cat a.txt', '          inputArtifacts: [{ name: Src }]\n')}`);
    assert.deepEqual(await pollOnce(box.state), [], 'the first pass only records the branch head');
    assert.deepEqual(await pollOnce(box.state), [], 'nothing moved');
    const moved = commit(repo, { 'a.txt': 'b' }, 'second');
    const [execution] = await pollOnce(box.state);
    assert.equal(execution.pipelineName, name);
    assert.equal(execution.trigger.sourceRevisions?.Source, moved);
    const done = (await runUntilRest(box.state, name, execution.executionId))!;
    assert.equal(done.status, 'Succeeded');
    assert.equal(done.namespaces.SourceVariables.CommitId, moved);
    assert.deepEqual(await pollOnce(box.state), []);
  } finally {
    box.cleanup();
  }
});
