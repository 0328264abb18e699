// Figures for issue 5 (printed, never asserted):
//  1. overhead of a build over running the same commands with plain sh, 1,000-file source (median);
//  2. provisioning a 10,000-file source (folder copy and git checkout);
//  3. twenty builds with concurrency 2 against serially.
// Run: node --import tsx bench/build-overhead.ts
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateStore } from '../runtime/common/state';
import { runBatch } from '../runtime/builds/batch';
import { runBuild } from '../runtime/builds/runner';
import { makeWorkspaceRoot, provisionFolder, workspaceBase } from '../runtime/builds/workspace';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-'));
const store = new StateStore(path.join(root, 'home'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (n: number) => `${n.toFixed(0)} ms`;

function makeSource(dir: string, files: number): void {
  for (let i = 0; i < files; i++) {
    const file = path.join(dir, `pkg${i % 50}`, `file${i}.txt`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `content ${i}\n`);
  }
}

async function overhead(): Promise<void> {
  const src = path.join(root, 'src1000');
  makeSource(src, 1000);
  const commands = ['true', 'echo hello', 'ls > /dev/null'];
  fs.writeFileSync(path.join(src, 'buildspec.yml'), `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      - ${c}`).join('\n')}\n`);
  const runs = 11;
  const plain: number[] = [];
  const inProcess: number[] = [];
  const cli: number[] = [];
  const cliPath = path.resolve('dist/cli.js');
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    spawnSync('sh', ['-c', commands.join('; ')], { cwd: src, stdio: 'ignore' });
    plain.push(performance.now() - t);
    t = performance.now();
    const record = await runBuild({ store, source: src });
    if (record.status !== 'SUCCEEDED') throw new Error(`bench build ${record.status}`);
    inProcess.push(performance.now() - t);
    if (fs.existsSync(cliPath)) {
      t = performance.now();
      spawnSync(process.execPath, [cliPath, 'build', 'run', src, '--json'], { env: { ...process.env, SLIPWAY_HOME: store.home }, stdio: 'ignore' });
      cli.push(performance.now() - t);
    }
  }
  console.log(`1,000-file source, ${commands.length} commands, median of ${runs}:`);
  console.log(`  plain sh                    ${ms(median(plain))}`);
  console.log(`  build (runner, in process)  ${ms(median(inProcess))}  → overhead ${ms(median(inProcess) - median(plain))}`);
  if (cli.length) console.log(`  slipway build run (CLI)     ${ms(median(cli))}  → overhead ${ms(median(cli) - median(plain))} (includes starting node)`);
}

async function provisioning(): Promise<void> {
  const src = path.join(root, 'src10000');
  makeSource(src, 10_000);
  const folder: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Where the runner puts workspaces (a tmpfs when it has room).
    const dest = makeWorkspaceRoot('bench');
    const t = performance.now();
    const result = await provisionFolder(src, path.join(dest, 'src'));
    folder.push(performance.now() - t);
    if (result.files !== 10_000) throw new Error(`copied ${result.files} files`);
    fs.rmSync(dest, { recursive: true, force: true });
  }
  spawnSync('git', ['init', '-q'], { cwd: src });
  spawnSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', 'add', '-A'], { cwd: src });
  spawnSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', 'commit', '-qm', 'bench'], { cwd: src });
  const git: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dest = makeWorkspaceRoot('bench');
    const t = performance.now();
    await provisionFolder(src, path.join(dest, 'src'));
    git.push(performance.now() - t);
    fs.rmSync(dest, { recursive: true, force: true });
  }
  console.log(`provisioning a 10,000-file source into ${workspaceBase()}, median of 5:`);
  console.log(`  plain folder   ${ms(median(folder))}`);
  console.log(`  git checkout   ${ms(median(git))} (git ls-files -co --exclude-standard)`);
}

async function concurrency(): Promise<void> {
  const src = path.join(root, 'batch');
  fs.mkdirSync(src);
  const list = Array.from({ length: 20 }, (_, i) => `    - identifier: b${i}`).join('\n');
  fs.writeFileSync(path.join(src, 'buildspec.yml'), `version: 0.2\nbatch:\n  build-list:\n${list}\nphases:\n  build:\n    commands:\n      - sleep 0.5\n`);
  const timed = async (limit: number) => {
    const t = performance.now();
    const result = await runBatch({ store, source: src, concurrency: limit });
    if (result.status !== 'SUCCEEDED') throw new Error(`batch ${result.status}`);
    return performance.now() - t;
  };
  const serial = await timed(1);
  const two = await timed(2);
  console.log('twenty builds (each sleeps 0.5 s):');
  console.log(`  serial         ${ms(serial)}`);
  console.log(`  concurrency 2  ${ms(two)}  (${((two / serial) * 100).toFixed(0)}% of serial)`);
}

async function main(): Promise<void> {
  console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await overhead();
  await provisioning();
  await concurrency();
}

main().finally(() => fs.rmSync(root, { recursive: true, force: true }));
