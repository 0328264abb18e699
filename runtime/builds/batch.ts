import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../common/errors';
import { newId } from '../common/ids';
import { loadBuildspec, type BatchBuildEntry } from '../buildspec/model';
import { ProjectStore } from './projects';
import type { BuildRecord } from './records';
import { startBuild, type BuildHandle, type BuildRequest } from './runner';
import { parseGitSource } from './workspace';

export interface BatchBuildResult {
  identifier: string;
  status: BuildRecord['status'] | 'SKIPPED';
  reason?: string;
  record?: BuildRecord;
}

export interface BatchResult {
  id: string;
  status: 'SUCCEEDED' | 'FAILED';
  builds: BatchBuildResult[];
}

/** A batch's id: `<project>:batch-<sortable id>`. */
export function newBatchId(project: string): string {
  return `${project}:batch-${newId()}`;
}

/**
 * Runs the buildspec's `batch` section: build-list, build-matrix or build-graph
 * (a build starts once everything it depends on succeeded), at most `concurrency`
 * builds at once (default: the machine's cores). With fast-fail, the first failure
 * that is not `ignore-failure` stops the running builds and starts no more.
 */
export async function runBatch(request: BuildRequest & { concurrency?: number; batchId?: string }): Promise<BatchResult> {
  const project = request.project ? new ProjectStore(request.store).require(request.project) : undefined;
  const source = request.source ?? project?.source ?? process.cwd();
  if (parseGitSource(source, request.store)) throw new InputError('batch builds run from a source folder; clone the repository first');
  const root = path.resolve(source);
  const mainSpecFile = path.resolve(root, request.buildspec ?? project?.buildspec ?? 'buildspec.yml');
  const spec = loadBuildspec(mainSpecFile);
  if (!spec.batch) throw new InputError('the buildspec has no batch section (build-list, build-matrix or build-graph)', spec.file);
  const entries = spec.batch.builds;
  // Every buildspec a batch build names must load before anything runs.
  const specs = new Map(entries.map((e) => [e.identifier, e.buildspec ? loadBuildspec(path.resolve(root, e.buildspec)) : spec]));
  const batchId = request.batchId ?? newBatchId(request.project ?? path.basename(root));
  const limit = Math.max(1, request.concurrency ?? (os.availableParallelism?.() ?? os.cpus().length));
  const results = new Map<string, BatchBuildResult>();
  const running = new Map<string, BuildHandle>();
  const queuedAt = Date.now();
  let halted = false;

  const failedHard = (r: BatchBuildResult) => r.status !== 'SUCCEEDED' && !entries.find((e) => e.identifier === r.identifier)!.ignoreFailure;

  await new Promise<void>((resolve, reject) => {
    const ready = (entry: BatchBuildEntry) => entry.dependOn.every((d) => results.get(d)?.status === 'SUCCEEDED' || (results.has(d) && entries.find((e) => e.identifier === d)!.ignoreFailure && results.get(d)!.status !== 'SKIPPED'));
    const blocked = (entry: BatchBuildEntry) => entry.dependOn.find((d) => results.has(d) && !ready({ ...entry, dependOn: [d] }));
    const pump = () => {
      for (const entry of entries) {
        if (results.has(entry.identifier) || running.has(entry.identifier)) continue;
        if (halted) {
          results.set(entry.identifier, { identifier: entry.identifier, status: 'SKIPPED', reason: 'fast-fail stopped the batch' });
          continue;
        }
        const dep = blocked(entry);
        if (dep) {
          results.set(entry.identifier, { identifier: entry.identifier, status: 'SKIPPED', reason: `${dep} did not succeed` });
          continue;
        }
        if (!ready(entry) || running.size >= limit) continue;
        const placeholder = { identifier: entry.identifier } as unknown as BuildHandle;
        running.set(entry.identifier, placeholder);
        startBuild({
          ...request,
          source: root,
          spec: specs.get(entry.identifier),
          env: { ...entry.variables, ...(request.env ?? {}) },
          batch: { batchId, identifier: entry.identifier },
          queuedAt,
        }).then(
          (handle) => {
            running.set(entry.identifier, handle);
            if (halted) handle.stop();
            handle.finished.then((record) => {
              running.delete(entry.identifier);
              const result: BatchBuildResult = { identifier: entry.identifier, status: record.status, record };
              results.set(entry.identifier, result);
              if (spec.batch!.fastFail && failedHard(result) && !halted) {
                halted = true;
                for (const other of running.values()) other.stop?.();
              }
              pump();
            }, reject);
          },
          (error: Error) => {
            running.delete(entry.identifier);
            results.set(entry.identifier, { identifier: entry.identifier, status: 'FAILED', reason: error.message });
            pump();
          },
        );
      }
      if (results.size === entries.length) resolve();
    };
    pump();
  });
  const builds = entries.map((e) => results.get(e.identifier)!);
  return { id: batchId, status: builds.some(failedHard) ? 'FAILED' : 'SUCCEEDED', builds };
}
