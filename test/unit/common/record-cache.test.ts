// The state home's record cache (runtime/common/record-cache.ts behind StateStore.read,
// readLines and list): what another process writes is seen by the next read, a link swapped
// into the home after a read was cached leads nowhere outside it, and the cache stays bounded.
// The stores here use a clock moved 10 s ahead, so that files just written count as at rest
// and are cached (a real clock keeps freshly changed files out, see CHANGE_SETTLE_MS).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyJson, RecordCache } from '../../../runtime/common/record-cache';
import { EscapeError } from '../../../runtime/common/contained';
import { StateStore } from '../../../runtime/common/state';
import { tempFolder } from '../sandbox';

const AHEAD = { now: () => Date.now() + 10_000 };
const STATE_MODULE = path.resolve(__dirname, '../../../runtime/common/state.ts');

function sandbox(t: TestContext): { root: string; home: string; store: StateStore } {
  const { dir: root } = tempFolder('slipway-record-cache-', t);
  const home = path.join(root, 'home');
  return { root, home, store: new StateStore(home, { cache: AHEAD }) };
}

/** Another process (as the CLI or the extension would) writes a record through its own StateStore. */
function writeElsewhere(home: string, value: unknown, ...parts: string[]): void {
  const script = `const { StateStore } = require(${JSON.stringify(STATE_MODULE)}); new StateStore(${JSON.stringify(home)}).write(${JSON.stringify(value)}, ...${JSON.stringify(parts)});`;
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

test('a record another process rewrites (same size, atomic rename) is read anew at once, every time', (t) => {
  const { home, store } = sandbox(t);
  store.write({ status: 'CREATE_IN_PROGRESS', n: 1 }, 'stacks', 'app', 'stack.json');
  assert.deepEqual(store.read('stacks', 'app', 'stack.json'), { status: 'CREATE_IN_PROGRESS', n: 1 });
  assert.deepEqual(store.read('stacks', 'app', 'stack.json'), { status: 'CREATE_IN_PROGRESS', n: 1 });
  assert.equal(store.records.stats.hits, 1, 'the second read came from the cache');
  // Two rewrites between reads: the inode freed by the first may come back for the second.
  for (let n = 2; n <= 5; n++) {
    writeElsewhere(home, { status: 'CREATE_IN_PROGRESS', n }, 'stacks', 'app', 'stack.json');
    writeElsewhere(home, { status: 'CREATE_COMPLETE', n }, 'stacks', 'app', 'stack.json');
    assert.deepEqual(store.read('stacks', 'app', 'stack.json'), { status: 'CREATE_COMPLETE', n });
  }
});

test('a record rewritten in place (same inode, same size) is read anew: its ctime moved', (t) => {
  const { home, store } = sandbox(t);
  const file = path.join(home, 'params', 'parameters.json');
  store.write({ v: 'aaaa' }, 'params', 'parameters.json');
  assert.deepEqual(store.read('params', 'parameters.json'), { v: 'aaaa' });
  const inode = fs.statSync(file).ino;
  const before = fs.statSync(file, { bigint: true }).ctimeNs;
  // Wait (without sleeping) until the clock has moved past the cached ctime, then rewrite in place.
  while (fs.statSync(file, { bigint: true }).ctimeNs === before) fs.utimesSync(file, new Date(), new Date());
  fs.writeFileSync(file, JSON.stringify({ v: 'bbbb' }, null, 2) + '\n');
  assert.equal(fs.statSync(file).ino, inode);
  assert.deepEqual(store.read('params', 'parameters.json'), { v: 'bbbb' });
});

test('lines appended by another process and folder entries it adds are seen by the next read', (t) => {
  const { home, store } = sandbox(t);
  store.append({ e: 1 }, 'stacks', 'app', 'events.jsonl');
  assert.deepEqual(store.readLines('stacks', 'app', 'events.jsonl'), [{ e: 1 }]);
  assert.deepEqual(store.readLines('stacks', 'app', 'events.jsonl'), [{ e: 1 }]);
  fs.appendFileSync(path.join(home, 'stacks', 'app', 'events.jsonl'), '{"e":2}\n');
  assert.deepEqual(store.readLines('stacks', 'app', 'events.jsonl'), [{ e: 1 }, { e: 2 }]);

  assert.deepEqual(store.list('stacks'), ['app']);
  assert.deepEqual(store.list('stacks'), ['app']);
  writeElsewhere(home, { name: 'web' }, 'stacks', 'web', 'stack.json');
  assert.deepEqual(store.list('stacks'), ['app', 'web']);
  fs.rmSync(path.join(home, 'stacks', 'app'), { recursive: true });
  assert.deepEqual(store.list('stacks'), ['web']);
  assert.equal(store.read('stacks', 'app', 'stack.json'), undefined);
});

test('a caller changing what it read changes nothing for the next reader', (t) => {
  const { store } = sandbox(t);
  store.write({ resources: { Queue: { status: 'CREATE_COMPLETE' } }, outputs: [{ key: 'a' }] }, 'stacks', 'app', 'stack.json');
  const first = store.read<{ resources: Record<string, { status: string }>; outputs: unknown[] }>('stacks', 'app', 'stack.json')!;
  first.resources.Queue.status = 'DELETE_IN_PROGRESS';
  first.outputs.push({ key: 'b' });
  const second = store.read<{ resources: Record<string, { status: string }>; outputs: unknown[] }>('stacks', 'app', 'stack.json')!;
  second.outputs.length = 0;
  assert.deepEqual(store.read('stacks', 'app', 'stack.json'), { resources: { Queue: { status: 'CREATE_COMPLETE' } }, outputs: [{ key: 'a' }] });
  assert.ok(store.records.stats.hits >= 2);
  const names = store.list('stacks');
  names.push('ghost');
  assert.deepEqual(store.list('stacks'), ['app']);
});

test('a copy is what JSON.parse gives: an own __proto__ key stays data, never a prototype', () => {
  const text = '{"a":[1,{"b":null}],"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"s":"é"}';
  const copy = copyJson(JSON.parse(text)) as Record<string, unknown>;
  assert.deepEqual(copy, JSON.parse(text));
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.keys(copy), ['a', '__proto__', 'constructor', 's']);
  assert.equal(JSON.stringify(copy), text);
});

