import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { isInside, readRegularFile, resolveReal, writeNewFile } from '../common/contained';
import { groupOf, killGroup, spawnGroup, type RecordedGroup } from '../common/process';
import { carriedVariables, parseExportedState } from './shell-state';

export interface ShellOptions {
  shell: 'bash' | 'sh';
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** A private folder for the command files and the saved shell state. */
  controlDir: string;
  /** Output of the commands (stdout and stderr merged, in order). */
  onOutput: (text: string) => void;
  /**
   * Buildspec version 0.1 runs every command in a fresh shell: nothing carries over.
   * Version 0.2 (the default) keeps one shell for the whole build.
   */
  isolated?: boolean;
  /** Called with the process group (pid and start time) of every shell started, for `build stop`. */
  onStart?: (group: RecordedGroup) => void;
  /** Run the shell as this user (uid/gid), for run-as. */
  user?: { uid: number; gid: number; home?: string; name: string };
}

interface Pending {
  resolve: (code: number) => void;
}

/**
 * One shell instance that runs every command of a build, so `cd` and `export` carry
 * over (buildspec version 0.2). Each command is written to a file and sourced; after
 * it the shell prints a per-session sentinel with the exit code on the same stream as
 * the output, so output and results never race. The shell's state (exported variables
 * and directory) is saved after every command: a command that exits the shell (`exit 1`,
 * a syntax error under sh) fails, and the next command gets a fresh shell restored from
 * that state.
 */
export class ShellSession {
  private child: ChildProcess | undefined;
  private pending: Pending | undefined;
  private buffer = '';
  private readonly nonce = `__SLIPWAY_${randomBytes(8).toString('hex')}__`;
  private counter = 0;
  private readonly stateFile: string;
  private readonly cwdFile: string;
  private killed = false;

