import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ArtifactStore } from '../../../runtime/pipelines/engine/artifacts';
import { sandbox } from './helpers';

function tree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else if (entry.isSymbolicLink()) result[r] = `-> ${fs.readlinkSync(path.join(dir, r))}`;
      else result[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return result;
}

test('an artifact round-trips through the store: files, folders, executable bits and symlinks', () => {
  const box = sandbox();
  try {
    const out = path.join(box.dir, 'out');
    fs.mkdirSync(path.join(out, 'src/lib'), { recursive: true });
    fs.mkdirSync(path.join(out, 'empty'));
    fs.writeFileSync(path.join(out, 'a.txt'), 'alpha');
    fs.writeFileSync(path.join(out, 'src/lib/b.js'), 'beta');
    fs.writeFileSync(path.join(out, 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
    fs.symlinkSync('a.txt', path.join(out, 'link'));
    const store = new ArtifactStore(box.state);
    const id = store.ingest(out);
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.deepEqual(fs.readdirSync(out).filter((f) => fs.lstatSync(path.join(out, f)).isFile()), [], 'ingest moved the files away');
    const into = path.join(box.dir, 'in');
    store.materialize(id, into);
    assert.deepEqual(tree(into), { 'a.txt': 'alpha', 'src/lib/b.js': 'beta', 'run.sh': '#!/bin/sh\necho hi\n', link: '-> a.txt' });
    assert.ok(fs.statSync(path.join(into, 'run.sh')).mode & 0o100, 'executable bit kept');
    assert.ok(fs.existsSync(path.join(into, 'empty')), 'empty folder kept');
    assert.equal(store.readFile(id, 'src/lib/b.js')?.toString(), 'beta');
    assert.equal(store.size(id), 'alpha'.length + 'beta'.length + '#!/bin/sh\necho hi\n'.length);
  } finally {
    box.cleanup();
  }
});

test('the same content is stored once and handed over as a copy, so an action cannot change the stored artifact (issue 13)', () => {
  const box = sandbox();
  try {
    const store = new ArtifactStore(box.state);
    const make = (name: string) => {
      const dir = path.join(box.dir, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(1 << 20, 7));
      return store.ingest(dir);
    };
    const first = make('one');
    const second = make('two');
    assert.equal(first, second, 'identical trees have the same id');
    const blobs = fs.readdirSync(box.state.path('artifacts', 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    assert.equal(blobs.length, 1, 'one blob for both');
    const a = path.join(box.dir, 'a');
    store.materialize(first, a);
    const handed = path.join(a, 'big.bin');
    assert.equal(fs.statSync(handed).nlink, 1, 'a copy, not a hard link into the store');
    fs.appendFileSync(handed, 'tampered');
    const b = path.join(box.dir, 'b');
    store.materialize(first, b);
    assert.equal(fs.statSync(path.join(b, 'big.bin')).size, 1 << 20, 'the next hand-over gets the stored content');
  } finally {
    box.cleanup();
  }
});