test('attack: a cached record folder replaced by a link to a folder outside, holding the same bytes, is refused', (t) => {
  const { root, home, store } = sandbox(t);
  store.write({ secret: false }, 'stacks', 'app', 'stack.json');
  assert.deepEqual(store.read('stacks', 'app', 'stack.json'), { secret: false });
  assert.deepEqual(store.read('stacks', 'app', 'stack.json'), { secret: false });
  const outside = path.join(root, 'outside');
  fs.cpSync(path.join(home, 'stacks', 'app'), outside, { recursive: true, preserveTimestamps: true });
  fs.rmSync(path.join(home, 'stacks', 'app'), { recursive: true });
  fs.symlinkSync(outside, path.join(home, 'stacks', 'app'));
  assert.throws(() => store.read('stacks', 'app', 'stack.json'), EscapeError);
  // The same through a link swapped in for the records' top folder.
  fs.rmSync(path.join(home, 'stacks', 'app'));
  store.write({ secret: false }, 'stacks', 'app', 'stack.json');
  assert.deepEqual(store.read('stacks', 'app', 'stack.json'), { secret: false });
  const outsideTop = path.join(root, 'outside-top');
  fs.cpSync(path.join(home, 'stacks'), outsideTop, { recursive: true, preserveTimestamps: true });
  fs.rmSync(path.join(home, 'stacks'), { recursive: true });
  fs.symlinkSync(outsideTop, path.join(home, 'stacks'));
  assert.throws(() => store.read('stacks', 'app', 'stack.json'), EscapeError);
  assert.throws(() => store.list('stacks'), EscapeError);
});

