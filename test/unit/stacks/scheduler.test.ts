import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInDependencyOrder } from '../../../runtime/stacks/scheduler';

describe('runInDependencyOrder', () => {
  it('runs independent tasks in parallel up to the limit, each after its dependencies', async () => {
    const deps: Record<string, string[]> = { a: [], b: [], c: [], d: ['a', 'b'], e: ['d'], f: [] };
    let running = 0;
    let peak = 0;
    const finished: string[] = [];
    const release: Array<() => void> = [];
    const result = runInDependencyOrder(Object.keys(deps), (id) => deps[id], 2, async (id) => {
      running++;
      peak = Math.max(peak, running);
      for (const dep of deps[id]) assert.ok(finished.includes(dep), `${id} started before ${dep} finished`);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      finished.push(id);
    });
    // Release tasks one at a time as they start (each release lets the next start).
    while (finished.length < 6) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    assert.deepEqual(await result, { failed: [], notStarted: [] });
    assert.equal(peak, 2);
    assert.ok(finished.indexOf('e') > finished.indexOf('d'));
  });

  it('starts nothing new after a failure and reports what never started', async () => {
    const deps: Record<string, string[]> = { a: [], b: ['a'], c: ['b'] };
    const result = await runInDependencyOrder(Object.keys(deps), (id) => deps[id], 4, async (id) => {
      if (id === 'b') throw new Error('boom');
    });
    assert.deepEqual(result, { failed: ['b'], notStarted: ['c'] });
  });
});
