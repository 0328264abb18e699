// `npm test`: builds and packages once, then runs every test layer (unit, language server,
// end-to-end), each even when another failed, and ends with the failing tests (file, name,
// first assertion message), one line per layer and a total. Exit code 1 when anything failed.
//
// The end-to-end layer spends most of its time waiting for a browser, so it runs beside the
// unit and language-server layers; its output is held back and printed after theirs.
// `--sequential` runs the layers one after another instead. Each layer's runner leaves its
// summary in test-results/<layer>.json.
//
// Usage: node scripts/test-all.mjs [--sequential] [unit|lsp|e2e ...]   (default: all three)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS = {
  unit: ['scripts/run-tests.mjs', '--layer', 'unit', '--bundle-cli', 'test/unit'],
  lsp: ['scripts/run-tests.mjs', '--layer', 'lsp', 'test/lsp'],
  // The build step below has packaged the extension; the layer installs that .vsix.
  e2e: ['test/e2e/run.mjs', '--packaged'],
};
const args = process.argv.slice(2);
const sequential = args.includes('--sequential');
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) {
  if (!(name in LAYERS)) {
    console.error(`test-all: unknown layer "${name}" (one of ${Object.keys(LAYERS).join(', ')})`);
    process.exit(2);
  }
}
const layers = chosen.length > 0 ? Object.keys(LAYERS).filter((name) => chosen.includes(name)) : Object.keys(LAYERS);
const started = Date.now();
const elapsed = (since) => Math.round((Date.now() - since) / 1000);
const summaryFile = (name) => path.join(REPO, 'test-results', `${name}.json`);

/** Runs a layer; resolves with its exit status and wall time. `hold` buffers its output until `release()`. */
function runLayer(name, { hold = false } = {}) {
  fs.rmSync(summaryFile(name), { force: true });
  const layerStarted = Date.now();
  const child = spawn(process.execPath, LAYERS[name], { cwd: REPO, stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let held = [];
  const write = (stream) => (chunk) => (held ? held.push([stream, chunk]) : stream.write(chunk));
  child.stdout?.on('data', write(process.stdout));
  child.stderr?.on('data', write(process.stderr));
  const done = new Promise((resolve) => {
    child.on('error', (error) => resolve({ name, status: `not started (${error.message})`, seconds: elapsed(layerStarted) }));
    child.on('close', (code, signal) => resolve({ name, status: code ?? signal, seconds: elapsed(layerStarted) }));
  });
  const release = () => {
    for (const [stream, chunk] of held ?? []) stream.write(chunk);
    held = undefined;
  };
  if (!hold) release();
  return { done, release };
}

/** Packs dist/ into dist/slipway.vsix (`npm run vsix`); resolves true when it did, else records why. */
function packVsix() {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'vsix'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += error.message));
    child.on('close', (code) => {
      // vsce lists every file it packs; only a failure's output is worth reading.
      if (code === 0) {
        lines.push(`package: dist/slipway.vsix, ${(fs.statSync(path.join(REPO, 'dist', 'slipway.vsix')).size / 1024).toFixed(0)} KiB (${elapsed(started)} s, beside the layers)`);
      } else {
        lines.push(`package: failed (${elapsed(started)} s); the e2e layer did not run`);
        failures.push({ layer: 'package', file: '', name: 'npm run vsix', message: `exit ${code}:\n${output.trim().split('\n').slice(-10).join('\n')}` });
      }
      resolve(code === 0);
    });
  });
}

console.log('== build');
const buildStarted = Date.now();
// One production build for every layer: the .vsix the e2e layer installs packs it, and the unit
// and language-server tests load it from dist/ (its linked source maps, which the .vsix leaves
// out, keep their stacks readable). Packing the .vsix runs beside the first layers.
const built = spawnSync('npm', ['run', '--silent', 'build', '--', '--production'], { cwd: REPO, encoding: 'utf8' });
const build = built.status === 0;
if (!build) process.stdout.write(`npm run build -- --production failed (exit ${built.status}):\n${built.stdout}${built.stderr}`);
const lines = [];
const failures = [];
if (!build) {
  // Every layer runs the built code; without it their failures would all say the same thing.
  lines.push(`build: failed (${elapsed(buildStarted)} s); no layer ran`);
} else {
  lines.push(`build: ok (${elapsed(buildStarted)} s)`);
  const packaged = layers.includes('e2e') ? packVsix() : undefined;
  const background = !sequential && layers.includes('e2e') && layers.length > 1 ? packaged.then((ok) => ok && runLayer('e2e', { hold: true })) : undefined;
  const outcomes = [];
  for (const name of layers) {
    if (name === 'e2e' && background) continue;
    if (name === 'e2e' && !(await packaged)) continue;
    console.log(`\n== ${name}`);
    outcomes.push(await runLayer(name).done);
  }
  const e2e = await background;
  if (e2e) {
    console.log('\n== e2e (started beside the layers above)');
    e2e.release();
    outcomes.push(await e2e.done);
  }
  for (const { name, status, seconds } of outcomes) {
    const summary = fs.existsSync(summaryFile(name)) ? JSON.parse(fs.readFileSync(summaryFile(name), 'utf8')) : undefined;
    if (!summary) {
      lines.push(`${name}: did not finish (exit ${status}, ${seconds} s)`);
      failures.push({ layer: name, file: '', name: '(the layer)', message: `exited ${status} before writing its summary; see its output above` });
      continue;
    }
    // A runner that exits non-zero with no failing test named (a file that hung, a crashed harness) still fails the layer.
    const failed = summary.failed || (status !== 0 ? 1 : 0);
    lines.push(`${name}: ${summary.passed} passed, ${failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''} (${seconds} s)`);
    for (const failure of summary.failures) failures.push({ layer: name, ...failure });
    if (failed > 0 && summary.failures.length === 0) failures.push({ layer: name, file: '', name: '(the layer)', message: `exited ${status} with no failing test named; see its output above` });
  }
}

const ok = build && failures.length === 0;
console.log('\n== summary');
if (failures.length > 0) {
  console.log(`${failures.length} failing:`);
  for (const failure of failures) {
    console.log(`  ✖ ${failure.layer}: ${failure.file ? `${failure.file}${failure.line ? `:${failure.line}` : ''} — ` : ''}${failure.name}`);
    console.log(String(failure.message).replace(/^/gm, '      '));
  }
  console.log('');
}
for (const line of lines) console.log(line);
console.log(`total: ${ok ? 'passed' : 'FAILED'} in ${elapsed(started)} s`);
process.exit(ok ? 0 : 1);
