import '../../../runtime/plugins';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { StateStore } from '../../../runtime/common/state';
import { settleAbandonedWork } from '../../../runtime/recovery';
import { StackEngine } from '../../../runtime/stacks/engine';
import { crashedStackDeploy } from '../stacks/crashed-deploy';

// What the extension does when it starts: settle work a dead process left in progress, but
// roll nothing back (which runs workspace code) until the workspace is trusted.

test('work left by a dead process is settled, and stacks roll back only when workspace code may run', async () => {
  const { dir, home } = await crashedStackDeploy();
  const state = new StateStore(home);

  const untrusted = await settleAbandonedWork(state, false);
  assert.deepEqual(untrusted.stacks, []);
  assert.equal(new StackEngine(state).stacks.read('crash')?.status, 'CREATE_IN_PROGRESS', 'an untrusted workspace runs no rollback');
  assert.ok(fs.existsSync(path.join(dir, 'made.txt')));

  const trusted = await settleAbandonedWork(state, true);
  assert.deepEqual(trusted.stacks, ['crash']);
  assert.equal(new StackEngine(state).describe('crash').status, 'ROLLBACK_COMPLETE');
  assert.ok(!fs.existsSync(path.join(dir, 'made.txt')), 'the rollback removed what the dead deploy had made');
  assert.deepEqual(await settleAbandonedWork(state, true), { builds: [], stacks: [], deployments: [], pipelines: [] });
});
