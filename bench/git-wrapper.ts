// Figures for running one git command on a hosted repository: the hand-written spawn
// (runtime/common/process.ts `run`) against the simple-git path of runtime/repos/git.ts,
// for a command that prints (rev-parse) and one that prints nothing (cat-file -e).
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

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  console.log(`${label}: median ${median(samples).toFixed(1)} ms over ${runs} runs`);
  return median(samples);
}

async function main(): Promise<void> {
  const env = neutralisedGitEnv(process.env);
  for (const [name, args] of [
    ['rev-parse (prints)', ['--git-dir', gitDir, 'rev-parse', '--git-dir']],
    ['cat-file -e (silent)', ['--git-dir', gitDir, 'cat-file', '-e', blob]],
  ] as const) {
    await time(`${name}, hand-written spawn`, 30, () => run('git', [...args], { env }));
    await time(`${name}, simple-git`, 30, () => gitResult([...args]));
  }
  fs.rmSync(root, { recursive: true, force: true });
}

void main();
