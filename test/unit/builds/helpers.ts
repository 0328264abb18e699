import type { TestContext } from 'node:test';
import { tempFolder } from '../sandbox';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateStore } from '../../../runtime/common/state';
import type { LogLine } from '../../../runtime/builds/log';
import type { BuildRecord } from '../../../runtime/builds/records';
import { runBuild, type BuildRequest } from '../../../runtime/builds/runner';

/** A temp state home and source folder per test; the KMS key stays in the temp dir too. */
export function sandbox(t?: TestContext): { root: string; home: string; src: string; store: StateStore; cleanup: () => void } {
  const { dir: root, cleanup } = tempFolder('slipway-build-test-', t);
  const home = path.join(root, 'home');
  const src = path.join(root, 'src');
  fs.mkdirSync(src, { recursive: true });
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(root, 'kms.key');
  return { root, home, src, store: new StateStore(home), cleanup };
}

export function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

export interface Ran {
  record: BuildRecord;
  log: string;
  lines: LogLine[];
  phases: string[];
  phase: (name: string) => BuildRecord['phases'][number] | undefined;
}

export async function build(store: StateStore, src: string, buildspec: string, extra: Partial<BuildRequest> = {}): Promise<Ran> {
  fs.writeFileSync(path.join(src, 'buildspec.yml'), buildspec);
  const lines: LogLine[] = [];
  const record = await runBuild({ store, source: src, onLog: (l) => lines.push(l), ...extra });
  const log = fs.readFileSync(record.logFile, 'utf8');
  return { record, log, lines, phases: record.phases.map((p) => p.name), phase: (name) => record.phases.find((p) => p.name === name) };
}

/** Resolves when `check` holds, re-checking whenever something in `dir` changes (no sleeping). */
export function waitFor(dir: string, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const watcher = fs.watch(dir, { recursive: true }, () => {
      if (check()) {
        watcher.close();
        resolve();
      }
    });
  });
}
