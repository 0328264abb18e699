import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so that a reader sees the old content or the new, never a torn mix.
 * `tempDir` (same file system) holds the unfinished copy when the file's own folder must
 * only ever hold finished files, e.g. one another process cleans.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode?: number, tempDir = path.dirname(file)): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(tempDir, `${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'w', mode ?? 0o644);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(file));
}

function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

export function writeJsonAtomic(file: string, value: unknown, mode?: number): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', mode);
}

export function readJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}

/**
 * Appends one JSON line with a single write on an O_APPEND descriptor, so concurrent
 * appenders never interleave inside a line.
 */
export function appendJsonLine(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const line = Buffer.from(JSON.stringify(value) + '\n');
  const fd = fs.openSync(file, 'a');
  try {
    fs.writeSync(fd, line);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a JSON Lines file; a last line without its newline (a writer died mid-write) is ignored. */
export function readJsonLines<T>(file: string): T[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseJsonLines<T>(text);
}

/** The whole lines of a JSON Lines text: the part after the final newline is a torn tail, a torn line inside is skipped. */
export function parseJsonLines<T>(text: string): T[] {
  const lines = text.split('\n');
  lines.pop(); // after the final newline, or a torn tail
  const result: T[] = [];
  for (const line of lines) {
    if (!line) continue;
    try {
      result.push(JSON.parse(line) as T);
    } catch {
      // A torn line in the middle can only come from outside tampering; skip it.
    }
  }
  return result;
}
