import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { after } from 'node:test';
import { main } from '../../../runtime/cli/main';
import { StateStore } from '../../../runtime/common/state';

/** Every file, folder and link under a folder with its type, mode, owner and content digest (modes and owners too, unlike helpers.ts's snapshot). */
export function treeState(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const visit = (rel: string) => {
    const full = path.join(dir, rel);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch {
      return;
    }
    const mode = (stat.mode & 0o7777).toString(8);
    const owner = `${stat.uid}:${stat.gid}`;
    if (stat.isSymbolicLink()) result[rel || '.'] = `link ${fs.readlinkSync(full)}`;
    else if (stat.isDirectory()) {
      result[rel || '.'] = `dir ${mode} ${owner}`;
      for (const name of fs.readdirSync(full).sort()) visit(rel ? `${rel}/${name}` : name);
    } else result[rel || '.'] = `file ${mode} ${owner} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
  };
  visit('');
  return result;
}

/**
 * A temp folder holding a workspace (the CLI's cwd), its state home `.slipway/` with a
 * few records in it, and a victim folder beside them that no attack may touch.
 */
export interface Arena {
  dir: string;
  home: string;
  victim: string;
  store: StateStore;
  cli: (args: string[], cwd?: string) => Promise<{ code: number; stdout: string; stderr: string }>;
  /** Takes the snapshots every later `assertIntact` compares with. */
  baseline: () => void;
  /** The victim folder is as it was; the state home too, apart from `changes` (paths under the home, e.g. locks). */
  assertIntact: (what: string, options?: { homeMayChange?: boolean }) => void;
}

export function arena(t: { after: (fn: () => void) => void }): Arena {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-sec-')));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const home = path.join(dir, 'ws', '.slipway');
  const victim = path.join(dir, 'victim');
  fs.mkdirSync(path.join(victim, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(victim, 'keep.txt'), 'keep\n');
  fs.writeFileSync(path.join(victim, 'file.json'), '{"keep":true}\n');
  fs.writeFileSync(path.join(victim, 'sub', 'x.json'), '{}\n');
  fs.chmodSync(path.join(victim, 'keep.txt'), 0o640);
  const store = new StateStore(home);
  let victimBefore: Record<string, string> = {};
  let homeBefore: Record<string, string> = {};
  const stable = (snap: Record<string, string>) => Object.fromEntries(Object.entries(snap).filter(([k]) => !k.startsWith('locks') && k !== 'activity.jsonl'));
  const baseline = () => {
    victimBefore = treeState(victim);
    homeBefore = stable(treeState(home));
  };
  baseline();
  return {
    dir,
    home,
    victim,
    store,
    baseline,
    cli: async (args, cwd = path.join(dir, 'ws')) => {
      fs.mkdirSync(cwd, { recursive: true });
      let stdout = '';
      let stderr = '';
      const saved = process.env.SLIPWAY_HOME;
      delete process.env.SLIPWAY_HOME;
      try {
        const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, cwd);
        return { code, stdout, stderr };
      } finally {
        if (saved !== undefined) process.env.SLIPWAY_HOME = saved;
      }
    },
    assertIntact: (what, options = {}) => {
      assert.deepEqual(treeState(victim), victimBefore, `${what}: the victim folder outside the roots changed`);
      if (!options.homeMayChange) assert.deepEqual(stable(treeState(home)), homeBefore, `${what}: the state home changed`);
    },
  };
}

/** One line, no stack trace: what a user sees. */
export function assertOneLine(text: string, pattern: RegExp, what: string): void {
  const trimmed = text.trim();
  assert.ok(trimmed.length > 0, `${what}: no refusal printed`);
  assert.equal(trimmed.split('\n').length, 1, `${what}: the refusal is not one line: ${trimmed}`);
  assert.doesNotMatch(trimmed, /\n\s+at /, `${what}: a stack trace was printed`);
  assert.match(trimmed, pattern, `${what}: ${trimmed}`);
}

/** Counts attacks per category for the closing note; printed once the file's tests ran. */
const tallies = new Map<string, { attempts: number; refused: number }>();
export function tally(category: string, refused: boolean): void {
  const entry = tallies.get(category) ?? { attempts: 0, refused: 0 };
  entry.attempts++;
  if (refused) entry.refused++;
  tallies.set(category, entry);
}
after(() => {
  for (const [category, { attempts, refused }] of tallies) process.stdout.write(`# tally ${category}: ${refused}/${attempts} refused\n`);
});

/** Runs an attack that must throw a one-line error matching `pattern`; counts it. */
export async function refuses(category: string, what: string, attack: () => unknown, pattern: RegExp): Promise<void> {
  let refusal: Error | undefined;
  try {
    await attack();
  } catch (error) {
    refusal = error as Error;
  }
  tally(category, !!refusal && pattern.test(refusal.message));
  assert.ok(refusal, `${what}: was not refused`);
  assert.equal(refusal.message.split('\n').length, 1, `${what}: the refusal is not one line: ${refusal.message}`);
  assert.match(refusal.message, pattern, what);
}

/** A ustar archive (optionally gzipped): files, folders (`name/`) and links. */
export function writeTar(file: string, entries: Array<{ name: string; data?: string | Buffer; link?: string; mode?: number; type?: string; size?: number }>, gzip = false): void {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const header = Buffer.alloc(512);
    const data = entry.link !== undefined || entry.name.endsWith('/') ? Buffer.alloc(0) : Buffer.from(entry.data ?? '');
    header.write(entry.name, 0, 100);
    header.write(((entry.mode ?? 0o644) & 0o7777).toString(8).padStart(7, '0') + '\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write((entry.size ?? data.length).toString(8).padStart(11, '0') + '\0', 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write(entry.type ?? (entry.link !== undefined ? '2' : entry.name.endsWith('/') ? '5' : '0'), 156);
    if (entry.link !== undefined) header.write(entry.link, 157, 100);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  fs.writeFileSync(file, gzip ? zlib.gzipSync(tar) : tar);
}
