import type * as fs from 'node:fs';

export interface RecordCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** Files larger than this are read each time (the activity log of a busy account). */
  maxFileBytes?: number;
  /** The wall clock the file stamps are compared with (tests move it forward). */
  now?: () => number;
}

/** Longer than any file system's timestamp granularity (FAT's 2 s). */
export const CHANGE_SETTLE_MS = 2500;

/** What tells one file from another and from its own earlier self. */
function stampOf(stat: fs.BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

interface Entry {
  stamp: string;
  value: unknown;
  bytes: number;
}

/**
 * The parsed state files a process has read, so that a record read again unchanged costs a
 * stat and a copy instead of a read and a parse (`slipway serve` answers Describe-style calls
 * from it: bench/api.ts). Nothing here decides containment: StateStore reads a file it does
 * not hold through ContainedRoot.openToRead, and keeps it under the descriptor's stat.
 *
 * A cached value is used only while the file is the very same one: device, inode, size,
 * mtime and ctime (ns) all equal. State writes are atomic renames (a new inode), appends
 * change the size, and any other change moves ctime, which no process can set back. A file
 * changed within CHANGE_SETTLE_MS of its reading is not kept: timestamps are coarser than
 * the writes (a jiffy on ext4, 2 s on FAT), and an inode freed by a rename may come back for
 * the next write, so only a file at rest for longer can be told apart by its stamps.
 *
 * Callers get a copy (they may change what they read); the cache is bounded in entries and
 * in the text bytes it represents (the parsed values take a few times that), least recently
 * used first out. 100 stacks and 1,020 builds served: ~1,000 entries, 2.5 MB (bench/api.ts).
 */
export class RecordCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxFileBytes: number;
  private readonly now: () => number;
  /** Counters for tests and benches: reads answered from the cache, and parsed from disk. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(options: RecordCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 4096;
    this.maxBytes = options.maxBytes ?? 16 * 1024 ** 2;
    this.maxFileBytes = options.maxFileBytes ?? 4 * 1024 ** 2;
    this.now = options.now ?? Date.now;
  }

  /** A copy of what `key` was read as, when `stat` (an lstat of the file now) shows the very same file unchanged; else undefined. */
  lookup<T>(key: string, stat: fs.BigIntStats): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.stamp !== stampOf(stat)) {
      this.drop(key, entry);
      return undefined;
    }
    this.stats.hits++;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return copyJson(entry.value) as T;
  }

  /**
   * Keeps what `key` was just read as (`bytes`: the size of the text it came from), `stat`
   * being the file's stat taken before the read; only a file at rest long enough is kept.
   * Returns the caller's own value (a copy when the original is kept).
   */
  keep<T>(key: string, stat: fs.BigIntStats, value: T, bytes: number): T {
    this.stats.misses++;
    const now = this.now();
    const settled = now - Number(stat.ctimeNs / 1_000_000n) > CHANGE_SETTLE_MS && now - Number(stat.mtimeNs / 1_000_000n) > CHANGE_SETTLE_MS;
    if (!settled || bytes > this.maxFileBytes) return value;
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    this.entries.set(key, { stamp: stampOf(stat), value, bytes });
    this.bytes += bytes;
    this.evict();
    return copyJson(value) as T;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.drop(key, entry);
    }
  }
}

/**
 * A deep copy of a JSON value (what JSON.parse returns): about a quarter of the parse's
 * time (5 µs for a 3 KB stack record against 18 µs, bench/api.ts). An own `__proto__`
 * key, which JSON.parse makes an ordinary property, stays one.
 */
export function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = copyJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
    else out[key] = inner;
  }
  return out;
}
