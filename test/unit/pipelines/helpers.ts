import type { TestContext } from 'node:test';
import { testCli } from '../cli-bundle';
import { tempFolder } from '../sandbox';
import '../../../runtime/plugins';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateStore } from '../../../runtime/common/state';
import { createPipeline, parsePipeline, runUntilRest, startExecution, type ExecutionRecord, PipelineStore } from '../../../runtime/pipelines';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface Sandbox {
  dir: string;
  home: string;
  state: StateStore;
  pipelines: PipelineStore;
  cleanup(): void;
}

export function sandbox(t?: TestContext): Sandbox {
  const { dir, cleanup } = tempFolder('slipway-pipeline-', t);
  const home = path.join(dir, 'home');
  const state = new StateStore(home);
  return { dir, home, state, pipelines: new PipelineStore(state), cleanup };
}

/** A git repository with one commit of the given files; returns its path. */
export function gitRepo(dir: string, files: Record<string, string>, options: { bare?: string; branch?: string } = {}): string {
  const repo = path.join(dir, 'workspace-repo');
  fs.mkdirSync(repo, { recursive: true });
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  git('init', '-q', '-b', options.branch ?? 'main');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), content);
  }
  git('add', '.');
  git('commit', '-qm', 'initial commit');
  if (options.bare) {
    fs.mkdirSync(path.dirname(options.bare), { recursive: true });
    spawnSync('git', ['clone', '-q', '--bare', repo, options.bare]);
  }
  return repo;
}

export function commit(repo: string, files: Record<string, string>, message: string): string {
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(repo, name), content);
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  spawnSync('git', ['add', '.'], { cwd: repo, env });
  spawnSync('git', ['commit', '-qm', message], { cwd: repo, env });
  return spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
}

/** Creates a pipeline from YAML text (declaration folder = the sandbox). */
export function create(box: Sandbox, yaml: string): string {
  const file = path.join(box.dir, 'pipeline.yaml');
  fs.writeFileSync(file, yaml);
  const declaration = parsePipeline(file, yaml);
  createPipeline(box.state, declaration, { sourceFile: file, baseDir: box.dir });
  return declaration.name;
}

export async function run(box: Sandbox, name: string, variables?: Record<string, string>): Promise<ExecutionRecord> {
  const execution = startExecution(box.state, name, { variables });
  return (await runUntilRest(box.state, name, execution.executionId))!;
}

export function actionOf(execution: ExecutionRecord, stage: string, action: string) {
  const found = execution.stages.find((s) => s.name === stage)?.actions.find((a) => a.name === action);
  if (!found) throw new Error(`no action ${stage}/${action}`);
  return found;
}

/** The CLI in a child process (its own process: what "across processes" means). */
export function cli(box: Sandbox, args: string[]): ChildProcess {
  const [command, ...argv] = testCli();
  return spawn(command, [...argv, ...args], {
    cwd: box.dir,
    env: { ...process.env, SLIPWAY_HOME: box.home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function cliResult(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export { fileAppears } from '../file-appears';

/** A Command action in YAML (flow style). */
export function command(name: string, cmd: string, extra = ''): string {
  return `        - name: ${name}
          actionTypeId: { category: Invoke, owner: Custom, provider: Command, version: "1" }
          configuration: { Command: ${JSON.stringify(cmd)} }
${extra}`;
}

export function localSource(extra = ''): string {
  return `    - name: Source
      actions:
        - name: Source
          actionTypeId: { category: Source, owner: Custom, provider: LocalGit, version: "1" }
          configuration: { RepositoryPath: workspace-repo, BranchName: main }
          outputArtifacts: [{ name: Src }]
          namespace: SourceVariables
${extra}`;
}
