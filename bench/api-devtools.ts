// Figures for issue 18's CodeBuild/CodeDeploy/CodePipeline/CodeCommit operations (printed, never asserted),
// measured at the operation layer (what the endpoint calls after decoding and SigV4):
//  1. StartBuild → first BatchGetBuilds that shows the build IN_PROGRESS (median, p99 of 20);
//  2. Describe-style calls with 1,000 builds recorded: BatchGetBuilds (one id), ListBuilds
//     (one page), GetPipelineState, GetDeployment-like reads (p50, p99 of 500 calls).
// Run: node --import tsx bench/api-devtools.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../runtime/plugins';
import { codebuildService } from '../runtime/api/codebuild';
import { codecommitService } from '../runtime/api/codecommit';
import { codepipelineService } from '../runtime/api/codepipeline';
import type { CallContext, ServiceDefinition } from '../runtime/api/types';
import { StateStore } from '../runtime/common/state';
import { BuildStore, type BuildRecord } from '../runtime/builds/records';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-api-'));
process.env.SLIPWAY_KMS_KEY_FILE = path.join(root, 'kms.key');
const store = new StateStore(path.join(root, 'home'));
const ctx: CallContext = { store, user: 'bench', accountId: '000000000000', region: 'us-east-1', requestId: 'bench', endpoint: 'http://127.0.0.1:4566' };
const call = (service: ServiceDefinition, name: string, input: Record<string, unknown> = {}) => service.operations[name](input, ctx) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function timed(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  console.log(`${label.padEnd(46)} p50 ${ms(pct(times, 0.5))}  p99 ${ms(pct(times, 0.99))}`);
}

async function main(): Promise<void> {
  const src = path.join(root, 'src');
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(src, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 0.2\n');
  await call(codebuildService, 'CreateProject', { name: 'bench', source: { type: 'S3', location: src }, artifacts: { type: 'NO_ARTIFACTS' }, environment: {} });

  const visible: number[] = [];
  const handles: string[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    const { build } = await call(codebuildService, 'StartBuild', { projectName: 'bench' });
    for (;;) {
      const { builds } = await call(codebuildService, 'BatchGetBuilds', { ids: [build.id] });
      if (builds[0]?.buildStatus === 'IN_PROGRESS') break;
    }
    visible.push(performance.now() - start);
    handles.push(build.id);
    // One at a time: the figure is the latency of one start, not of a queue.
    for (;;) {
      const { builds } = await call(codebuildService, 'BatchGetBuilds', { ids: [build.id] });
      if (builds[0].buildComplete) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  console.log(`StartBuild → IN_PROGRESS via BatchGetBuilds        p50 ${ms(pct(visible, 0.5))}  p99 ${ms(pct(visible, 0.99))}`);

  // 1,000 recorded builds (copies of a finished record), as a busy account has.
  const builds = new BuildStore(store);
  const template = builds.get(handles[0]) as BuildRecord;
  for (let i = 0; i < 1000; i++) builds.save({ ...template, id: `bench:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, number: 100 + i });
  const id = handles.at(-1)!;
  await timed('BatchGetBuilds (1 id, 1,020 builds recorded)', 500, () => call(codebuildService, 'BatchGetBuilds', { ids: [id] }));
  await timed('BatchGetProjects', 500, () => call(codebuildService, 'BatchGetProjects', { names: ['bench'] }));
  await timed('ListBuildsForProject (1,020 builds)', 50, () => call(codebuildService, 'ListBuildsForProject', { projectName: 'bench' }));

  await call(codecommitService, 'CreateRepository', { repositoryName: 'bench' });
  await timed('GetRepository', 200, () => call(codecommitService, 'GetRepository', { repositoryName: 'bench' }));

  const repo = path.join(root, 'local-repo');
  fs.mkdirSync(repo);
  const { spawnSync } = await import('node:child_process');
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' } });
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, 'a'), 'a');
  git('add', '-A');
  git('commit', '-qm', 'a');
  await call(codepipelineService, 'CreatePipeline', {
    pipeline: {
      name: 'bench',
      stages: [
        { name: 'Source', actions: [{ name: 'S', actionTypeId: { category: 'Source', owner: 'Custom', provider: 'LocalGit', version: '1' }, configuration: { RepositoryPath: repo, BranchName: 'main' }, outputArtifacts: [{ name: 'o' }] }] },
        { name: 'Gate', actions: [{ name: 'G', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, configuration: {} }] },
      ],
    },
  });
  await timed('GetPipelineState', 200, () => call(codepipelineService, 'GetPipelineState', { name: 'bench' }));
  console.log(`RSS after the runs: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => fs.rmSync(root, { recursive: true, force: true }), 2000).unref());
