import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { schedule } from '../../../runtime/deployments/engine';
import type { InstanceRun } from '../../../runtime/deployments/records';

const runs = (n: number): InstanceRun[] => Array.from({ length: n }, (_, i) => ({ name: `i${i}`, root: '/', status: 'Pending', events: [] }));

/** Instances that finish only when the test says so: the peak of those running at once is exact. */
async function peak(n: number, concurrency: number): Promise<number> {
  let running = 0;
  let max = 0;
  let finished = 0;
  const waiting: Array<() => void> = [];
  const done = schedule(runs(n), concurrency, () => true, () => {
    running++;
    max = Math.max(max, running);
    return new Promise<boolean>((resolve) =>
      waiting.push(() => {
        running--;
        finished++;
        resolve(true);
      }),
    );
  });
  while (finished < n) {
    await new Promise((resolve) => setImmediate(resolve));
    waiting.shift()?.();
  }
  await done;
  return max;
}

test('the scheduler never runs more instances at once than the config allows', async () => {
  assert.equal(await peak(5, 1), 1);
  assert.equal(await peak(5, 2), 2);
  assert.equal(await peak(10, 10), 10);
});
