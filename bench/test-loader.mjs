// What the test loader's V8 code cache (scripts/precompiled-ts.cjs) saves each test process:
// loads one module through the loader, as a test file's process does, alternately with the
// cache off and on, and prints the CPU each load took (the fastest and the median of the
// rounds: on a shared VM the fastest is the steadiest figure). Each process reports its own
// CPU (getrusage), so its start-up is counted too.
//
// Usage: node bench/test-loader.mjs [--rounds N] [MODULE]   (a module, not a test file; default
//        runtime/cli/main.ts, 25 rounds)
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareTestRun } from '../scripts/test-env.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 25;
const module = path.resolve(REPO, args[0] ?? 'runtime/cli/main.ts');

const run = await prepareTestRun();
try {
  const load = (cache) => {
    const script = `require(${JSON.stringify(module)}); process.on('exit', () => { const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000)); });`;
    const result = spawnSync(process.execPath, ['--require', run.loader, '-e', script], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...run.env, SLIPWAY_TS_CODE_CACHE: cache } });
    if (result.status !== 0) throw new Error(`loading ${module} failed:\n${result.stderr}`);
    return Number(result.stdout);
  };
  load('on'); // the first load writes the cache
  const figures = { off: [], on: [] };
  for (let round = 0; round < rounds; round++) {
    figures.off.push(load('off'));
    figures.on.push(load('on'));
  }
  for (const [cache, values] of Object.entries(figures)) {
    values.sort((a, b) => a - b);
    console.log(`code cache ${cache.padEnd(3)}: fastest ${values[0].toFixed(0)} ms, median ${values[Math.floor(values.length / 2)].toFixed(0)} ms of CPU (${rounds} loads of ${path.relative(REPO, module)})`);
  }
} finally {
  run.cleanup();
}
