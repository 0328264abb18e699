/**
 * Issue 13, build artifacts and immutable artifacts: `artifacts.name`, secondary
 * identifiers and secondary names are names (never `..`), nothing is deleted or written
 * outside the build's artifact folder; pipeline actions get copies of stored artifacts,
 * and the store verifies digests before handing anything out.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ArtifactStore } from '../../../runtime/pipelines/engine/artifacts';
import { build, write } from '../builds/helpers';
import { arena, refuses, tally } from './fs-helpers';

function spec(artifacts: string): string {
  return `version: 0.2\nphases:\n  build:\n    commands:\n      - echo built > out.txt\nartifacts:\n${artifacts}`;
}

test('issue 13: artifacts.name, a secondary identifier or a secondary name with .. deletes and writes nothing outside', async (t) => {
  const cases: Array<[string, string]> = [
    ['primary name ../../../../../../victim', '  files: [out.txt]\n  name: NAME\n'],
    ['secondary identifier', '  files: [out.txt]\n  secondary-artifacts:\n    NAME:\n      files: [out.txt]\n'],
    ['secondary name', '  files: [out.txt]\n  secondary-artifacts:\n    second:\n      files: [out.txt]\n      name: NAME\n'],
  ];
  for (const [what, template] of cases) {
    for (const name of ['..', '../..', 'x/../../..', '.']) {
      const a = arena(t);
      const src = path.join(a.dir, 'src');
      write(src, { 'in.txt': 'x' });
      // From builds/runs/<id>/artifacts/primary, this many levels reach the arena and its victim.
      const hostile = name === '..' ? path.relative(path.join(a.home, 'builds', 'runs', 'x', 'artifacts', 'primary'), a.victim) : name;
      a.baseline();
      const ran = await build(a.store, src, spec(template.replace('NAME', JSON.stringify(hostile))));
      const reason = JSON.stringify(ran.record.phases);
      const refused = ran.record.status === 'FAILED' && /(artifact|name).*(not allowed|not valid|leaves|outside)/.test(reason);
      tally('artifacts (build names)', refused);
      assert.ok(refused, `${what} ${hostile}: ${ran.record.status} ${reason}`);
      a.assertIntact(`${what} ${hostile}`, { homeMayChange: true });
    }
  }
});

test('pipeline artifacts: a hand-over is a copy, a tampered blob or manifest is refused, a crafted manifest cannot write outside', async (t) => {
  const a = arena(t);
  const store = new ArtifactStore(a.store);
  const out = path.join(a.dir, 'out');
  write(out, { 'app.js': 'original', 'lib/x.js': 'x' });
  const id = store.ingest(out);
  const first = path.join(a.dir, 'in1');
  store.materialize(id, first);
  fs.appendFileSync(path.join(first, 'app.js'), ' tampered by the action');
  const second = path.join(a.dir, 'in2');
  store.materialize(id, second);
  assert.equal(fs.readFileSync(path.join(second, 'app.js'), 'utf8'), 'original', 'later executions and rollbacks get the stored content');
  tally('artifacts (immutability)', true);
  // Tamper with the blob itself (as root could): the store refuses to hand it out.
  const manifest = store.manifest(id);
  const entry = manifest.files.find((f) => f.path === 'app.js')!;
  const blob = a.store.path('artifacts', 'blobs', entry.blob.slice(0, 2), entry.blob);
  fs.chmodSync(blob, 0o644);
  fs.writeFileSync(blob, 'evil');
  await refuses('artifacts (immutability)', 'tampered blob', () => new ArtifactStore(a.store).materialize(id, path.join(a.dir, 'in3')), /was changed .* refused/);
  await refuses('artifacts (immutability)', 'tampered blob read', () => new ArtifactStore(a.store).readFile(id, 'app.js'), /was changed/);
  // A manifest edited in place no longer matches its id.
  const manifestFile = a.store.path('artifacts', 'manifests', `${id}.json`);
  fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, files: [{ ...entry, path: '../../victim/keep.txt' }] }));
  await refuses('artifacts (immutability)', 'edited manifest', () => new ArtifactStore(a.store).materialize(id, path.join(a.dir, 'in4')), /manifest was changed/);
  // A crafted manifest stored under its own digest still cannot place files or links outside.
  for (const crafted of [
    { files: [{ path: '../victim/keep.txt', blob: entry.blob, size: 4 }], symlinks: [], directories: [] },
    { files: [], symlinks: [{ path: 'out', target: '../victim' }], directories: [] },
    { files: [], symlinks: [], directories: ['../victim/new'] },
  ]) {
    const text = JSON.stringify(crafted);
    const craftedId = (await import('node:crypto')).createHash('sha256').update(text).digest('hex');
    fs.writeFileSync(a.store.path('artifacts', 'manifests', `${craftedId}.json`), text);
    fs.writeFileSync(blob, 'original'); // digest matches again
    a.baseline();
    await refuses('artifacts (crafted manifest)', text, () => new ArtifactStore(a.store).materialize(craftedId, path.join(a.dir, 'in5')), /outside|refused/);
    a.assertIntact(text, { homeMayChange: true });
  }
});
