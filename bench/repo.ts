// Figures for hosted repositories: how long the git operations Slipway adds take
// (a push through the pre/post-receive hooks, pull request writes and reads, merges).
// Run: node --import tsx bench/repo.ts   (prints one line per figure)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { StateStore } from '../runtime/common/state';
import { createRepo } from '../runtime/repos/repos';
import { commentOn, createPull, listPulls, mergePull, approvePull, describePullRequest } from '../runtime/repos/review';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-repo-'));
const cli = path.join(root, 'cli.js');
buildSync({ entryPoints: [path.resolve(__dirname, '../runtime/cli/cli-main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'warning', define: { __SLIPWAY_VERSION__: '"bench"' } });
process.env.SLIPWAY_CLI = JSON.stringify([process.execPath, cli]);
const store = new StateStore(path.join(root, 'home'));
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x', SLIPWAY_USER: 'bench' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  console.log(`${label}: median ${median(samples).toFixed(1)} ms over ${runs} runs`);
}

async function main(): Promise<void> {
  await time('repo create', 5, (i) => createRepo(store, `r${i}`, { user: 'bench' }));
  const url = store.path('repos', 'r0.git');
  const work = path.join(root, 'work');
  git(root, 'clone', '-q', url, work);
  fs.writeFileSync(path.join(work, 'a.txt'), 'a\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'a');
  git(work, 'push', '-q', 'origin', 'main');
  const bare = path.join(root, 'bare');
  git(root, 'init', '-q', '--bare', bare);
  await time('git push without hooks (plain bare repo)', 5, (i) => {
    fs.writeFileSync(path.join(work, 'a.txt'), `plain ${i}\n`);
    git(work, 'commit', '-qam', `p${i}`);
    git(work, 'push', '-q', bare, 'HEAD:refs/heads/main', '--force');
  });
  await time('git push through Slipway hooks (rules, activity, triggers)', 5, (i) => {
    fs.writeFileSync(path.join(work, 'a.txt'), `hooked ${i}\n`);
    git(work, 'commit', '-qam', `h${i}`);
    git(work, 'push', '-q', 'origin', 'main');
  });
  for (let i = 0; i < 20; i++) {
    git(work, 'checkout', '-q', '-b', `topic${i}`, 'main');
    fs.writeFileSync(path.join(work, `t${i}.txt`), `${i}\n`);
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', `t${i}`);
    git(work, 'push', '-q', 'origin', `topic${i}`);
  }
  await time('pr create', 20, (i) => createPull(store, 'r0', 'alice', { source: `topic${i}`, destination: 'main', title: `T${i}` }));
  await time('pr comment (append + compare-and-swap)', 20, (i) => commentOn(store, 'r0', '1', 'bob', { body: `c${i}`, file: 't0.txt', line: 1 }));
  const started = performance.now();
  await Promise.all(Array.from({ length: 20 }, (_, i) => commentOn(store, 'r0', '2', i % 2 ? 'bob' : 'carol', { body: `race ${i}` })));
  const kept = (await describePullRequest(store, 'r0', '2')).threads.length;
  console.log(`20 concurrent comments on one pull request: ${(performance.now() - started).toFixed(0)} ms, ${kept} kept`);
  await time('pr describe (history of 21 events + changed files)', 10, () => describePullRequest(store, 'r0', '1'));
  await time('pr list (20 pull requests, one git log)', 10, () => listPulls(store, 'r0'));
  await approvePull(store, 'r0', '3', 'bob', true);
  await time('pr merge three-way (merge-tree + commit-tree + update-ref)', 1, () => mergePull(store, 'r0', '3', 'alice', 'three-way'));
  fs.rmSync(root, { recursive: true, force: true });
}

void main();
