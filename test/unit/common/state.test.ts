import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateStore, resolveStateHome } from '../../../runtime/common/state';
import { readJsonLines } from '../../../runtime/common/atomic';

function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-state-'));
}

test('records round-trip and listing is sorted', () => {
  const store = new StateStore(tempHome());
  store.write({ a: 1 }, 'builds', 'b.json');
  store.write({ a: 2 }, 'builds', 'a.json');
  assert.deepEqual(store.read('builds', 'b.json'), { a: 1 });
  assert.deepEqual(store.list('builds'), ['a.json', 'b.json']);
  assert.equal(store.read('builds', 'missing.json'), undefined);
  assert.deepEqual(store.list('nothing-here'), []);
});

test('a JSON Lines file with a torn last line yields only the whole lines', () => {
  const home = tempHome();
  const file = path.join(home, 'log.jsonl');
  fs.writeFileSync(file, '{"a":1}\n{"a":2}\n{"a":');
  assert.deepEqual(readJsonLines(file), [{ a: 1 }, { a: 2 }]);
});

test('a lock is exclusive until released', () => {
  const store = new StateStore(tempHome());
  assert.equal(store.tryLock('stack-a'), true);
  assert.equal(store.tryLock('stack-a'), false);
  store.unlock('stack-a');
  assert.equal(store.tryLock('stack-a'), true);
});

test('withLock serialises concurrent writers', async () => {
  const store = new StateStore(tempHome());
  store.write({ count: 0 }, 'counter.json');
  await Promise.all(
    Array.from({ length: 20 }, () =>
      store.withLock('counter', async () => {
        const { count } = store.read<{ count: number }>('counter.json')!;
        await new Promise((resolve) => setImmediate(resolve));
        store.write({ count: count + 1 }, 'counter.json');
      }),
    ),
  );
  assert.deepEqual(store.read('counter.json'), { count: 20 });
});

test('the state home follows SLIPWAY_HOME, then the setting, then .slipway', () => {
  const saved = process.env.SLIPWAY_HOME;
  try {
    delete process.env.SLIPWAY_HOME;
    assert.equal(resolveStateHome({ root: '/w' }), path.resolve('/w/.slipway'));
    assert.equal(resolveStateHome({ root: '/w', configured: 'state' }), path.resolve('/w/state'));
    process.env.SLIPWAY_HOME = '/elsewhere';
    assert.equal(resolveStateHome({ root: '/w', configured: 'state' }), '/elsewhere');
  } finally {
    if (saved === undefined) delete process.env.SLIPWAY_HOME;
    else process.env.SLIPWAY_HOME = saved;
  }
});

test('a writer killed with SIGKILL mid-write leaves no torn record, and its operation and lock are recovered', async () => {
  const home = tempHome();
  const writer = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, '../../fixtures/state-writer.ts'), home], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    writer.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    writer.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });
  writer.kill('SIGKILL');
  await new Promise((resolve) => writer.once('exit', resolve));

  const store = new StateStore(home);
  const record = store.read<{ n: number; payload: string; sum: string }>('records', 'big.json')!;
  assert.ok(record.n >= 20);
  assert.equal(createHash('sha256').update(record.payload).digest('hex'), record.sum);
  const lines = store.readLines<{ n: number; payload: string; sum: string }>('log.jsonl');
  assert.ok(lines.length >= 20);
  lines.forEach((line, i) => {
    assert.equal(line.n, i + 1);
    assert.equal(createHash('sha256').update(line.payload).digest('hex'), line.sum);
  });
  // Leftover temp files may remain; a reader never mistakes them for records.
  assert.ok(store.list('records').includes('big.json'));

  const abandoned = store.abandonedOperations('test-op');
  assert.deepEqual(abandoned.map((op) => op.id), ['victim']);
  const settled: string[] = [];
  await store.settleAbandoned('test-op', (op) => {
    settled.push(op.id);
  });
  assert.deepEqual(settled, ['victim']);
  assert.deepEqual(store.abandonedOperations('test-op'), []);
  assert.equal(store.tryLock('shared-record'), true, 'a dead holder’s lock is taken over');
});

test('an operation of a live process is not abandoned', () => {
  const store = new StateStore(tempHome());
  store.beginOperation('build', 'b1', {});
  assert.deepEqual(store.abandonedOperations('build'), []);
  store.endOperation('build', 'b1');
  assert.deepEqual(store.list('operations'), []);
});