test('attack: a cached record file replaced by a link to a file outside is refused, and so is a hard link out', (t) => {
  const { root, home, store } = sandbox(t);
  const file = path.join(home, 'access-keys', 'AKIAAAAAAAAAAAAAAAAA.json');
  store.write({ UserName: 'alice' }, 'access-keys', 'AKIAAAAAAAAAAAAAAAAA.json');
  assert.deepEqual(store.read('access-keys', 'AKIAAAAAAAAAAAAAAAAA.json'), { UserName: 'alice' });
  const outside = path.join(root, 'outside.json');
  fs.writeFileSync(outside, JSON.stringify({ UserName: 'mallory' }));
  fs.rmSync(file);
  fs.symlinkSync(outside, file);
  assert.throws(() => store.read('access-keys', 'AKIAAAAAAAAAAAAAAAAA.json'), EscapeError);
  assert.throws(() => store.readLines('access-keys', 'AKIAAAAAAAAAAAAAAAAA.json'), EscapeError);

  // A link at the record that stays inside the home is still read, as before the cache.
  fs.rmSync(file);
  store.write({ UserName: 'bob' }, 'access-keys', 'real.json');
  fs.symlinkSync('real.json', file);
  assert.deepEqual(store.read('access-keys', 'AKIAAAAAAAAAAAAAAAAA.json'), { UserName: 'bob' });
});

test('attack: a cached folder moved out of the home and linked back serves only the bytes it had, and refuses once they change', (t) => {
  const { root, home, store } = sandbox(t);
  store.write({ v: 1 }, 'builds', 'runs', 'b1', 'build.json');
  assert.deepEqual(store.read('builds', 'runs', 'b1', 'build.json'), { v: 1 });
  const outside = path.join(root, 'moved');
  fs.renameSync(path.join(home, 'builds', 'runs', 'b1'), outside);
  fs.symlinkSync(outside, path.join(home, 'builds', 'runs', 'b1'));
  // The very inode read (and proved inside) before, unchanged: nothing from outside the home.
  assert.deepEqual(store.read('builds', 'runs', 'b1', 'build.json'), { v: 1 });
  fs.writeFileSync(path.join(outside, 'build.json'), JSON.stringify({ v: 2 }));
  assert.throws(() => store.read('builds', 'runs', 'b1', 'build.json'), EscapeError);
});

test('a fifo planted as a record neither hangs the reader nor is read', (t) => {
  const { home, store } = sandbox(t);
  fs.mkdirSync(path.join(home, 'stacks', 'app'), { recursive: true });
  const made = spawnSync('mkfifo', [path.join(home, 'stacks', 'app', 'stack.json')]);
  if (made.status !== 0) return t.skip('mkfifo is not available');
  assert.throws(() => store.read('stacks', 'app', 'stack.json'), /not a regular file/);
});

test('the cache is bounded in entries and bytes, least recently used out; large files are not kept', (t) => {
  const { home } = sandbox(t);
  const store = new StateStore(home, { cache: { ...AHEAD, maxEntries: 3, maxBytes: 1_000_000, maxFileBytes: 200 } });
  for (const name of ['a', 'b', 'c', 'd']) store.write({ name }, 'records', `${name}.json`);
  for (const name of ['a', 'b', 'c', 'd']) store.read('records', `${name}.json`);
  assert.equal(store.records.size.entries, 3);
  store.read('records', 'a.json');
  assert.equal(store.records.stats.hits, 0, 'a was the least recently used, and went');
  store.write({ big: 'x'.repeat(500) }, 'records', 'big.json');
  store.read('records', 'big.json');
  store.read('records', 'big.json');
  assert.equal(store.records.stats.hits, 0);
  const bytes = new StateStore(home, { cache: { ...AHEAD, maxBytes: 100 } });
  for (const name of ['a', 'b', 'c', 'd']) bytes.read('records', `${name}.json`);
  assert.ok(bytes.records.size.bytes <= 100, `${bytes.records.size.bytes} bytes kept`);
});

test('with the real clock a file changed within the settle time is never kept: its stamps could not tell the next change apart', (t) => {
  const { home } = sandbox(t);
  const store = new StateStore(home);
  store.write({ n: 1 }, 'records', 'fresh.json');
  store.read('records', 'fresh.json');
  store.read('records', 'fresh.json');
  assert.deepEqual(store.records.size, { entries: 0, bytes: 0 });
  const cache = new RecordCache({ now: () => 0 });
  const stat = fs.statSync(path.join(home, 'records', 'fresh.json'), { bigint: true });
  assert.deepEqual(cache.keep('k', stat, { n: 1 }, 10), { n: 1 });
  assert.equal(cache.lookup('k', stat), undefined);
});
