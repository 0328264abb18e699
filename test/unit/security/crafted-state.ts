import { tempFolder } from '../sandbox';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { startTimeOf } from '../../../runtime/common/process';
import { StateStore } from '../../../runtime/common/state';

/** A temporary folder with a state home, removed after the test. */
export function securityBox(t: TestContext): { dir: string; home: string; state: StateStore } {
  const { dir } = tempFolder('slipway-security-', t);
  const home = path.join(dir, 'home');
  return { dir, home, state: new StateStore(home) };
}

/** A process that is not Slipway's to kill: a sleep in its own group, ended after the test. */
export function victimProcess(t: TestContext): { child: ChildProcess; pid: number; startTime: string } {
  const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
  t.after(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return { child, pid: child.pid!, startTime: startTimeOf(child.pid!)! };
}

/** True while the process runs (a zombie counts as gone). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/ Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^\d+ \(.*\)/, ''));
  } catch {
    return false;
  }
}

/** An operation record whose owner is dead (as a crashed or crafted one). */
export function abandonedOperation(state: StateStore, kind: string, id: string, detail: unknown): void {
  state.write({ id, kind, owner: { pid: 999999, host: os.hostname() }, startedAt: new Date().toISOString(), detail }, 'operations', `${kind}--${id}.json`);
}

/** Every file under a folder with its content, to prove nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else result[path.relative(dir, full)] = entry.isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return result;
}

/** Captures what the process writes on stderr while `fn` runs (recovery logs its skips there). */
export async function stderrOf(fn: () => Promise<unknown> | unknown): Promise<string> {
  const original = process.stderr.write.bind(process.stderr);
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = original;
  }
  return text;
}
