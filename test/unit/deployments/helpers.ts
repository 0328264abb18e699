import type { TestContext } from 'node:test';
import { tempFolder } from '../sandbox';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { StateStore } from '../../../runtime/common/state';
import { DeployEngine } from '../../../runtime/deployments/engine';

/** A temp folder with a state home and an engine over it. */
/** A sandbox with application `app` and group `g` over local instances named `instances` (roots in the sandbox). */
export function groupSandbox(
  t: { after: (fn: () => void) => void },
  { instances = ['a'], config = 'CodeDeployDefault.OneAtATime', autoRollback = false }: { instances?: string[]; config?: string; autoRollback?: boolean } = {},
) {
  const box = sandbox();
  t.after(box.cleanup);
  box.engine.registry.createApplication('app');
  box.engine.registry.putGroup({ application: 'app', name: 'g', instances: instances.map((n) => ({ name: n, root: path.join(box.dir, n) })), tagFilters: [], config, autoRollback }, 'create');
  return box;
}

export function sandbox(t?: TestContext): { dir: string; store: StateStore; engine: DeployEngine; cleanup: () => void } {
  const { dir, cleanup } = tempFolder('slipway-deploy-', t);
  const store = new StateStore(path.join(dir, 'home'));
  return { dir, store, engine: new DeployEngine(store), cleanup };
}

/** Writes a revision folder: files by relative path; `.sh` files become executable. */
export function writeRevision(dir: string, files: Record<string, string>): string {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: name.endsWith('.sh') ? 0o755 : 0o644 });
  }
  return dir;
}

/**
 * A hook script that appends "<instance> <event> <tag>" to the trace file, then runs
 * `extra` (shell) — the way tests see which hooks ran, in which order, where.
 */
export function traceScript(trace: string, tag: string, extra = ''): string {
  return `#!/bin/sh\necho "$SLIPWAY_INSTANCE_NAME $LIFECYCLE_EVENT ${tag}" >> "${trace}"\n${extra}\n`;
}

/** An appspec with the given hooks, each pointing at scripts/<Event>.sh. */
export function appspecWith(events: string[], extra = ''): string {
  const hooks = events.map((e) => `  ${e}:\n    - location: scripts/${e}.sh\n      timeout: 30\n`).join('');
  return `version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\n${extra}hooks:\n${hooks}`;
}

export const HOOK_EVENTS = ['ApplicationStop', 'BeforeInstall', 'AfterInstall', 'ApplicationStart', 'ValidateService'];

/** A revision whose every hook traces itself; `fail` maps an event to instances it fails on. */
export function tracedRevision(dir: string, trace: string, tag: string, fail: Record<string, string[]> = {}): string {
  const files: Record<string, string> = { 'appspec.yml': appspecWith(HOOK_EVENTS), 'app/version.txt': `${tag}\n` };
  for (const event of HOOK_EVENTS) {
    const failing = fail[event] ?? [];
    const check = failing.length ? `case "$SLIPWAY_INSTANCE_NAME" in ${failing.join('|')}) exit 3;; esac` : '';
    files[`scripts/${event}.sh`] = traceScript(trace, tag, check);
  }
  return writeRevision(dir, files);
}

export function readTrace(trace: string): string[] {
  return fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8').trim().split('\n').filter(Boolean) : [];
}

/** Resolves once `file` exists (watching its folder; no fixed sleeps). */
export function waitForFile(file: string, timeoutMs = 90_000): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const done = () => {
      if (!fs.existsSync(file)) return false;
      watcher.close();
      clearInterval(fallback);
      clearTimeout(limit);
      resolve();
      return true;
    };
    const watcher = fs.watch(path.dirname(file), () => done());
    // fs.watch can miss events on some file systems; a slow re-check backs it up.
    const fallback = setInterval(done, 100);
    const limit = setTimeout(() => {
      watcher.close();
      clearInterval(fallback);
      reject(new Error(`${file} did not appear`));
    }, timeoutMs);
    done();
  });
}

/** A minimal zip writer (deflate) for archive tests; `links` become symlink entries. */
export function writeZip(file: string, entries: Record<string, string>, links: Record<string, string> = {}): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const all = [...Object.entries(entries).map(([n, c]) => ({ name: n, data: Buffer.from(c), mode: 0o100644 })), ...Object.entries(links).map(([n, t]) => ({ name: n, data: Buffer.from(t), mode: 0o120777 }))];
  for (const { name, data, mode } of all) {
    const compressed = zlib.deflateRawSync(data);
    const nameBuffer = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuffer.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuffer.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuffer, compressed);
    centrals.push(central, nameBuffer);
    offset += local.length + nameBuffer.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(all.length, 8);
  end.writeUInt16LE(all.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, ...centrals, end]));
}

/** True when the process runs (a zombie waiting to be reaped counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves true once the process is gone (signals land asynchronously), false after the limit. */
export async function exits(pid: number, limitMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
