import * as fs from 'node:fs';
import * as os from 'node:os';

/** Identifies a live process across pid reuse: pid plus its start time where the OS tells it. */
export interface ProcessIdentity {
  pid: number;
  host: string;
  startTime?: string;
}

function startTimeOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) comes after the parenthesised command name, which may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, host: os.hostname(), startTime: startTimeOf(process.pid) };
}

/** True when the process is still running (a process on another host is assumed alive). */
export function isAlive(identity: ProcessIdentity): boolean {
  if (identity.host !== os.hostname()) return true;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (identity.startTime === undefined) return true;
  const now = startTimeOf(identity.pid);
  return now === undefined || now === identity.startTime;
}
