import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { SecretMasker } from '../../../runtime/common/params';
import { BuildLog, type LogLine } from '../../../runtime/builds/log';
import { ShellSession } from '../../../runtime/builds/shell';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-shell-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('shell session', () => {
  it('keeps output in order, including output without a final newline, and returns exit codes', async () => {
    let output = '';
    const shell = new ShellSession({ shell: 'bash', cwd: dir, env: process.env, controlDir: path.join(dir, 'c1'), onOutput: (t) => (output += t) });
    assert.equal(await shell.run('printf partial'), 0);
    assert.equal(await shell.run('echo err >&2; echo out'), 0);
    assert.equal(await shell.run('(exit 7)'), 7);
    assert.equal(await shell.run('cat'), 0, 'a command reading stdin gets end of file, not the next command');
    await shell.close();
    assert.equal(output, 'partialerr\nout\n');
  });

  it('hands back variables as the shell sees them', async () => {
    const shell = new ShellSession({ shell: 'sh', cwd: dir, env: process.env, controlDir: path.join(dir, 'c2'), onOutput: () => undefined });
    await shell.run('A="two words"; export B=b=c');
    assert.deepEqual(await shell.values(['A', 'B', 'UNSET', 'bad name']), { A: 'two words', B: 'b=c' });
    await shell.close();
  });
});

describe('build log', () => {
  it('masks a secret even when it arrives split across output chunks', () => {
    const masker = new SecretMasker();
    masker.add('s3cr3t-value');
    const lines: LogLine[] = [];
    const file = path.join(dir, 'build.log');
    const log = new BuildLog(file, masker, (l) => lines.push(l));
    log.output('token=s3cr');
    log.output('3t-value done\nnext');
    log.say('phase', 'Entering phase BUILD');
    log.close();
    const text = fs.readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /s3cr/);
    assert.match(text, /^token=\*\*\* done\nnext\n\[Container\] \S+ \S+ Entering phase BUILD\n$/);
    assert.deepEqual(lines.map((l) => l.kind), ['output', 'output', 'phase']);
  });
});
