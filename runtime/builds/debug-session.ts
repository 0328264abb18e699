// Stepping into a paused build, as CodeBuild's Session Manager sessions do
// (https://docs.aws.amazon.com/codebuild/latest/userguide/session-manager.html): a build
// started with a debug session pauses at `codebuild-breakpoint` (and, with pause-on-failure,
// at its first failing command) with its shell state intact. `slipway build attach` opens an
// interactive shell in that state; `codebuild-resume` there (or `slipway build resume`)
// saves the shell's directory and exported variables back and the build continues from them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildPhaseName } from '../buildspec/model';
import { lstatOrUndefined, readRegularFile, writeNewFile } from '../common/contained';
import { InputError } from '../common/errors';
import type { BuildRecord, BuildStore } from './records';
import { quote } from './shell';

/** What the request asks of the debug session (StartBuild's `debugSessionEnabled`, plus Slipway's pause-on-failure). */
export interface DebugSessionOptions {
  /** Pause at the first failing command, before the phase fails (`slipway build run --debug`). */
  pauseOnFailure?: boolean;
  /** The longest pause that does not count against the build timeout (default one hour). */
  pauseLimitSeconds?: number;
}

export interface PauseRecord {
  phase: BuildPhaseName;
  command: string;
  reason: 'breakpoint' | 'failure';
  exitCode?: number;
  since: string;
}

/** How the user resumed: carry on, or run the failed command again (after a failure pause). */
export type ResumeChoice = 'continue' | 'retry';

/** The channel between a paused build and the shells attached to it: recorded in the state home. */
interface SessionFile {
  controlDir: string;
  shell: 'bash' | 'sh';
  runAs?: { uid: number; gid: number };
}

export const BREAKPOINT_COMMAND = 'codebuild-breakpoint';
export const RESUME_COMMAND = 'codebuild-resume';
export const DEFAULT_PAUSE_LIMIT_SECONDS = 3600;
const RESUME_MARKER = 'resume';
const POLL_MS = 100;

/** `codebuild-breakpoint` alone on a command line (as CodeBuild recognises it). */
export function isBreakpoint(command: string): boolean {
  return command.trim() === BREAKPOINT_COMMAND;
}

export function isResume(command: string): boolean {
  return command.trim() === RESUME_COMMAND;
}

function sessionFile(builds: BuildStore, id: string): string {
  return path.join(builds.dir(id), 'debug-session.json');
}

/**
 * The runner's side: publishes the pause, waits for a resume marker (written by
 * `codebuild-resume` in an attached shell or by `resumeBuild`), and gives up when `cancelled`
 * says the build was stopped or timed out.
 */
