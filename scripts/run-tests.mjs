// Runs node's test runner over every *.test.ts under the given folders, one process per file,
// as many at once as there are cores. The console gets scripts/test-reporter.mjs's readable
// report; the full TAP goes to test-results/<layer>.tap. Node 20's --test takes no globs, so
// the files are listed here.
//
// TypeScript is transformed once for the run (scripts/precompile-ts.mjs, under test-results/)
// and loaded by scripts/precompiled-ts.cjs, which the runner requires in each file's process and
// node passes on to the processes those start: tsx's require hook redoes hashing, lexing and
// resolution in every process (see that file for the figures).
//
// `--bundle-cli` bundles the CLI and the hook entry point once for the run (scripts/test-cli.mjs)
// and names them in SLIPWAY_CLI and SLIPWAY_HOOK, so the hooks, drivers and CLIs the tests start
// in other processes do not each compile the sources through tsx.
//
// Usage: node scripts/run-tests.mjs [--layer NAME] [--bundle-cli] FOLDER|FILE... [node --test options]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareTestRun } from './test-env.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const layerAt = args.indexOf('--layer');
const layer = layerAt >= 0 ? args.splice(layerAt, 2)[1] : path.basename(args.find((a) => !a.startsWith('--')) ?? 'tests');
const bundleAt = args.indexOf('--bundle-cli');
const bundleCli = bundleAt >= 0 && args.splice(bundleAt, 1).length > 0;
const roots = args.filter((a) => !a.startsWith('--'));
const extra = args.filter((a) => a.startsWith('--'));
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.test.ts')) files.push(full);
  }
};
for (const root of roots) {
  if (!fs.existsSync(root)) {
    console.error(`run-tests: ${root} does not exist`);
    process.exit(2);
  }
  if (fs.statSync(root).isDirectory()) walk(root);
  else files.push(root);
}
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
const results = path.join(REPO, 'test-results');
fs.mkdirSync(results, { recursive: true });
const tap = path.join(results, `${layer}.tap`);
const summary = path.join(results, `${layer}.json`);
// The longest files start first, as the last run timed them (files it did not time first of
// all): a long file started last would leave one core idle while it finishes alone. A fresh
// clone has no last run: scripts/test-order.json's reference figures order it (unlisted files last).
const lastRun = readJson(summary)?.files;
const reference = lastRun ? undefined : (readJson(path.join(REPO, 'scripts', 'test-order.json'))?.[layer] ?? {});
const seconds = lastRun ? (file) => lastRun[path.relative(process.cwd(), file)] ?? Infinity : (file) => reference[path.relative(REPO, file)] ?? 0;
files.sort((a, b) => seconds(b) - seconds(a) || (a < b ? -1 : 1));
fs.rmSync(summary, { force: true });
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const run = await prepareTestRun({ bundleCli });
const env = { ...process.env, SLIPWAY_TEST_LAYER: layer, SLIPWAY_TEST_SUMMARY: summary, ...run.env };
// As many files as cores. Twice the cores saved little (unit 385 s with 797 tests, against
// 397 s with 690 at one per core, fresh clones on an idle 2-core machine) and starved the
// end-to-end layer that npm test runs beside it: four scenarios timed out. SLIPWAY_TEST_CONCURRENCY overrides.
const concurrency = Number(process.env.SLIPWAY_TEST_CONCURRENCY) || Math.max(2, os.availableParallelism());
console.log(`${layer}: ${files.length} files, ${concurrency} at a time (full TAP in ${path.relative(process.cwd(), tap)})`);
const result = spawnSync(
  process.execPath,
  ['--require', run.loader, '--test', `--test-concurrency=${concurrency}`, '--test-reporter=tap', `--test-reporter-destination=${tap}`, `--test-reporter=${path.join(REPO, 'scripts', 'test-reporter.mjs')}`, '--test-reporter-destination=stdout', ...extra, ...files],
  { stdio: 'inherit', env },
);
run.cleanup();
process.exit(result.status ?? 1);