  constructor(private readonly options: ShellOptions) {
    // Only the last folder is private: a run-as user must reach it through its parents.
    fs.mkdirSync(path.dirname(options.controlDir), { recursive: true });
    fs.mkdirSync(options.controlDir, { recursive: true, mode: 0o700 });
    if (options.user) fs.lchownSync(options.controlDir, options.user.uid, options.user.gid);
    this.stateFile = path.join(options.controlDir, 'state.sh');
    this.cwdFile = path.join(options.controlDir, 'cwd');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get controlDir(): string {
    return this.options.controlDir;
  }

  get shellKind(): 'bash' | 'sh' {
    return this.options.shell;
  }

  get runAsIds(): { uid: number; gid: number } | undefined {
    return this.options.user ? { uid: this.options.user.uid, gid: this.options.user.gid } : undefined;
  }

  hasSavedState(): boolean {
    return fs.existsSync(this.stateFile);
  }

  /** The saved state changed behind the shell (an attached shell resumed the build): the next command reloads it. */
  reloadSavedState(): void {
    this.reloadState = true;
  }

  private start(): ChildProcess {
    const shellPath = this.options.shell === 'bash' ? 'bash' : '/bin/sh';
    const child = spawnGroup(shellPath, [], {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      uid: this.options.user?.uid,
      gid: this.options.user?.gid,
    });
    const decoder = new StringDecoder('utf8');
    child.stdout!.on('data', (chunk: Buffer) => this.receive(decoder.write(chunk)));
    child.stderr!.on('data', (chunk: Buffer) => this.options.onOutput(chunk.toString('utf8')));
    child.stdin!.on('error', () => undefined); // the shell died; `exit` settles the command
    child.on('exit', (code, signal) => {
      // A shell already replaced (version 0.1 ends each one) has nothing pending.
      if (this.child !== child) return;
      this.child = undefined;
      this.flushBuffer();
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
    // Everything the commands print goes to one stream, in order.
    let preamble = 'exec 2>&1\n';
    if (!this.options.isolated && fs.existsSync(this.stateFile)) {
      preamble += `. ${quote(this.stateFile)} >/dev/null 2>&1\n`;
      const cwd = readText(this.cwdFile);
      if (cwd) preamble += `cd ${quote(cwd)} 2>/dev/null\n`;
    }
    child.stdin!.write(preamble);
    this.child = child;
    const group = groupOf(child);
    if (group) this.options.onStart?.(group);
    return child;
  }

  /** Runs one command in the shell; resolves with its exit status. */
  run(command: string): Promise<number> {
    if (this.killed) return Promise.resolve(137);
    if (this.pending) throw new Error('the shell is already running a command');
    const fresh = !this.child;
    const child = this.child ?? this.start();
    const file = path.join(this.options.controlDir, `command-${++this.counter}.sh`);
    writeNewFile(file, command + '\n', 0o600, this.options.user);
    const rc = '__slipway_rc';
    let reload = '';
    if (this.reloadState && !fresh && fs.existsSync(this.stateFile)) {
      reload = `. ${quote(this.stateFile)} >/dev/null 2>&1; cd ${quote(readText(this.cwdFile) ?? '.')} 2>/dev/null; `;
    }
    this.reloadState = false;
    const script =
      reload +
      `. ${quote(file)} </dev/null; ${rc}=$?; ` +
      `export -p > ${quote(this.stateFile)}; pwd > ${quote(this.cwdFile)}; ` +
      `printf '%s %s\\n' '${this.nonce}' "$${rc}"\n`;
    return new Promise<number>((resolve) => {
      this.pending = {
        resolve: (code) => {
          fs.rmSync(file, { force: true });
          // Version 0.1: this shell ends with its command.
          if (this.options.isolated && this.child === child) {
            this.child = undefined;
            child.stdin!.end();
          }
          resolve(code);
        },
      };
      child.stdin!.write(script);
    });
  }

  /** Sets a variable for shells started from now on (the running one hears it through `run`). */
  setStartEnv(name: string, value: string): void {
    this.options.env = { ...this.options.env, [name]: value };
  }

  /** Values of variables as the shell sees them now (unset ones are absent). */
  async values(names: string[]): Promise<Record<string, string>> {
    const valid = names.filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
    if (valid.length === 0) return {};
    const out = path.join(this.options.controlDir, 'values');
    const code = await this.run(`export ${valid.join(' ')} 2>/dev/null; env -0 > ${quote(out)}`);
    if (code !== 0) return {};
    const result: Record<string, string> = {};
    for (const entry of (readRegularFile(out) ?? '').split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0 && valid.includes(entry.slice(0, eq))) result[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    fs.rmSync(out, { force: true });
    return result;
  }

  /** A word as the shell expands it now (variables, command substitution), e.g. an artifact name; undefined if the shell fails to. */
  async expand(text: string): Promise<string | undefined> {
    const input = path.join(this.options.controlDir, 'expand-in');
    const out = path.join(this.options.controlDir, 'expand-out');
    writeNewFile(input, text, 0o600, this.options.user);
    const code = await this.run(`__slipway_word=$(cat ${quote(input)}); eval "printf '%s' \"$__slipway_word\"" > ${quote(out)}; unset __slipway_word`);
    const result = code === 0 ? readRegularFile(out) : undefined;
    fs.rmSync(input, { force: true });
    fs.rmSync(out, { force: true });
    return result;
  }

  private receive(text: string): void {
    this.buffer += text;
    for (;;) {
      const at = this.buffer.indexOf(this.nonce);
      if (at < 0) break;
      const end = this.buffer.indexOf('\n', at);
      if (end < 0) {
        if (at > 0) this.options.onOutput(this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at);
        return;
      }
      if (at > 0) this.options.onOutput(this.buffer.slice(0, at));
      const code = Number(this.buffer.slice(at + this.nonce.length, end).trim());
      this.buffer = this.buffer.slice(end + 1);
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(Number.isFinite(code) ? code : 1);
    }
    // Hold back only a tail that could be the start of the sentinel.
    const keep = partialPrefixLength(this.buffer, this.nonce);
    if (this.buffer.length > keep) {
      this.options.onOutput(this.buffer.slice(0, this.buffer.length - keep));
      this.buffer = this.buffer.slice(this.buffer.length - keep);
    }
  }

  private flushBuffer(): void {
    if (this.buffer) this.options.onOutput(this.buffer);
    this.buffer = '';
  }

  /**
   * Seeds another session (another run-as user) with this shell's directory and exports.
   * The state is read as data (this user may have written anything there) and the other
   * shell's file is written by Slipway in that shell's own folder; going to a more
   * privileged shell, variables that would run this user's code there are dropped and a
   * directory outside the source folder is not entered. Returns the dropped names.
   */
  copyStateTo(other: ShellSession): string[] {
    const upward = privilegeOf(other.options.user) > privilegeOf(this.options.user);
    const text = readRegularFile(this.stateFile);
    const parsed = text === undefined ? new Map<string, string>() : parseExportedState(text);
    const dropped: string[] = [];
    let lines: string[] = [];
    if (!parsed) dropped.push('(the whole state: it is not export -p output)');
    else {
      const carried = carriedVariables(parsed, upward, other.options.env);
      dropped.push(...carried.dropped);
      lines = [...carried.variables].map(([name, value]) => `export ${name}=${quote(value)}`);
    }
    let cwd = readRegularFile(this.cwdFile)?.split('\n')[0];
    if (cwd && upward && !isInside(resolveReal(this.options.cwd), resolveReal(cwd))) {
      dropped.push(`(the directory ${cwd}: outside the source folder)`);
      cwd = undefined;
    }
    other.writeOwn(other.stateFile, lines.join('\n') + '\n');
    if (cwd) other.writeOwn(other.cwdFile, cwd + '\n');
    else fs.rmSync(other.cwdFile, { force: true });
    // A running shell of the other user reloads the state before its next command.
    other.reloadState = true;
    return dropped;
  }

  /** Writes a file of this session's control folder, replacing whatever (a link) was there. */
  private writeOwn(file: string, text: string): void {
    writeNewFile(file, text, 0o600, this.options.user);
  }

  private reloadState = false;

  /** Kills the shell and everything it started (its process group). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.killed = true;
    if (this.child) killGroup(this.child, signal);
  }

  /** Ends the shell; `last` runs first (the runner deletes the workspace this way, without starting another process). */
  async close(last?: string): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin!.end(`${last ? `${last} >/dev/null 2>&1\n` : ''}exit 0\n`);
    });
  }
}

/** Length of the longest suffix of `text` that is a prefix of `marker`. */
function partialPrefixLength(text: string, marker: string): number {
  const max = Math.min(text.length, marker.length - 1);
  for (let n = max; n > 0; n--) {
    if (marker.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

export function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Root above any user, Slipway's own user above a run-as user, other users equal. */
function privilegeOf(user: { uid: number } | undefined): number {
  if (user?.uid === 0 || (!user && process.getuid?.() === 0)) return 2;
  return user ? 0 : 1;
}

function readText(file: string): string | undefined {
  return readRegularFile(file)?.trim();
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 };
  return numbers[signal] ?? 1;
}
