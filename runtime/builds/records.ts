import * as fs from 'node:fs';
import { segmentProblem } from '../common/names';
import * as os from 'node:os';
import { killRecordedGroup, type RecordedGroup } from '../common/process';
import { removeOwnedFolder } from '../common/owned-folder';
import type { StateStore } from '../common/state';
import type { BuildPhaseName } from '../buildspec/model';
import type { PauseRecord } from './debug-session';
import type { ReportGroup } from './reports/types';
import { workspaceBase } from './workspace';
import type { AbandonedWorkSettler, Settled } from '../common/settled';

export type BuildStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'STOPPED' | 'TIMED_OUT';
export type PhaseStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'STOPPED' | 'TIMED_OUT';

export interface PhaseContext {
  statusCode: string;
  message: string;
}

export interface PhaseRecord {
  name: BuildPhaseName;
  status: PhaseStatus;
  startTime: string;
  endTime?: string;
  durationMs?: number;
  contexts?: PhaseContext[];
}

export interface ArtifactRecord {
  identifier?: string;
  name: string;
  location: string;
  files: number;
  zip?: string;
}

export interface BuildRecord {
  id: string;
  arn: string;
  number: number;
  project: string;
  status: BuildStatus;
  currentPhase: BuildPhaseName;
  startTime: string;
  endTime?: string;
  durationMs?: number;
  initiator: string;
  source: string;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  buildspec: string;
  phases: PhaseRecord[];
  exportedVariables: Record<string, string>;
  artifacts?: ArtifactRecord;
  secondaryArtifacts: ArtifactRecord[];
  reports: ReportGroup[];
  warnings: string[];
  logFile: string;
  /** Kept only with --keep-workspace. */
  workspace?: string;
  /** The shell's process group, so `build stop` from another process can end it. */
  processGroup?: RecordedGroup;
  batch?: { batchId: string; identifier: string };
  /** StartBuild's debug session: breakpoints pause the build only when it is enabled. */
  debugSession?: { sessionEnabled: boolean; sessionTarget?: string };
  /** Set while the build is paused at a breakpoint (or its first failure, with pause-on-failure). */
  paused?: PauseRecord;
  /** What was asked for, so the build can be run again (source, buildspec path as given, project). */
  request: { source: string; buildspec: string; project?: string };
}

/** The build records of the state home: `builds/runs/<id>/build.json` plus the log beside it. */
export class BuildStore implements AbandonedWorkSettler {
  constructor(readonly store: StateStore) {}

  static folderName(id: string): string {
    return id.replace(/[^A-Za-z0-9_.-]/g, '--');
  }

  dir(id: string): string {
    return this.store.ensure('builds', 'runs', BuildStore.folderName(id));
  }

  logFile(id: string): string {
    return this.store.path('builds', 'runs', BuildStore.folderName(id), 'build.log');
  }

  stopFile(id: string): string {
    return this.store.path('builds', 'runs', BuildStore.folderName(id), 'stop-requested');
  }

  save(record: BuildRecord): void {
    this.store.write(record, 'builds', 'runs', BuildStore.folderName(record.id), 'build.json');
  }

  /** A build by id; an id that cannot be a folder name (`.`, `..`) names no build. */
  get(id: string): BuildRecord | undefined {
    const folder = BuildStore.folderName(id);
    if (segmentProblem(folder)) return undefined;
    return this.store.read<BuildRecord>('builds', 'runs', folder, 'build.json');
  }

  /** A build by full id, folder name, unique id suffix, or `project:number`. */
  find(ref: string): BuildRecord | undefined {
    const direct = this.get(ref);
    if (direct) return direct;
    const all = this.list();
    const numbered = /^(.+):(\d+)$/.exec(ref);
    if (numbered) {
      const hit = all.find((b) => b.project === numbered[1] && b.number === Number(numbered[2]));
      if (hit) return hit;
    }
    const matches = all.filter((b) => b.id.endsWith(ref) || BuildStore.folderName(b.id) === ref);
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Newest first. */
  list(): BuildRecord[] {
    const records: BuildRecord[] = [];
    for (const name of this.store.list('builds', 'runs')) {
      const record = this.store.read<BuildRecord>('builds', 'runs', name, 'build.json');
      if (record) records.push(record);
    }
    return records.sort((a, b) => b.startTime.localeCompare(a.startTime) || b.number - a.number);
  }

  /** The next build number of a project (CodeBuild numbers builds per project from 1). */
  nextNumber(project: string): number {
    return this.store.withLockSync('build-numbers', () => {
      // Null prototype: a project named `constructor` or `toString` is a key like any other.
      const counters: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, this.store.read<Record<string, number>>('builds', 'numbers.json'));
      const next = (counters[project] ?? 0) + 1;
      counters[project] = next;
      this.store.write(counters, 'builds', 'numbers.json');
      return next;
    });
  }

  /**
   * Stops a build run by any process: the stop request is seen by the runner before
   * its next command, and the shell's process group ends the command running now.
   */
  requestStop(id: string): void {
    fs.mkdirSync(this.dir(id), { recursive: true });
    fs.writeFileSync(this.stopFile(id), new Date().toISOString());
    const group = this.get(id)?.processGroup;
    if (group) this.killShell(id, group);
  }

  /** Ends a build's shell and everything it started (its process group), when it is provably that build's. */
  private killShell(id: string, group: RecordedGroup): void {
    const outcome = killRecordedGroup(group);
    if (!outcome.killed && !outcome.gone) this.store.recoverySkipped(`build ${id}`, `its shell was not signalled: ${outcome.reason}`);
  }

  stopRequested(id: string): boolean {
    return fs.existsSync(this.stopFile(id));
  }

  /**
   * Finds builds whose runner died (SIGKILL, a crash, a closed editor) and marks them
   * FAILED with the reason, so none stays IN_PROGRESS forever.
   */
  async settleAbandoned(): Promise<Settled[]> {
    const settled = await this.store.settleAbandoned<{ workspace?: string; token?: string }>('build', (op) => {
      const record = this.get(op.id);
      if (record && record.status === 'IN_PROGRESS') {
        const now = new Date().toISOString();
        for (const phase of record.phases) {
          if (phase.status !== 'IN_PROGRESS') continue;
          phase.status = 'FAILED';
          phase.endTime = now;
          phase.durationMs = Date.parse(now) - Date.parse(phase.startTime);
          phase.contexts = [{ statusCode: 'RUNNER_DIED', message: 'the Slipway process running this build ended before it finished' }];
        }
        if (record.processGroup) this.killShell(op.id, record.processGroup);
        record.status = 'FAILED';
        record.endTime = now;
        record.durationMs = Date.parse(now) - Date.parse(record.startTime);
        record.processGroup = undefined;
        this.save(record);
        fs.appendFileSync(record.logFile, `\n[Container] ${now} Build marked FAILED: the process running it ended before it finished\n`);
      }
      if (op.detail?.workspace !== undefined) {
        const skipped = removeOwnedFolder(op.detail.workspace, op.detail.token, [this.store.home, os.tmpdir(), workspaceBase()]);
        if (skipped) this.store.recoverySkipped(`build ${op.id}`, `its workspace was kept: ${skipped}`);
      }
    });
    return settled.map((op) => ({ kind: 'build', id: op.id }));
  }
}
