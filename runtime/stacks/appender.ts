import * as fs from 'node:fs';
import * as path from 'node:path';

const pending = new Map<string, string[]>();
let scheduled = false;

/**
 * Appends JSON lines in batches: lines queued in one turn of the event loop reach the
 * file in one write (one O_APPEND write never interleaves with another writer's). A
 * stack operation makes thousands of events; one write per event was its main cost.
 */
export function appendLater(file: string, value: unknown): void {
  const lines = pending.get(file);
  if (lines) lines.push(JSON.stringify(value));
  else pending.set(file, [JSON.stringify(value)]);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushAppends);
  }
}

/** Writes every queued line now (before reading the files, and when an operation ends). */
export function flushAppends(): void {
  scheduled = false;
  for (const [file, lines] of pending) {
    pending.delete(file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, lines.join('\n') + '\n');
  }
}
