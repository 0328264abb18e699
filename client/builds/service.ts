import * as vscode from 'vscode';
import type { LogLine } from '../../runtime/builds/log';
import { BuildStore, type BuildRecord } from '../../runtime/builds/records';
import { startBuild, type BuildHandle } from '../../runtime/builds/runner';
import type { Ctx } from '../ctx';

export interface BuildLaunch {
  source?: string;
  buildspec?: string;
  project?: string;
  env?: Record<string, string>;
  timeoutSeconds?: number;
}

/** One build started by this window: its handle plus the live log so far, for late listeners. */
export interface RunningBuild {
  handle: BuildHandle;
  lines: LogLine[];
  onLine: vscode.Event<LogLine>;
  onUpdate: vscode.Event<BuildRecord>;
  record: BuildRecord;
}

/**
 * Builds run inside the extension host through the runtime runner (the same one the
 * CLI uses, same state home). Tracks the ones this window started so they can be
 * stopped and followed; builds run by the CLI are stopped through the state home.
 */
export class BuildService implements vscode.Disposable {
  private readonly running = new Map<string, RunningBuild>();
  private readonly finishedEmitter = new vscode.EventEmitter<BuildRecord>();
  readonly onDidFinish = this.finishedEmitter.event;
  private readonly updateEmitter = new vscode.EventEmitter<BuildRecord>();
  /** Every record change of a build this window runs. */
  readonly onDidUpdate = this.updateEmitter.event;

  constructor(private readonly ctx: Ctx) {}

  get(id: string): RunningBuild | undefined {
    return this.running.get(id);
  }

  /** Starts a build; bad input (a broken buildspec, a missing parameter) rejects before anything runs. */
  async start(launch: BuildLaunch): Promise<RunningBuild> {
    const lineEmitter = new vscode.EventEmitter<LogLine>();
    const recordEmitter = new vscode.EventEmitter<BuildRecord>();
    const lines: LogLine[] = [];
    // The runner reports before startBuild returns; the entry exists from then on.
    const current: { entry?: RunningBuild } = {};
    const handle = await startBuild({
      store: this.ctx.store(),
      source: launch.source,
      buildspec: launch.buildspec,
      project: launch.project,
      env: launch.env,
      timeoutSeconds: launch.timeoutSeconds,
      debugSession: debugSession(this.ctx.config.buildDebugSession),
      initiator: 'slipway/vscode',
      onLog: (line) => {
        lines.push(line);
        lineEmitter.fire(line);
      },
      onUpdate: (record) => {
        if (current.entry) current.entry.record = record;
        recordEmitter.fire(record);
        this.updateEmitter.fire(record);
      },
    });
    const entry: RunningBuild = { handle, lines, onLine: lineEmitter.event, onUpdate: recordEmitter.event, record: handle.record };
    current.entry = entry;
    this.running.set(handle.id, entry);
    this.ctx.refresh();
    void handle.finished.then(
      (record) => {
        this.running.delete(handle.id);
        entry.record = record;
        recordEmitter.fire(record);
        this.finishedEmitter.fire(record);
        lineEmitter.dispose();
        recordEmitter.dispose();
        this.ctx.refresh();
      },
      (error: Error) => {
        this.running.delete(handle.id);
        this.ctx.log.error(`build ${handle.id} failed inside Slipway: ${error.message}`);
      },
    );
    return entry;
  }

  /** Stops a build whether this window or another process runs it. */
  stop(id: string): void {
    const mine = this.running.get(id);
    if (mine) mine.handle.stop();
    else new BuildStore(this.ctx.store()).requestStop(id);
  }

  dispose(): void {
    for (const build of this.running.values()) build.handle.stop();
    this.finishedEmitter.dispose();
    this.updateEmitter.dispose();
  }
}

/** Builds started in the editor can be stepped into, so they get a debug session unless the setting says off. */
function debugSession(setting: 'breakpoints' | 'onFailure' | 'off') {
  return setting === 'off' ? undefined : { pauseOnFailure: setting === 'onFailure' };
}

const services = new WeakMap<Ctx, BuildService>();

export function buildService(ctx: Ctx): BuildService {
  let service = services.get(ctx);
  if (!service) {
    service = new BuildService(ctx);
    services.set(ctx, service);
    ctx.extension.subscriptions.push(service);
  }
  return service;
}
