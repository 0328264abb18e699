// Input that cannot stop or confuse a front end (issue 20, class 6, CLI parts): control
// characters from user text are escaped for a terminal, a closed pipe ends the CLI quietly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { escapeTerminalControls, terminalIO } from '../../../runtime/cli/terminal';
import { testCli } from '../cli-bundle';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test('control sequences in user text (title change, clipboard, cursor, carriage return, C1 CSI) are escaped for a terminal', () => {
  const attacks = [
    'Fix\x1b]0;pwned\x07 bug', // window title
    'x\x1b]52;c;ZWNobyBoaQ==\x07', // clipboard write (OSC 52)
    'ok\x1b[2J\x1b[H', // clear screen, cursor home
    'approved\rREJECTED', // overwrite the line
    'csi\u009b31m', // C1 CSI
    'bell\x07 nul\x00 del\x7f',
    'access: \u202euser\u202c admin', // right-to-left override (Trojan Source)
    'title \u2067isolated\u2069 end', // bidi isolates
  ];
  for (const text of attacks) {
    const shown = escapeTerminalControls(text);
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]/.test(shown.replace(/\x1b\[[0-9;]*m/g, '')), JSON.stringify(shown));
  }
  assert.equal(escapeTerminalControls('\x1b[31mred\x1b[0m\tand\nlines'), '\x1b[31mred\x1b[0m\tand\nlines', 'colours, tabs and newlines stay');
  assert.equal(JSON.parse(`"${escapeTerminalControls('a\u009bb')}"`), 'a\u009bb', 'the escape is valid inside a JSON string');
});

test('only a terminal gets escaped text; a pipe gets the bytes as they are', () => {
  const written: string[] = [];
  const stream = (isTTY: boolean) => ({ isTTY, write: (t: string) => written.push(t), on: () => undefined });
  const tty = terminalIO(stream(true), stream(true), () => {});
  tty.stdout('title\x1b]0;x\x07\n');
  const pipe = terminalIO(stream(false), stream(false), () => {});
  pipe.stdout('title\x1b]0;x\x07\n');
  assert.deepEqual(written, ['title\\u001b]0;x\\u0007\n', 'title\x1b]0;x\x07\n']);
});

test('`slipway … | head`: a reader that closed the pipe ends the CLI quietly with exit 0', async () => {
  const [command, ...argv] = testCli();
  const child = spawn(command, [...argv, '--help'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy(); // the reader is gone before the first byte
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.doesNotMatch(stderr, /EPIPE|Error:|at /, stderr);
  assert.equal(code, 0);
});
