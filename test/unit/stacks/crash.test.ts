import '../../../runtime/plugins';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { StateStore } from '../../../runtime/common/state';
import { StackEngine } from '../../../runtime/stacks/engine';
import { crashedStackDeploy } from './crashed-deploy';

describe('crash recovery', () => {
  it('a process SIGKILLed mid-create leaves a stack that the next command rolls back', async () => {
    const { dir, home } = await crashedStackDeploy();
    const engine = new StackEngine(new StateStore(home));
    assert.equal(engine.stacks.read('crash')?.status, 'CREATE_IN_PROGRESS');
    assert.ok(fs.existsSync(path.join(dir, 'made.txt')));
    assert.deepEqual(await engine.settleAbandoned(), [{ kind: 'stack', id: 'crash' }]);
    const record = engine.describe('crash');
    assert.equal(record.status, 'ROLLBACK_COMPLETE');
    assert.match(record.statusReason ?? '', /stopped before it finished/);
    assert.ok(!fs.existsSync(path.join(dir, 'made.txt')));
    assert.deepEqual(await engine.settleAbandoned(), []);
  });
});
