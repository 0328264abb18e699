import * as fs from 'node:fs';
import * as os from 'node:os';
import { execFileSync } from 'node:child_process';
import { groupOf, killGroup, spawnGroup, terminateGroup, type RecordedGroup } from '../common/process';

export interface HookRun {
  script: string;
  location: string;
  timeoutSeconds: number;
  runas?: string;
}

export interface HookOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stopped: boolean;
  /** Why it failed, for the event's message. */
  message?: string;
}

export interface HookOptions {
  cwd: string;
  env: Record<string, string>;
  /** Output is appended here (the instance's log of this event). */
  logFile: string;
  signal?: AbortSignal;
  /** Called with the script's process group once it runs (crash recovery kills it). */
  onStart?: (group: RecordedGroup) => void;
}

/**
 * Runs one hook script like the agent: made executable if it is not, run in its own
 * process group with the lifecycle environment, killed with its whole tree at the
 * timeout. Like the agent, it is finished when its output streams close: a background
 * process that keeps them open holds the event until the timeout (the log says so).
 */
export function runHook(hook: HookRun, options: HookOptions): Promise<HookOutcome> {
  const log = fs.openSync(options.logFile, 'a');
  const note = (text: string) => fs.writeSync(log, `[slipway] ${text}\n`);
  try {
    const mode = fs.statSync(hook.script).mode;
    if ((mode & 0o111) === 0) {
      note(`${hook.location} is not executable; making it executable`);
      fs.chmodSync(hook.script, mode | 0o755);
    }
  } catch (error) {
    fs.closeSync(log);
    return Promise.resolve({ exitCode: null, signal: null, timedOut: false, stopped: false, message: `cannot prepare ${hook.location}: ${(error as Error).message}` });
  }
  const identity = runAs(hook.runas, note);
  return new Promise((resolve) => {
    let timedOut = false;
    let stopped = false;
    const child = spawnGroup(hook.script, [], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...identity,
    });
    const group = groupOf(child);
    if (group) options.onStart?.(group);
    const copy = (chunk: Buffer) => fs.writeSync(log, chunk);
    child.stdout?.on('data', copy);
    child.stderr?.on('data', copy);
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let finished = false;
    const timer = setTimeout(() => {
      timedOut = true;
      note(`${hook.location} ran past its timeout of ${hook.timeoutSeconds} s; killing its process tree`);
      killGroup(child, 'SIGKILL');
    }, hook.timeoutSeconds * 1000);
    const onAbort = () => {
      stopped = true;
      note('deployment stopped; terminating the script');
      void terminateGroup(child, 2000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const finish = (outcome: HookOutcome) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fs.closeSync(log);
      resolve(outcome);
    };
    child.once('error', (error) => finish({ exitCode: null, signal: null, timedOut, stopped, message: `cannot run ${hook.location}: ${error.message}` }));
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // 'close' follows at once unless something the script started still holds its output.
      setImmediate(() => {
        if (!finished) note(`${hook.location} exited (${code ?? signal}) but a process it started keeps its output open; like the agent, the event waits for that output to close (redirect the background process's stdout and stderr)`);
      });
    });
    child.once('close', (closeCode, closeSignal) => {
      finished = true;
      const code = exit?.code ?? closeCode;
      const signal = exit?.signal ?? closeSignal;
      const message = timedOut
        ? `script ${hook.location} timed out after ${hook.timeoutSeconds} s${exit && !exit.signal ? ' (it had exited, but a background process held its output open)' : ''}`
        : stopped
          ? `script ${hook.location} stopped with the deployment`
          : code === 0
            ? undefined
            : `script ${hook.location} failed with exit code ${code ?? signal}`;
      finish({ exitCode: code, signal, timedOut, stopped, message });
    });
  });
}

/**
 * runas: as root the script runs as that user; otherwise it can only run as the
 * current user, which the hook's log says.
 */
function runAs(user: string | undefined, note: (text: string) => void): { uid?: number; gid?: number } {
  if (!user || user === os.userInfo().username) return {};
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    const uid = Number(execFileSync('id', ['-u', '--', user]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', '--', user]).toString().trim());
    return { uid, gid };
  }
  note(`runas ${user}: running as ${os.userInfo().username} (switching users needs root)`);
  return {};
}
