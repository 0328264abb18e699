import * as vscode from 'vscode';
import type { LogLine } from '../../runtime/builds/log';
import type { BuildRecord } from '../../runtime/builds/records';
import type { RunningBuild } from './service';

const COLOURS: Record<LogLine['kind'], string> = {
  output: '',
  phase: '\x1b[1;36m',
  info: '\x1b[2m',
  warning: '\x1b[33m',
  error: '\x1b[1;31m',
};

export function colourLine(line: LogLine): string {
  const text = line.text.replace(/\r?\n/g, '\r\n');
  return COLOURS[line.kind] ? `${COLOURS[line.kind]}${text}\x1b[0m\r\n` : `${text}\r\n`;
}

/**
 * A pseudoterminal that shows one build's live log (already masked) with coloured
 * phase headings. Ctrl+C stops the build; closing the terminal leaves it running.
 * `start` is called when the terminal opens, so a task's build starts with its terminal.
 */
export class BuildTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private build: RunningBuild | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly start: () => Promise<RunningBuild>,
    private readonly closeWhenDone: boolean,
  ) {}

  open(): void {
    this.start().then(
      (build) => this.follow(build),
      (error: Error) => {
        this.writer.fire(`\x1b[1;31mSlipway: ${error.message}\x1b[0m\r\n`);
        if (this.closeWhenDone) this.closer.fire(2);
      },
    );
  }

  private follow(build: RunningBuild): void {
    this.build = build;
    for (const line of build.lines) this.writer.fire(colourLine(line));
    this.subscriptions.push(build.onLine((line) => this.writer.fire(colourLine(line))));
    void build.handle.finished.then((record: BuildRecord) => {
      this.writer.fire(`\r\n${record.status === 'SUCCEEDED' ? '\x1b[1;32m' : '\x1b[1;31m'}Build ${record.project} #${record.number}: ${record.status}\x1b[0m\r\n`);
      if (this.closeWhenDone) this.closer.fire(record.status === 'SUCCEEDED' ? 0 : 1);
    });
  }

  handleInput(data: string): void {
    if (data === '\x03' && this.build && this.build.record.status === 'IN_PROGRESS') {
      this.writer.fire('^C stopping the build\r\n');
      this.build.handle.stop();
    }
  }

  close(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