export async function pauseBuild(options: {
  builds: BuildStore;
  record: BuildRecord;
  pause: PauseRecord;
  controlDir: string;
  shell: 'bash' | 'sh';
  runAs?: { uid: number; gid: number };
  save: () => void;
  cancelled: () => boolean;
}): Promise<ResumeChoice | undefined> {
  const { builds, record, controlDir } = options;
  installResumeCommand(controlDir, options.runAs);
  const marker = path.join(controlDir, RESUME_MARKER);
  fs.rmSync(marker, { force: true });
  const channel: SessionFile = { controlDir, shell: options.shell, runAs: options.runAs };
  fs.writeFileSync(sessionFile(builds, record.id), JSON.stringify(channel), { mode: 0o600 });
  record.paused = options.pause;
  options.save();
  try {
    for (;;) {
      if (options.cancelled()) return undefined;
      const choice = readMarker(marker);
      if (choice) return choice;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    fs.rmSync(marker, { force: true });
    fs.rmSync(sessionFile(builds, record.id), { force: true });
    record.paused = undefined;
    options.save();
  }
}

function readMarker(marker: string): ResumeChoice | undefined {
  const text = readRegularFile(marker)?.trim();
  if (text === undefined) return undefined;
  return text === 'retry' ? 'retry' : 'continue';
}

/**
 * `codebuild-resume [--retry]` for attached shells: it runs as a child of the interactive
 * shell, so its environment is that shell's exported variables and its directory the shell's;
 * it saves both where the build's shell reloads them and writes the marker. In the attached
 * shell the name is an alias that also ends the session (a signal to the shell would reach the
 * terminal's whole process group, the attaching CLI included).
 */
function installResumeCommand(controlDir: string, runAs?: { uid: number; gid: number }): void {
  // The control folder is the run-as user's: what Slipway writes there never follows a link it planted.
  const bin = path.join(controlDir, 'bin');
  if (lstatOrUndefined(bin)?.isSymbolicLink()) fs.unlinkSync(bin);
  if (!fs.existsSync(bin)) fs.mkdirSync(bin, { mode: 0o700 });
  const state = path.join(controlDir, 'state.sh');
  const cwd = path.join(controlDir, 'cwd');
  const marker = path.join(controlDir, RESUME_MARKER);
  const script = [
    '#!/bin/sh',
    '# Written by Slipway for a paused build: saves this shell\'s state and resumes the build.',
    'choice=continue',
    'case "$1" in --retry) choice=retry ;; "") ;; *) echo "usage: codebuild-resume [--retry]" >&2; exit 2 ;; esac',
    `PATH=$(printf '%s' "$PATH" | sed 's#^${bin}:##')`,
    'unset ENV SLIPWAY_ATTACHED_SHELL',
    `export -p > ${quote(state + '.tmp')} && mv -f ${quote(state + '.tmp')} ${quote(state)}`,
    `pwd > ${quote(cwd)}`,
    `printf '%s\\n' "$choice" > ${quote(marker + '.tmp')} && mv -f ${quote(marker + '.tmp')} ${quote(marker)}`,
    'echo "codebuild-resume: the build continues ($choice)"',
    'exit 0',
    '',
  ].join('\n');
  const file = path.join(bin, RESUME_COMMAND);
  writeNewFile(file, script, 0o700, runAs);
  if (runAs) fs.lchownSync(bin, runAs.uid, runAs.gid);
}

/** A paused build's channel, checked: the build is paused and its control folder is the build's own. */
function openSession(builds: BuildStore, id: string): { record: BuildRecord; session: SessionFile } {
  const record = builds.get(id);
  if (!record) throw new InputError(`no build ${id}`);
  if (record.status !== 'IN_PROGRESS' || !record.paused) throw new InputError(`build ${id} is not paused (status ${record.status}); add ${BREAKPOINT_COMMAND} to its buildspec and run it with --debug`);
  let session: SessionFile;
  try {
    session = JSON.parse(fs.readFileSync(sessionFile(builds, id), 'utf8')) as SessionFile;
  } catch {
    throw new InputError(`build ${id} is paused but its debug session is gone (its runner may have died)`);
  }
  if (typeof session.controlDir !== 'string' || !path.isAbsolute(session.controlDir) || (session.shell !== 'bash' && session.shell !== 'sh')) {
    throw new InputError(`build ${id}: its debug session record is malformed`);
  }
  // The control folder must be the build's own: inside the workspace the build recorded, never a link.
  const stats = fs.lstatSync(session.controlDir, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) throw new InputError(`build ${id}: its debug session folder ${session.controlDir} is not a folder`);
  if (!fs.existsSync(path.join(session.controlDir, 'bin', RESUME_COMMAND))) throw new InputError(`build ${id}: ${session.controlDir} is not a Slipway debug session`);
  return { record, session };
}

/** Resumes a paused build without attaching (the extension's Resume button, `slipway build resume`). */
export function resumeBuild(builds: BuildStore, id: string, choice: ResumeChoice = 'continue'): BuildRecord {
  const { record, session } = openSession(builds, id);
  if (choice === 'retry' && record.paused?.reason !== 'failure') throw new InputError(`build ${id} paused at a breakpoint, not a failure: there is nothing to retry`);
  const marker = path.join(session.controlDir, RESUME_MARKER);
  writeNewFile(marker + '.tmp', choice + '\n', 0o600, session.runAs);
  fs.renameSync(marker + '.tmp', marker);
  return record;
}

/** How to start an interactive shell attached to a paused build: its directory, variables and `codebuild-resume`. */
export interface AttachPlan {
  record: BuildRecord;
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

export function attachPlan(builds: BuildStore, id: string, terminal: NodeJS.ProcessEnv = process.env): AttachPlan {
  const { record, session } = openSession(builds, id);
  const dir = session.controlDir;
  const rc = path.join(dir, 'attach-rc.sh');
  const bin = path.join(dir, 'bin');
  const pause = record.paused!;
  const banner = `Slipway: build ${record.id} paused at ${pause.phase}: ${pause.command}${pause.exitCode !== undefined ? ` (exit status ${pause.exitCode})` : ''}. Run ${RESUME_COMMAND}${pause.reason === 'failure' ? ' [--retry]' : ''} to continue the build.`;
  const lines = [
    `[ -f ${quote(path.join(dir, 'state.sh'))} ] && . ${quote(path.join(dir, 'state.sh'))} >/dev/null 2>&1`,
    `[ -f ${quote(path.join(dir, 'cwd'))} ] && cd "$(cat ${quote(path.join(dir, 'cwd'))})" 2>/dev/null`,
    `PATH=${quote(bin)}:"$PATH"; export PATH`,
    'SLIPWAY_ATTACHED_SHELL=1; export SLIPWAY_ATTACHED_SHELL',
    // sh (dash) takes no "-" in function names, but does in aliases.
    `__slipway_resume() { ${quote(path.join(bin, RESUME_COMMAND))} "$@" && exit 0; }`,
    `alias ${RESUME_COMMAND}=__slipway_resume`,
    `PS1='(paused build) $ '`,
    `echo ${quote(banner)}`,
    '',
  ];
  writeNewFile(rc, lines.join('\n'), 0o600, session.runAs);
  // The build's variables come from its saved state; only the terminal's own settings come from here.
  const env: NodeJS.ProcessEnv = { TERM: terminal.TERM ?? 'xterm-256color', ENV: rc };
  for (const name of ['LANG', 'LC_ALL', 'COLUMNS', 'LINES']) if (terminal[name]) env[name] = terminal[name];
  const args = session.shell === 'bash' ? ['--noprofile', '--rcfile', rc, '-i'] : ['-i'];
  return { record, file: session.shell === 'bash' ? 'bash' : '/bin/sh', args, env, uid: session.runAs?.uid, gid: session.runAs?.gid };
}
