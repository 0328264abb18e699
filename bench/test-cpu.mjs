// Where `npm test`'s CPU goes: runs each unit or language-server test file (or a whole command)
// in its own cpuacct cgroup and prints the core-seconds each used, largest first. A cgroup
// counts every process the file starts, detached servers, git hooks and browsers included,
// which `time` and node's runner do not: on a saturated 2-core machine the run's length is its
// CPU divided by two, so this is the figure to shrink.
//
// Needs cgroup v1's cpuacct controller mounted at /sys/fs/cgroup/cpuacct and root to create
// groups in it (as on this project's Linux machines); it says so and exits 2 otherwise.
//
// Usage: node bench/test-cpu.mjs [--jobs N] FOLDER|FILE...     (test files, after `npm run build`)
//        node bench/test-cpu.mjs --command -- CMD ARGS...       (one command, e.g. node test/e2e/run.mjs)
// Test files run as scripts/run-tests.mjs runs them (precompiled TypeScript, scripts/lean-node.mjs's
// NODE_OPTIONS); to compare, SLIPWAY_TEST_CPU_LOADER=tsx loads through tsx and
// NODE_OPTIONS=--v8-pool-size=4 restores V8's default pool.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareTestRun } from '../scripts/test-env.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CPUACCT = '/sys/fs/cgroup/cpuacct';
const args = process.argv.slice(2);
if (!fs.existsSync(path.join(CPUACCT, 'cpuacct.usage'))) {
  console.error(`test-cpu: no cgroup v1 cpuacct controller at ${CPUACCT}`);
  process.exit(2);
}

/** Runs argv inside a new cgroup; resolves with its exit code, wall seconds and core-seconds. */
function measured(name, argv, env) {
  const group = fs.mkdtempSync(path.join(CPUACCT, 'slipway-test-cpu-'));
  const started = Date.now();
  // The shell joins the group before it execs the command, so every descendant is counted.
  const child = spawn('sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', group, ...argv], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('close', async (code) => {
      const wall = (Date.now() - started) / 1000;
      // Detached servers a test left behind still count until they exit; give them a moment.
      await new Promise((r) => setTimeout(r, 300));
      const cpu = Number(fs.readFileSync(path.join(group, 'cpuacct.usage'), 'utf8')) / 1e9;
      const stragglers = fs.readFileSync(path.join(group, 'cgroup.procs'), 'utf8').trim().split('\n').filter(Boolean);
      for (const pid of stragglers) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {}
      }
      await new Promise((r) => setTimeout(r, 100));
      try {
        fs.rmdirSync(group);
      } catch {}
      resolve({ name, code, wall, cpu, stragglers: stragglers.length, output });
    });
  });
}

if (args[0] === '--command') {
  const argv = args.slice(args.indexOf('--') + 1);
  const result = await measured(argv.join(' '), argv, process.env);
  process.stdout.write(result.output);
  console.log(`\n${result.name}: exit ${result.code}, ${result.wall.toFixed(1)} s wall, ${result.cpu.toFixed(1)} core-seconds${result.stragglers ? ` (${result.stragglers} processes left running, killed)` : ''}`);
  process.exit(result.code ?? 1);
}

const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args.splice(jobsAt, 2)[1]) : 2;
const files = [];
const walk = (entry) => {
  if (fs.statSync(entry).isDirectory()) for (const name of fs.readdirSync(entry)) walk(path.join(entry, name));
  else if (entry.endsWith('.test.ts')) files.push(entry);
};
for (const root of args) walk(root);
const run = await prepareTestRun({ bundleCli: true });
const env = { ...process.env, ...run.env };
const loader = process.env.SLIPWAY_TEST_CPU_LOADER === 'tsx' ? 'tsx/cjs' : run.loader;
const results = [];
const queue = [...files];
const started = Date.now();
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const result = await measured(path.relative(REPO, file), [process.execPath, '--require', loader, '--test', '--test-reporter=dot', file], env);
      results.push(result);
      process.stderr.write(`${result.code === 0 ? 'ok  ' : 'FAIL'} ${result.cpu.toFixed(1).padStart(6)} core-s ${result.wall.toFixed(1).padStart(6)} s  ${result.name}\n`);
    }
  }),
);
run.cleanup();
results.sort((a, b) => b.cpu - a.cpu);
const total = results.reduce((sum, r) => sum + r.cpu, 0);
console.log(`\n${results.length} files, ${jobs} at a time: ${((Date.now() - started) / 1000).toFixed(0)} s wall, ${total.toFixed(0)} core-seconds`);
for (const r of results.slice(0, 30)) console.log(`${r.cpu.toFixed(1).padStart(7)} core-s ${((r.cpu / total) * 100).toFixed(1).padStart(5)}% ${r.wall.toFixed(1).padStart(6)} s  ${r.name}${r.code === 0 ? '' : '  (FAILED)'}`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
