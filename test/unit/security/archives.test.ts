/**
 * Issue 13 (archive link chains) and issue 20 class 3 (bounded expansion): zip, tar and
 * tar.gz revisions are refused when a link really leads outside the revision, and
 * before they expand past the limits (ARCHIVE_LIMITS, stated in the README).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ARCHIVE_LIMITS, extractArchive, type ArchiveLimits } from '../../../runtime/deployments/archive';
import { DeployEngine } from '../../../runtime/deployments/engine';
import { writeZip } from '../deployments/helpers';
import { arena, refuses, tally, writeTar } from './fs-helpers';

const SPEC = 'version: 0.0\nos: linux\nfiles:\n  - source: links\n    destination: /\n';

test('issue 13: link chains links/l1 -> ., links/z -> l1/.. in zip, tar and tar.gz are refused; nothing lands outside', async (t) => {
  for (const kind of ['zip', 'tar', 'tar.gz'] as const) {
    const a = arena(t);
    const engine = new DeployEngine(a.store);
    engine.registry.createApplication('app');
    engine.registry.putGroup({ application: 'app', name: 'g', instances: [{ name: 'i1', root: path.join(a.dir, 'inst') }], tagFilters: [], config: 'CodeDeployDefault.OneAtATime', autoRollback: false }, 'create');
    const file = path.join(a.dir, `rev.${kind}`);
    // Installed at /, z -> l1/.. is the instance root's parent (lexically it looks like the root).
    const links = { 'links/l1': '.', 'links/z': 'l1/..' };
    if (kind === 'zip') writeZip(file, { 'appspec.yml': SPEC, 'links/f.txt': 'f' }, links);
    else writeTar(file, [{ name: 'appspec.yml', data: SPEC }, { name: 'links/f.txt', data: 'f' }, ...Object.entries(links).map(([name, link]) => ({ name, link }))], kind === 'tar.gz');
    a.baseline();
    let refusal = '';
    try {
      const deployment = await engine.start('app', 'g', { revision: file });
      assert.equal(deployment.status, 'Failed', `${kind}: the deployment must fail`);
      refusal = JSON.stringify(deployment);
    } catch (error) {
      refusal = (error as Error).message;
    }
    tally('archives (links)', /outside/.test(refusal));
    assert.match(refusal, /outside/, kind);
    a.assertIntact(kind, { homeMayChange: true });
    assert.equal(fs.existsSync(path.join(a.dir, 'f.txt')), false, `${kind}: nothing written beside the instance root`);
  }
});

test('variants: absolute links, links through an earlier link, entries through links, and hard links', async (t) => {
  const a = arena(t);
  const cases: Array<{ name: string; entries: Parameters<typeof writeTar>[1] }> = [
    { name: 'absolute link into the victim', entries: [{ name: 'v', link: path.join(a.victim, 'keep.txt') }] },
    { name: 'absolute link to /', entries: [{ name: 'root', link: '/' }] },
    { name: 'two-step chain', entries: [{ name: 'a/b/c', link: '../..' }, { name: 'a/up', link: 'b/c/..' }] },
    { name: 'dangling link out', entries: [{ name: 'd', link: '../victim/new.txt' }] },
    { name: 'entry escaping by name', entries: [{ name: '../victim/keep.txt', data: 'x' }] },
  ];
  for (const c of cases) {
    const file = path.join(a.dir, `${c.name.replace(/\W+/g, '-')}.tar`);
    writeTar(file, c.entries);
    const dir = path.join(a.dir, 'out', c.name.replace(/\W+/g, '-'));
    a.baseline();
    await refuses('archives (links)', c.name, () => extractArchive(file, dir), /outside|escapes/);
    a.assertIntact(c.name);
  }
  // A link-free entry named like a file under an existing link is never written through it.
  const through = path.join(a.dir, 'through.tar');
  writeTar(through, [{ name: 'l', link: 'sub' }, { name: 'sub/', data: '' }, { name: 'ok.txt', data: 'ok' }]);
  extractArchive(through, path.join(a.dir, 'ok-out'));
  assert.equal(fs.readlinkSync(path.join(a.dir, 'ok-out', 'l')), 'sub', 'a link inside the revision is kept');
});

test('variants: hard links, devices, fifos, sparse files and sizes that lie are refused with one line; nothing is written', async (t) => {
  const a = arena(t);
  const cases: Array<{ name: string; entries: Parameters<typeof writeTar>[1]; refusal: RegExp }> = [
    { name: 'hard link to a file outside', entries: [{ name: 'h', type: '1', link: path.join(a.victim, 'keep.txt') }], refusal: /hard link "h" is not supported/ },
    { name: 'character device', entries: [{ name: 'null', type: '3' }], refusal: /"null" is a character device/ },
    { name: 'block device', entries: [{ name: 'sda', type: '4' }], refusal: /"sda" is a block device/ },
    { name: 'fifo', entries: [{ name: 'pipe', type: '6' }], refusal: /"pipe" is a fifo/ },
    { name: 'GNU sparse file', entries: [{ name: 'holes', type: 'S', data: 'x' }], refusal: /"holes" is a sparse file/ },
    { name: 'size past the end', entries: [{ name: 'liar.bin', data: 'x', size: 8 * 1024 ** 3 }], refusal: /says 8589934592 bytes, more than the archive holds/ },
  ];
  for (const c of cases) {
    const file = path.join(a.dir, `${c.name.replace(/\W+/g, '-')}.tar`);
    writeTar(file, [{ name: 'appspec.yml', data: 'version: 0.0\nos: linux\n' }, ...c.entries]);
    const dir = path.join(a.dir, 'out', c.name.replace(/\W+/g, '-'));
    a.baseline();
    await refuses('archives (entry kinds)', c.name, () => extractArchive(file, dir), c.refusal);
    assert.equal(fs.existsSync(dir), false, `${c.name}: something was extracted`);
    a.assertIntact(c.name);
  }
  // A zip whose central directory puts an entry past the end of the file (a zip64-style lie).
  const liar = path.join(a.dir, 'liar.zip');
  writeZip(liar, { 'a.txt': 'hello' });
  const bytes = fs.readFileSync(liar);
  const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bytes.writeUInt32LE(bytes.length + 1000, central + 42);
  fs.writeFileSync(liar, bytes);
  await refuses('archives (entry kinds)', 'zip entry offset past the end', () => extractArchive(liar, path.join(a.dir, 'out', 'zip-liar')), /corrupt zip, the entry "a.txt" is not where the central directory says/);
  writeZip(liar, { 'a.txt': 'hello' });
  const again = fs.readFileSync(liar);
  again.writeUInt32LE(0x7fffffff, again.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 20);
  fs.writeFileSync(liar, again);
  await refuses('archives (entry kinds)', 'zip compressed size past the end', () => extractArchive(liar, path.join(a.dir, 'out', 'zip-size')), /says 2147483647 bytes, more than the archive holds/);
});

const SMALL: ArchiveLimits = { maxTotalBytes: 1 << 20, maxEntries: 50, maxRatio: 10, ratioFloorBytes: 64 * 1024, maxArchiveBytes: 1 << 20 };

test('bounded expansion: total size, entry count and ratio are refused while inflating, before anything is written', async (t) => {
  const a = arena(t);
  const out = path.join(a.dir, 'out');
  // A zip bomb: 2 MiB of zeros deflates to a few KiB.
  const bomb = path.join(a.dir, 'bomb.zip');
  writeZip(bomb, { 'zeros.bin': '\0'.repeat(2 << 20) });
  await refuses('archives (limits)', 'zip over the ratio', () => extractArchive(bomb, out, SMALL), /refused, it expands to more than 10 times its size/);
  await refuses('archives (limits)', 'zip over the total (default ratio)', () => extractArchive(bomb, out, { ...SMALL, maxRatio: 10_000 }), /refused, it expands to more than 1048576 bytes/);
  const gz = path.join(a.dir, 'bomb.tar.gz');
  writeTar(gz, [{ name: 'zeros.bin', data: Buffer.alloc(2 << 20) }], true);
  await refuses('archives (limits)', 'tar.gz over the ratio', () => extractArchive(gz, out, SMALL), /refused, it expands/);
  const many = path.join(a.dir, 'many.tar');
  writeTar(many, Array.from({ length: 60 }, (_, i) => ({ name: `f${i}`, data: '' })));
  await refuses('archives (limits)', 'tar with too many entries', () => extractArchive(many, out, SMALL), /more than 50 entries/);
  const manyZip = path.join(a.dir, 'many.zip');
  writeZip(manyZip, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, ''])));
  await refuses('archives (limits)', 'zip with too many entries', () => extractArchive(manyZip, out, SMALL), /more than 50 entries/);
  const big = path.join(a.dir, 'big.tar');
  writeTar(big, [{ name: 'big.bin', data: Buffer.alloc(1100 * 1024) }]);
  await refuses('archives (limits)', 'archive larger than allowed', () => extractArchive(big, out, SMALL), /larger than 1048576 bytes/);
  assert.equal(fs.existsSync(out), false, 'nothing was extracted');
  // Within the limits, an archive extracts; the defaults are the documented ones.
  const fine = path.join(a.dir, 'fine.tar.gz');
  writeTar(fine, [{ name: 'a.txt', data: 'hello' }], true);
  extractArchive(fine, out, SMALL);
  assert.equal(fs.readFileSync(path.join(out, 'a.txt'), 'utf8'), 'hello');
  assert.deepEqual(ARCHIVE_LIMITS, { maxTotalBytes: 2 * 1024 ** 3, maxEntries: 100_000, maxRatio: 200, ratioFloorBytes: 16 * 1024 ** 2, maxArchiveBytes: 2 * 1024 ** 3 });
});
