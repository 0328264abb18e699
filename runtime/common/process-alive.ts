import * as os from 'node:os';
import { startTimeOf } from './process';

/** Identifies a live process across pid reuse: pid plus its start time where the OS tells it. */
export interface ProcessIdentity {
  pid: number;
  host: string;
  startTime?: string;
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
