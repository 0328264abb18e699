import type { CliIO } from './context';

/**
 * Control characters that a terminal would act on (cursor moves, title and clipboard
 * sequences, carriage returns that overwrite a line), except newlines, tabs and SGR colour
 * sequences (`ESC [ … m`, Slipway's own colours and a build's), and the bidirectional
 * overrides and isolates that make a line show in another order than it reads (Trojan
 * Source). They arrive in commit messages, PR titles, names and logs written by others.
 */
const CONTROLS = /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Text as a terminal may show it: each acting control character written as `\u00XX` (also valid inside JSON strings). */
export function escapeTerminalControls(text: string): string {
  return text.replace(CONTROLS, (match) => (match.length > 1 ? match : `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

interface Stream {
  isTTY?: boolean;
  write(text: string): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * The CLI's output streams: text for a terminal has its control characters escaped, and a
 * reader that went away (`slipway … | head`) ends the CLI quietly instead of with an EPIPE trace.
 */
export function terminalIO(stdout: Stream, stderr: Stream, exit: (code: number) => void): CliIO {
  const quietOnClosedPipe = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') exit(0);
    else throw error;
  };
  stdout.on('error', quietOnClosedPipe);
  stderr.on('error', quietOnClosedPipe);
  const through = (stream: Stream) => (text: string) => void stream.write(stream.isTTY ? escapeTerminalControls(text) : text);
  return { stdout: through(stdout), stderr: through(stderr) };
}

/** Runs an entry point's `main` on this process's argv and streams; its result is the exit code. */
export function runAsProcess(main: (argv: string[], io: CliIO) => Promise<number>): void {
  const io = terminalIO(process.stdout, process.stderr, (code) => process.exit(code));
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`slipway: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
