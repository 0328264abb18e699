/**
 * Seeded fuzz over record names and archive entries (issue 13): whatever the input, a
 * name is refused or stays one file name under its folder, and an archive is refused or
 * extracts with every entry and link inside its folder. The seed replays a failure.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isInside, resolveReal } from '../../../runtime/common/contained';
import { nameProblem, type NameKind } from '../../../runtime/common/names';
import { DeployRegistry } from '../../../runtime/deployments/registry';
import { extractArchive } from '../../../runtime/deployments/archive';
import { seededRandom } from '../seeded-random';
import { arena, tally, writeTar } from './fs-helpers';

const SEED = Number(process.env.SLIPWAY_FUZZ_SEED ?? 20261213);
const PIECES = ['.', '..', '/', '\\', '\u2215', '\uff0f', '\u2024\u2024', '\u202e', 'a', 'Z', '0', '-', '_', '@', '__proto__', 'constructor', '\0', ' ', 'é', '.git', 'aws', '%2e', '~', '$HOME', '*'];
const KINDS: NameKind[] = ['build project', 'stack', 'change set', 'application', 'deployment group', 'deployment config', 'instance', 'pipeline', 'repository', 'user', 'parameter', 'secret', 'artifact'];

test(`record names (seed ${SEED}): refused, or one safe path under the folder`, (t) => {
  const a = arena(t);
  const { random, pick } = seededRandom(SEED);
  const registry = new DeployRegistry(a.store);
  let accepted = 0;
  for (let i = 0; i < 600; i++) {
    const name = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(PIECES)).join('');
    const kind = pick(KINDS);
    const problem = nameProblem(kind, name);
    const segments = name.split('/');
    const dangerous = name === '' || name.includes('\0') || segments.some((s) => s === '.' || s === '..') || (kind !== 'parameter' && kind !== 'secret' && kind !== 'artifact' && /[/\\]/.test(name));
    if (dangerous) {
      tally('fuzz (names)', problem !== undefined);
      assert.ok(problem, `seed ${SEED} #${i}: ${kind} ${JSON.stringify(name)} must be refused`);
    }
    if (problem) continue;
    accepted++;
    if (kind === 'instance') {
      const instance = registry.registerInstance(name, path.join(a.dir, 'roots', String(i)), {});
      const file = a.store.path('deployments', 'instances', `${instance.name}.json`);
      assert.ok(fs.existsSync(file) && path.dirname(file) === path.join(a.home, 'deployments', 'instances'), `${name} is one file of its folder`);
      registry.deregisterInstance(name);
    }
  }
  assert.ok(accepted > 20, 'the fuzz also produced valid names');
  a.assertIntact('name fuzz', { homeMayChange: true });
});

test(`archive entries (seed ${SEED}): refused, or everything inside the folder`, (t) => {
  const a = arena(t);
  const { random, pick } = seededRandom(SEED + 1);
  const names = ['a', 'b', 'l1', 'z', 'd/e', '..', '.', 'victim', 'a/..', 'x/../..'];
  let extracted = 0;
  for (let i = 0; i < 150; i++) {
    const entries: Parameters<typeof writeTar>[1] = [];
    for (let k = 0; k < 1 + Math.floor(random() * 5); k++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(names)).join('/');
      if (random() < 0.5) {
        const target = random() < 0.1 ? pick(['/', a.victim, path.join(a.victim, 'keep.txt')]) : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick([...names, '..', '.'])).join('/');
        entries.push({ name, link: target });
      } else entries.push({ name, data: `f${i}` });
    }
    const file = path.join(a.dir, `f${i}.tar`);
    writeTar(file, entries);
    const dir = path.join(a.dir, 'out', String(i));
    let refused = false;
    try {
      extractArchive(file, dir);
    } catch {
      refused = true;
    }
    if (!refused) {
      extracted++;
      const real = resolveReal(dir);
      for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        const full = path.join(entry.parentPath, entry.name);
        assert.ok(isInside(real, resolveReal(full)), `seed ${SEED + 1} #${i}: ${full} leads outside (${JSON.stringify(entries)})`);
      }
    }
    tally('fuzz (archives: refused or fully contained)', true);
    a.assertIntact(`archive #${i} ${JSON.stringify(entries)}`, { homeMayChange: true });
  }
  assert.ok(extracted > 10, 'the fuzz also produced archives that extract');
});
