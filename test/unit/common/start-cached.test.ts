import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The built CLI (dist/cli.js, what `npm run build` wrote before the unit layer) starts
// dist/cli-main.js through V8's code cache: saved by the first start, used by the next, and
// never taken from a file or folder another user could have written.
const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const VERSION = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version;

function withFolder(run: (folder: string) => void): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-start-cached-'));
  try {
    run(path.join(root, 'cache'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const version = (cache: string) => execFileSync(process.execPath, [CLI, '--version'], { env: { ...process.env, SLIPWAY_CODE_CACHE: cache }, encoding: 'utf8' }).trim();
const caches = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /^cli-[0-9a-f]+\.bin$/.test(f)) : []);

test('the first start saves the cache (mode 0600 in a 0700 folder) and the next start runs from it without saving again', () => {
  withFolder((folder) => {
    assert.equal(version(folder), VERSION);
    const [saved] = caches(folder);
    assert.ok(saved, 'a cli-*.bin was saved');
    assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
    const file = path.join(folder, saved);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const earlier = new Date(fs.statSync(file).mtimeMs - 60_000);
    fs.utimesSync(file, earlier, earlier);
    const stamped = fs.statSync(file).mtimeMs;
    assert.equal(version(folder), VERSION);
    assert.equal(fs.statSync(file).mtimeMs, stamped, 'V8 accepted the cache, so it was not written again');
  });
});

test('a damaged cache is rejected by V8 and replaced; the command runs as usual', () => {
  withFolder((folder) => {
    version(folder);
    const file = path.join(folder, caches(folder)[0]);
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    assert.equal(version(folder), VERSION);
    assert.notDeepEqual(fs.readFileSync(file).subarray(0, 64), Buffer.alloc(64, 7), 'the damaged cache was replaced');
  });
});

test('a cache that is a link, or in a folder others can write, is never loaded or written through', () => {
  withFolder((folder) => {
    version(folder);
    const file = path.join(folder, caches(folder)[0]);
    // A valid cache, but reached through a link: the start compiles afresh and replaces the link.
    const planted = path.join(path.dirname(folder), 'planted.bin');
    fs.renameSync(file, planted);
    const plantedBytes = fs.readFileSync(planted);
    fs.symlinkSync(planted, file);
    assert.equal(version(folder), VERSION);
    assert.ok(fs.lstatSync(file).isFile(), 'the link was replaced by a cache of its own, so it was not loaded');
    assert.deepEqual(fs.readFileSync(planted), plantedBytes, 'nothing was written through the link');
    // A folder others can write: no cache is read from it or saved in it.
    fs.rmSync(file);
    fs.chmodSync(folder, 0o777);
    assert.equal(version(folder), VERSION);
    assert.deepEqual(caches(folder), []);
  });
});

test('SLIPWAY_CODE_CACHE=off starts without a cache and saves none', () => {
  withFolder((folder) => {
    const home = path.dirname(folder);
    const out = execFileSync(process.execPath, [CLI, '--version'], { env: { ...process.env, SLIPWAY_CODE_CACHE: 'off', HOME: home, XDG_CACHE_HOME: path.join(home, 'xdg') }, encoding: 'utf8' });
    assert.equal(out.trim(), VERSION);
    assert.deepEqual(fs.readdirSync(home), []);
  });
});
