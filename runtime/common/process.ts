import * as fs from 'node:fs';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * A process group Slipway started, as written into its records: the leader's pid and
 * its start time (field 22 of /proc/<pid>/stat), so that a reused pid is never signalled.
 */
export interface RecordedGroup {
  pid: number;
  startTime: string;
}

/** Why a recorded group was not signalled (for a one-line log), or that it was. */
export type KillOutcome = { killed: true } | { killed: false; reason: string; gone?: true };

const recorded = new WeakMap<ChildProcess, RecordedGroup>();

/** pid, parent's group and start time of a live process, read from /proc (Linux). */
export function procStat(pid: number): { state: string; pgrp: number; startTime: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is parenthesised and may hold spaces; fields count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], pgrp: Number(fields[2]), startTime: fields[19] };
  } catch {
    return undefined;
  }
}

/** The start time of a live process where the OS tells it. */
export function startTimeOf(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/**
 * Starts a process in its own process group so that it and everything it starts
 * can be killed together (timeouts, stop, a hook past its limit). The group's
 * identity is noted at once, while its leader surely lives.
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: process.platform !== 'win32' });
  if (child.pid !== undefined) {
    const startTime = startTimeOf(child.pid);
    if (startTime !== undefined) recorded.set(child, { pid: child.pid, startTime });
  }
  return child;
}

/** The identity of a group started by `spawnGroup`, to write into a record for crash recovery. */
export function groupOf(child: ChildProcess): RecordedGroup | undefined {
  return recorded.get(child);
}

/**
 * Kills a process group started by `spawnGroup`, including the processes it left behind
 * after its leader exited (a hook's background job); falls back to the process alone.
 */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (process.platform === 'win32') {
    if (!exited) child.kill(signal);
    return;
  }
  if (exited) {
    // The leader is gone; its group may live on. Signal it only after the same checks as recovery.
    const group = recorded.get(child);
    if (group) killRecordedGroup(group, signal);
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Terminates a group politely, then for good after a grace period. */
export function terminateGroup(child: ChildProcess, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      killGroup(child, 'SIGKILL'); // what the script left behind
      return resolve();
    }
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

function ownGroup(): number | undefined {
  return procStat(process.pid)?.pgrp;
}

/** Processes whose process group is `pgrp`, with their start times. */
function membersOf(pgrp: number): { pid: number; startTime: string }[] {
  const members: { pid: number; startTime: string }[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat?.pgrp === pgrp && stat.state !== 'Z') members.push({ pid: Number(name), startTime: stat.startTime });
  }
  return members;
}

/**
 * The one way Slipway signals a process group it finds in a record (crash recovery,
 * Stop Build from another process, timeouts after the leader exited). A record may be
 * crafted, so the group is signalled only when it is provably the recorded child's:
 * - the pid is an integer of at least 2 and neither this process nor its own group;
 * - if the leader lives, its start time matches the recorded one and it leads its own group;
 * - if the leader is gone, the group still has members, each started no earlier than the
 *   leader (the kernel does not hand out a pid that is still some group's id, so the group
 *   is the leader's own).
 * Without /proc nothing can be verified and nothing is signalled.
 */
export function killRecordedGroup(group: unknown, signal: NodeJS.Signals = 'SIGKILL'): KillOutcome {
  const candidate = group as Partial<RecordedGroup> | null | undefined;
  const pid = candidate?.pid;
  const startTime = candidate?.startTime;
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid < 2) {
    return { killed: false, reason: `recorded process group ${JSON.stringify(pid)} is not a process id of 2 or more` };
  }
  if (typeof startTime !== 'string' || !/^\d+$/.test(startTime)) {
    return { killed: false, reason: `process group ${pid} has no recorded start time, so it cannot be proved to be Slipway's` };
  }
  if (process.platform !== 'linux' || !fs.existsSync('/proc/self/stat')) {
    return { killed: false, reason: `process group ${pid} cannot be verified without /proc` };
  }
  if (pid === process.pid || pid === ownGroup()) {
    return { killed: false, reason: `process group ${pid} is Slipway's own` };
  }
  const leader = procStat(pid);
  if (leader) {
    if (leader.startTime !== startTime) return { killed: false, reason: `process ${pid} started at another time than the recorded one (its pid was reused)` };
    if (leader.pgrp !== pid) return { killed: false, reason: `process ${pid} does not lead its own process group` };
  } else {
    const members = membersOf(pid);
    if (members.length === 0) return { killed: false, gone: true, reason: `process group ${pid} has ended` };
    if (members.some((m) => BigInt(m.startTime) < BigInt(startTime))) {
      return { killed: false, reason: `process group ${pid} holds processes older than its recorded leader` };
    }
  }
  try {
    process.kill(-pid, signal);
    return { killed: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { killed: false, gone: code === 'ESRCH' ? true : undefined, reason: `process group ${pid}: ${code ?? (error as Error).message}` };
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and collects its output (for short tool calls such as git). */
export function run(command: string, args: string[], options: SpawnOptions & { input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
    else child.stdin!.end();
  });
}
