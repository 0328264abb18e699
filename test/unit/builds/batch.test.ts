import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBatch } from '../../../runtime/builds/batch';
import { sandbox, write } from './helpers';

describe('batch builds', () => {
  let box: ReturnType<typeof sandbox>;
  before(() => {
    box = sandbox();
  });
  after(() => box.cleanup());

  const noOrder = { ORDER: '/dev/null' };
  const phases = 'phases:\n  build:\n    commands:\n      - echo "$CODEBUILD_BATCH_BUILD_IDENTIFIER $TARGET" >> "$ORDER"\n      - \'[ "$TARGET" != bad ]\'\n';

  it('runs a build-list, each build with its own variables and identifier', async () => {
    write(box.src, { 'buildspec.yml': `version: 0.2\nbatch:\n  build-list:\n    - identifier: linux\n      env:\n        variables:\n          TARGET: linux\n    - identifier: mac\n      env:\n        variables:\n          TARGET: mac\n${phases}` });
    const result = await runBatch({ store: box.store, source: box.src, concurrency: 2, env: noOrder });
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.builds.map((b) => [b.identifier, b.status]), [['linux', 'SUCCEEDED'], ['mac', 'SUCCEEDED']]);
    for (const b of result.builds) {
      assert.equal(b.record?.batch?.identifier, b.identifier);
      assert.match(fs.readFileSync(b.record!.logFile, 'utf8'), new RegExp(`Running command`));
    }
  });

  it('runs a build-graph in dependency order and skips builds whose dependency failed', async () => {
    const order = path.join(box.root, 'order.txt');
    fs.rmSync(order, { force: true });
    write(box.src, {
      'buildspec.yml': `version: 0.2\nbatch:\n  build-graph:\n    - identifier: second\n      depend-on: [first]\n    - identifier: first\n    - identifier: broken\n      env:\n        variables:\n          TARGET: bad\n    - identifier: after_broken\n      depend-on: [broken]\n${phases}`,
    });
    const result = await runBatch({ store: box.store, source: box.src, concurrency: 1, env: { ORDER: order } });
    assert.equal(result.status, 'FAILED');
    const by = Object.fromEntries(result.builds.map((b) => [b.identifier, b]));
    assert.equal(by.first.status, 'SUCCEEDED');
    assert.equal(by.second.status, 'SUCCEEDED');
    assert.equal(by.broken.status, 'FAILED');
    assert.equal(by.after_broken.status, 'SKIPPED');
    assert.equal(by.after_broken.reason, 'broken did not succeed');
    const lines = fs.readFileSync(order, 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    assert.ok(lines.indexOf('first') < lines.indexOf('second'), lines.join(','));
  });

  it('fast-fail stops the batch at the first failure that is not ignore-failure', async () => {
    write(box.src, {
      'buildspec.yml': `version: 0.2\nbatch:\n  fast-fail: true\n  build-list:\n    - identifier: tolerated\n      ignore-failure: true\n      env:\n        variables:\n          TARGET: bad\n    - identifier: fails\n      env:\n        variables:\n          TARGET: bad\n    - identifier: never\n${phases}`,
    });
    const result = await runBatch({ store: box.store, source: box.src, concurrency: 1, env: noOrder });
    assert.equal(result.status, 'FAILED');
    assert.deepEqual(result.builds.map((b) => b.status), ['FAILED', 'FAILED', 'SKIPPED']);
    assert.equal(result.builds[2].reason, 'fast-fail stopped the batch');
  });

  it('a build-matrix runs every combination; ignore-failure failures leave the batch SUCCEEDED', async () => {
    write(box.src, { 'buildspec.yml': `version: 0.2\nbatch:\n  build-matrix:\n    static:\n      ignore-failure: true\n    dynamic:\n      env:\n        variables:\n          TARGET: [good, bad]\n${phases}` });
    const result = await runBatch({ store: box.store, source: box.src, env: noOrder });
    assert.deepEqual(result.builds.map((b) => b.status), ['SUCCEEDED', 'FAILED']);
    assert.equal(result.status, 'SUCCEEDED');
  });
});
