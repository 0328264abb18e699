import * as fs from 'node:fs';
import type { SecretMasker } from '../common/params';

/** What the runner says about itself, distinguished from command output for colouring. */
export type LogLineKind = 'output' | 'phase' | 'info' | 'warning' | 'error';

export interface LogLine {
  kind: LogLineKind;
  text: string;
}

/**
 * The build's live log: masked line by line (a secret split across two output chunks
 * is still masked) and appended to the log file as it comes, so `build logs` and the
 * editor can follow a running build.
 */
export class BuildLog {
  private partial = '';
  private readonly fd: number;

  constructor(
    readonly file: string,
    private readonly masker: SecretMasker,
    private readonly listener?: (line: LogLine) => void,
  ) {
    this.fd = fs.openSync(file, 'a');
  }

  /** Raw command output; complete lines are written now, a partial line on flush. */
  output(text: string): void {
    const combined = this.partial + text;
    const lines = combined.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.emit('output', line);
  }

  flush(): void {
    if (this.partial) {
      const rest = this.partial;
      this.partial = '';
      this.emit('output', rest);
    }
  }

  /** A runner message in CodeBuild's `[Container] time message` form. */
  say(kind: Exclude<LogLineKind, 'output'>, message: string): void {
    this.flush();
    this.emit(kind, `[Container] ${timestamp()} ${message}`);
  }

  private emit(kind: LogLineKind, raw: string): void {
    const text = this.masker.mask(raw.replace(/\r$/, ''));
    fs.writeSync(this.fd, text + '\n');
    this.listener?.({ kind, text });
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

function timestamp(): string {
  const d = new Date();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}
