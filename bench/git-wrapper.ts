// Figures for running one git command on a hosted repository: the hand-written spawn
// (runtime/common/process.ts `run`) against the simple-git path of runtime/repos/git.ts,
// for a command that prints (rev-parse), one that prints nothing (cat-file -e), and 20 at
// once (pull request listings and comment races). The two are interleaved run by run, so
// the load of a shared machine weighs on both alike.
// Run: node --import tsx bench/git-wrapper.ts   (prints one line per figure)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { neutralisedGitEnv } from '../runtime/common/git-safety';
import { run } from '../runtime/common/process';
import { gitResult } from '../runtime/repos/git';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-git-'));
const gitDir = path.join(root, 'r.git');
execFileSync('git', ['init', '-q', '--bare', gitDir]);
const blob = execFileSync('git', ['--git-dir', gitDir, 'hash-object', '-w', '--stdin'], { input: 'x\n', encoding: 'utf8' }).trim();
const env = neutralisedGitEnv(process.env);

function median(values: number[]): string {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(1);
}

async function compare(label: string, runs: number, args: string[], parallel = 1): Promise<void> {
  const spawned: number[] = [];
  const simple: number[] = [];
  const times = (fn: () => Promise<unknown>) => Promise.all(Array.from({ length: parallel }, fn));
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await times(() => run('git', args, { env }));
    spawned.push(performance.now() - started);
    started = performance.now();
    // fresh: the hosted-config check (cached, 0.01 ms) is the same on both paths and left out.
    await times(() => gitResult(args, { fresh: true }));
    simple.push(performance.now() - started);
  }
  console.log(`${label}: median ${median(spawned)} ms hand-written, ${median(simple)} ms simple-git, over ${runs} runs`);
}

async function main(): Promise<void> {
  await compare('rev-parse (prints)', 40, ['--git-dir', gitDir, 'rev-parse', '--git-dir']);
  await compare('cat-file -e (prints nothing)', 40, ['--git-dir', gitDir, 'cat-file', '-e', blob]);
  await compare('20 rev-parse at once', 10, ['--git-dir', gitDir, 'rev-parse', '--git-dir'], 20);
  fs.rmSync(root, { recursive: true, force: true });
}

void main();
