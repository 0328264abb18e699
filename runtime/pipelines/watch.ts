import * as path from 'node:path';
import type { StateStore } from '../common/state';
import { git } from './actions/git-source';
import { runUntilRest } from './engine/api';
import type { ExecutionRecord } from './engine/records';
import { PipelineStore } from './engine/store';
import { startForPush } from './triggers';

/** The last commit seen per watched source, so that a restart of `watch` does not re-run old commits. */
interface WatchRecord {
  seen: Record<string, string>;
}

export interface WatchedSource {
  pipeline: string;
  repository: string;
  branch: string;
}

/** LocalGit sources: the branches outside the hosted repositories that `slipway watch` polls. */
export function watchedSources(state: StateStore): WatchedSource[] {
  const pipelines = new PipelineStore(state);
  const result: WatchedSource[] = [];
  for (const name of pipelines.names()) {
    const pipeline = pipelines.get(name);
    for (const action of pipeline?.declaration.stages[0]?.actions ?? []) {
      if (action.actionTypeId.provider !== 'LocalGit') continue;
      result.push({ pipeline: name, repository: path.resolve(pipeline!.baseDir, action.configuration.RepositoryPath), branch: action.configuration.BranchName });
    }
  }
  return result;
}

async function head(repository: string, branch: string): Promise<string | undefined> {
  try {
    return (await git(['-C', repository, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`])).trim();
  } catch {
    return undefined;
  }
}

async function changedFiles(repository: string, from: string, to: string): Promise<string[] | undefined> {
  try {
    return (await git(['-C', repository, 'diff', '--name-only', from, to])).split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * One polling pass: every watched branch that moved since the last pass starts the
 * pipelines that track it (pinned to the new commit). A branch seen for the first time
 * is only recorded. Returns the executions started; the caller drives them.
 */
export async function pollOnce(state: StateStore): Promise<ExecutionRecord[]> {
  const started: ExecutionRecord[] = [];
  const record = state.read<WatchRecord>('pipelines', 'watch.json') ?? { seen: {} };
  const repositories = new Map<string, Set<string>>();
  for (const source of watchedSources(state)) {
    const branches = repositories.get(source.repository) ?? new Set();
    branches.add(source.branch);
    repositories.set(source.repository, branches);
  }
  let dirty = false;
  for (const [repository, branches] of repositories) {
    for (const branch of branches) {
      const key = `${repository}#${branch}`;
      const commit = await head(repository, branch);
      if (!commit || record.seen[key] === commit) continue;
      const previous = record.seen[key];
      record.seen[key] = commit;
      dirty = true;
      if (!previous) continue;
      started.push(
        ...startForPush(state, { repository: { path: repository }, ref: `refs/heads/${branch}`, commit, changedFiles: await changedFiles(repository, previous, commit) }, { detach: false }),
      );
    }
  }
  if (dirty) state.write(record, 'pipelines', 'watch.json');
  return started;
}

/** Polls until the signal aborts, driving what it starts in this process. */
export async function watch(state: StateStore, options: { intervalMs: number; signal: AbortSignal; onStart?: (e: ExecutionRecord) => void }): Promise<void> {
  const driving = new Set<Promise<unknown>>();
  while (!options.signal.aborted) {
    for (const execution of await pollOnce(state)) {
      options.onStart?.(execution);
      const drive = runUntilRest(state, execution.pipelineName, execution.executionId).finally(() => driving.delete(drive));
      driving.add(drive);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.intervalMs);
      options.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
  await Promise.allSettled(driving);
}
