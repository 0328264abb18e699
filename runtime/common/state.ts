import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendJsonLine, parseJsonLines, writeJsonAtomic } from './atomic';
import { ContainedRoot, copiesOwner, EscapeError, giveTo, type FileOwner } from './contained';
import { segmentProblem } from './names';
import { RecordCache, type RecordCacheOptions } from './record-cache';
import { currentProcess, isAlive, type ProcessIdentity } from './process-alive';

/**
 * Where state lives: $SLIPWAY_HOME, else the configured home (the `slipway.home`
 * setting), else `.slipway/` under the workspace root or current directory.
 */
export function resolveStateHome(options: { configured?: string; root?: string } = {}): string {
  const fromEnv = process.env.SLIPWAY_HOME;
  if (fromEnv) return path.resolve(fromEnv);
  if (options.configured) return path.resolve(options.root ?? process.cwd(), options.configured);
  return path.resolve(options.root ?? process.cwd(), '.slipway');
}

interface LockOwner extends ProcessIdentity {
  acquiredAt: string;
}

export interface OperationRecord<D = unknown> {
  id: string;
  /** Which engine owns it: 'build', 'stack', 'deployment', 'pipeline', … */
  kind: string;
  owner: ProcessIdentity;
  startedAt: string;
  detail: D;
}

export class LockTimeoutError extends Error {}

/**
 * The local account's store. Records are JSON files written atomically; logs are
 * JSON Lines; a lock per record serialises writers across processes; operations in
 * progress are registered so that a dead process's work is found on the next start.
 */
export class StateStore {
  /** Every write, delete and read below the home goes through it: nothing leaves the home by a name or a planted link. */
  readonly root: ContainedRoot;
  /** Whom Slipway's files below the home belong to when Slipway runs as root (copiesOwner). */
  readonly owner: FileOwner | undefined;

  /** The records this process has parsed, reused while their files are unchanged (record-cache.ts). */
  readonly records: RecordCache;

  constructor(
    readonly home: string,
    options: { cache?: RecordCacheOptions } = {},
  ) {
    this.owner = copiesOwner(home);
    this.root = new ContainedRoot(home, 'state home', this.owner);
    this.records = new RecordCache(options.cache);
  }

  /** A path below the home; each part is one file name (never empty, `.`, `..` or holding a separator). */
  path(...parts: string[]): string {
    for (const part of parts) {
      const problem = segmentProblem(part);
      if (problem) throw new EscapeError(`refused the state path ${parts.join('/')}: ${problem}`);
    }
    return path.join(this.home, ...parts);
  }

  /** A path below the home whose real parent is checked to be inside the home's real path. */
  contained(...parts: string[]): string {
    return this.root.check(this.path(...parts));
  }

  ensure(...parts: string[]): string {
    const dir = this.path(...parts);
    this.root.mkdir(dir);
    return dir;
  }

  read<T>(...parts: string[]): T | undefined {
    return this.readParsed(this.path(...parts), 'json', (text) => JSON.parse(text) as T);
  }

  /** A file's text, read through its open descriptor (never outside the home); undefined when there is none. Not cached. */
  readText(...parts: string[]): string | undefined {
    const opened = this.root.openToRead(this.path(...parts));
    if (!opened) return undefined;
    try {
      return fs.readFileSync(opened.fd, 'utf8');
    } finally {
      fs.closeSync(opened.fd);
    }
  }

  write(value: unknown, ...parts: string[]): void {
    const file = this.contained(...parts);
    this.root.mkdir(path.dirname(file));
    writeJsonAtomic(file, value);
    giveTo(file, this.owner);
  }

  append(value: unknown, ...parts: string[]): void {
    const file = this.root.checkNoLink(this.path(...parts), 'append to');
    this.root.mkdir(path.dirname(file));
    appendJsonLine(file, value);
    giveTo(file, this.owner);
  }

  readLines<T>(...parts: string[]): T[] {
    return this.readParsed(this.path(...parts), 'lines', parseJsonLines<T>) ?? [];
  }

  /**
   * A file of the home, parsed: from the record cache when one lstat shows the very file it
   * read before, unchanged (same inode and ctime: the bytes it verified inside the home then,
   * wherever a link swapped in since leads; anything else a link leads to is another inode or a
   * newer ctime, and is read afresh); else read through its open descriptor, never outside the home.
   * Figures (bench/api.ts, 2 cores, load ~5): a hit is one lstat (~12 µs) and a copy (~5 µs for
   * a 3 KB stack record); the checked read it replaces was ~65 µs of syscalls plus the parse.
   */
  private readParsed<T>(file: string, kind: string, parse: (text: string) => T): T | undefined {
    const key = `${kind}\0${file}`;
    const seen = fs.lstatSync(file, { bigint: true, throwIfNoEntry: false });
    if (seen?.isFile()) {
      const cached = this.records.lookup<T>(key, seen);
      if (cached !== undefined) return cached;
    }
    const opened = this.root.openToRead(file);
    if (!opened) return undefined;
    let text: string;
    try {
      text = fs.readFileSync(opened.fd, 'utf8');
    } finally {
      fs.closeSync(opened.fd);
    }
    const value = parse(text);
    // A file that changed while it was read (its size no longer the stat's) is not kept.
    return Buffer.byteLength(text) === Number(opened.stat.size) ? this.records.keep(key, opened.stat, value, text.length) : value;
  }

