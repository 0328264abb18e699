import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StateStore } from '../common/state';
import { cliInvocation } from '../common/cli-invocation';
import { gitEnv } from '../common/git-env';
import { startExecution } from './engine/api';
import type { ExecutionRecord, PipelineRecord } from './engine/records';
import { PipelineStore } from './engine/store';
import type { ActionDeclaration } from './model';

/** A change to a git repository: a push to a hosted repository, or a workspace branch that moved. */
export interface PushEvent {
  /** A hosted repository's name, or the path of a repository on this machine. */
  repository: { hosted: string } | { path: string };
  /** `refs/heads/<branch>` or `refs/tags/<tag>`. */
  ref: string;
  commit: string;
  /** Files changed by the push (for filePaths filters); unknown = every filter on paths passes. */
  changedFiles?: string[];
}

export interface TriggeredSource {
  pipeline: string;
  action: string;
}

interface RefFilter {
  includes?: string[];
  excludes?: string[];
}

interface PushFilter {
  branches?: RefFilter;
  tags?: RefFilter;
  filePaths?: RefFilter;
}

/** AWS trigger globs: `*` stays inside one path segment, `**` crosses them, `?` is one character. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function passes(filter: RefFilter | undefined, values: string[] | undefined): boolean {
  if (!filter) return true;
  if (values === undefined) return true;
  const matches = (globs: string[] | undefined, value: string) => (globs ?? []).some((g) => globToRegExp(g).test(value));
  const included = filter.includes?.length ? values.some((v) => matches(filter.includes, v)) : true;
  const excluded = filter.excludes?.length ? values.length > 0 && values.every((v) => matches(filter.excludes, v)) : false;
  return included && !excluded;
}

/** Whether a V2 push filter admits the event (branches and tags are exclusive kinds of ref, as in AWS). */
export function pushFilterMatches(filter: PushFilter, event: PushEvent): boolean {
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  const tag = event.ref.startsWith('refs/tags/') ? event.ref.slice('refs/tags/'.length) : undefined;
  if (filter.tags) return tag !== undefined && passes(filter.tags, [tag]);
  if (branch === undefined) return false;
  return passes(filter.branches, [branch]) && passes(filter.filePaths, event.changedFiles);
}

function sameRepository(pipeline: PipelineRecord, action: ActionDeclaration, event: PushEvent): boolean {
  const config = action.configuration;
  if ('hosted' in event.repository) return action.actionTypeId.provider === 'CodeCommit' && config.RepositoryName === event.repository.hosted;
  if (action.actionTypeId.provider !== 'LocalGit' || !config.RepositoryPath) return false;
  return realpath(path.resolve(pipeline.baseDir, config.RepositoryPath)) === realpath(event.repository.path);
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * The source actions a push starts: the pipeline's V2 `triggers` for that action when
 * it has any (push filters on branches, tags, file paths), else a push to the action's
 * BranchName, as the EventBridge rule AWS creates for a CodeCommit source.
 */
export function sourcesForPush(state: StateStore, event: PushEvent): TriggeredSource[] {
  const pipelines = new PipelineStore(state);
  const result: TriggeredSource[] = [];
  for (const name of pipelines.names()) {
    const pipeline = pipelines.get(name);
    if (!pipeline) continue;
    for (const action of pipeline.declaration.stages[0]?.actions ?? []) {
      if (!sameRepository(pipeline, action, event)) continue;
      if (action.configuration.PollForSourceChanges === 'true') continue; // polling sources are not event-driven in AWS either
      const triggers = (pipeline.declaration.triggers as { gitConfiguration?: { sourceActionName?: string; push?: PushFilter[] } }[]).filter(
        (t) => t.gitConfiguration?.sourceActionName === action.name,
      );
      const matched = triggers.length
        ? triggers.some((t) => (t.gitConfiguration?.push ?? []).some((filter) => pushFilterMatches(filter, event)))
        : event.ref === `refs/heads/${action.configuration.BranchName}`;
      if (matched) {
        result.push({ pipeline: name, action: action.name });
        break;
      }
    }
  }
  return result;
}

/**
 * Starts the executions a push triggers, each pinned to the pushed commit, and hands
 * them to a detached background worker (so a push hook returns at once and nothing
 * else needs to run). Returns the started executions.
 */
export function startForPush(state: StateStore, event: PushEvent, options: { detach?: boolean } = { detach: true }): ExecutionRecord[] {
  const started: ExecutionRecord[] = [];
  for (const source of sourcesForPush(state, event)) {
    const execution = startExecution(state, source.pipeline, {
      trigger: {
        triggerType: 'Webhook',
        triggerDetail: `${'hosted' in event.repository ? event.repository.hosted : event.repository.path} ${event.ref} ${event.commit}`,
        sourceRevisions: { [source.action]: event.commit },
      },
    });
    started.push(execution);
    if (options.detach !== false) spawnDriver(state.home, source.pipeline);
  }
  return started;
}

/** A detached `slipway pipeline drive NAME` that outlives its parent (a hook, the extension). */
export function spawnDriver(stateHome: string, pipeline: string): number | undefined {
  const [command, ...args] = cliInvocation();
  const child = spawn(command, [...args, 'pipeline', 'drive', pipeline], {
    detached: true,
    stdio: 'ignore',
    // In the extension host process.execPath is the editor's Electron: make it behave as node.
    env: gitEnv({ SLIPWAY_HOME: stateHome, ELECTRON_RUN_AS_NODE: '1' }),
  });
  child.unref();
  return child.pid;
}