  /** Names of the entries of a folder of the state home (empty when it does not exist); cached as records are, by the folder's stat. */
  list(...parts: string[]): string[] {
    const dir = this.path(...parts);
    const key = `list\0${dir}`;
    const seen = fs.lstatSync(dir, { bigint: true, throwIfNoEntry: false });
    if (seen?.isDirectory()) {
      const cached = this.records.lookup<string[]>(key, seen);
      if (cached !== undefined) return cached;
    }
    const checked = this.root.checkNoLink(dir, 'list');
    let names: string[];
    try {
      names = fs.readdirSync(checked).sort();
    } catch {
      return [];
    }
    // The stat was taken before the listing: an entry added since moves the folder's mtime past it.
    return seen?.isDirectory() ? this.records.keep(key, seen, names, names.reduce((sum, name) => sum + name.length + 8, 0)) : names;
  }

  /** Deletes a record file or folder below the home (never the home itself, never through a link). */
  remove(...parts: string[]): void {
    this.root.remove(this.path(...parts));
  }

  /** Appends to `activity.jsonl`, the local audit trail. */
  activity(entry: Record<string, unknown>): void {
    this.append({ time: new Date().toISOString(), ...entry }, 'activity.jsonl');
  }

  /** Crash recovery left something alone that a record named (it could not prove it Slipway's): one line, logged. */
  recoverySkipped(what: string, reason: string): void {
    const line = `recovery of ${what} skipped: ${reason}`;
    process.stderr.write(`slipway: ${line}\n`);
    this.activity({ kind: 'recovery', action: 'skip', what, reason });
  }

  // --- locks -------------------------------------------------------------

  private lockFile(name: string): string {
    return this.path('locks', `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.lock`);
  }

  /** Tries once to take the lock; a lock whose holder died is taken over. */
  tryLock(name: string): boolean {
    const file = this.lockFile(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const owner: LockOwner = { ...currentProcess(), acquiredAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx');
        fs.writeSync(fd, JSON.stringify(owner));
        fs.closeSync(fd);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        let holder: LockOwner | undefined;
        try {
          holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
        } catch {
          // The holder is between create and write; treat it as alive unless the file is old.
          const age = Date.now() - statMtime(file);
          if (age < 5000) return false;
        }
        if (holder && isAlive(holder)) return false;
        // Stale: rename first so that two takers cannot both delete and recreate it.
        const stale = `${file}.stale.${process.pid}`;
        try {
          fs.renameSync(file, stale);
          fs.rmSync(stale, { force: true });
        } catch {
          return false;
        }
      }
    }
    return false;
  }

  unlock(name: string): void {
    fs.rmSync(this.lockFile(name), { force: true });
  }

  async withLock<T>(name: string, fn: () => Promise<T> | T, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let delay = 2;
    while (!this.tryLock(name)) {
      if (Date.now() > deadline) throw new LockTimeoutError(`timed out waiting for the lock on ${name}`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 50);
    }
    try {
      return await fn();
    } finally {
      this.unlock(name);
    }
  }

  withLockSync<T>(name: string, fn: () => T, timeoutMs = 30_000): T {
    const deadline = Date.now() + timeoutMs;
    const cell = new Int32Array(new SharedArrayBuffer(4));
    let delay = 2;
    while (!this.tryLock(name)) {
      if (Date.now() > deadline) throw new LockTimeoutError(`timed out waiting for the lock on ${name}`);
      Atomics.wait(cell, 0, 0, delay);
      delay = Math.min(delay * 2, 50);
    }
    try {
      return fn();
    } finally {
      this.unlock(name);
    }
  }

  // --- operations in progress -------------------------------------------

  beginOperation<D>(kind: string, id: string, detail: D): OperationRecord<D> {
    const record: OperationRecord<D> = { id, kind, owner: currentProcess(), startedAt: new Date().toISOString(), detail };
    this.write(record, 'operations', `${kind}--${id}.json`);
    return record;
  }

  endOperation(kind: string, id: string): void {
    this.remove('operations', `${kind}--${id}.json`);
  }

  /** Operations of a kind whose owning process is gone. */
  abandonedOperations<D = unknown>(kind: string): OperationRecord<D>[] {
    const result: OperationRecord<D>[] = [];
    for (const name of this.list('operations')) {
      if (!name.startsWith(`${kind}--`) || !name.endsWith('.json')) continue;
      const record = this.read<OperationRecord<D>>('operations', name);
      if (record && !isAlive(record.owner)) result.push(record);
    }
    return result;
  }

  /**
   * Settles every abandoned operation of a kind: `settle` finishes it honestly
   * (marks it failed, rolls it back); the operation entry goes only when that succeeded.
   */
  async settleAbandoned<D>(kind: string, settle: (op: OperationRecord<D>) => Promise<void> | void): Promise<OperationRecord<D>[]> {
    const settled: OperationRecord<D>[] = [];
    for (const op of this.abandonedOperations<D>(kind)) {
      const lock = `operation-${kind}-${op.id}`;
      if (!this.tryLock(lock)) continue; // another process is settling it
      try {
        // Re-check: it may have been settled between the listing and the lock.
        if (!fs.existsSync(this.path('operations', `${kind}--${op.id}.json`))) continue;
        await settle(op);
        this.endOperation(kind, op.id);
        settled.push(op);
      } finally {
        this.unlock(lock);
      }
    }
    return settled;
  }
}

function statMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
