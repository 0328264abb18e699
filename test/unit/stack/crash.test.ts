import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { StateStore } from '../../../runtime/common/state';
import { StackEngine } from '../../../runtime/stack/engine';
import { tempHome } from './helpers';
import { fileAppears } from '../file-appears';

const ROOT = path.resolve(__dirname, '..', '..', '..');


describe('crash recovery', () => {
  it('a process SIGKILLed mid-create leaves a stack that the next command rolls back', async () => {
    const dir = tempHome();
    const home = path.join(dir, 'home');
    const template = path.join(dir, 'template.yaml');
    const marker = path.join(dir, 'started');
    fs.writeFileSync(
      template,
      [
        'Resources:',
        '  Made:',
        '    Type: Slipway::Local::File',
        '    Properties: {Path: made.txt, Content: made}',
        '  Slow:',
        '    Type: Slipway::Local::Command',
        '    DependsOn: Made',
        '    Properties:',
        `      Create: "echo $$ > ${marker}.pid; mv ${marker}.pid ${marker}; exec sleep 30"`,
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'runtime/cli/main.ts'), 'stack', 'deploy', 'crash', '--template', template], {
      cwd: ROOT,
      env: { ...process.env, SLIPWAY_HOME: home },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const first = await Promise.race([fileAppears(marker).then(() => 'started'), exited.then(() => 'exited')]);
    assert.equal(first, 'started', 'the deploy ended before its slow resource started');
    child.kill('SIGKILL');
    await exited;
    process.kill(Number(fs.readFileSync(marker, 'utf8').trim()), 'SIGKILL'); // the orphaned `sleep`

    const engine = new StackEngine(new StateStore(home));
    assert.equal(engine.stacks.read('crash')?.status, 'CREATE_IN_PROGRESS');
    assert.ok(fs.existsSync(path.join(dir, 'made.txt')));
    assert.deepEqual(await engine.settle(), ['crash']);
    const record = engine.describe('crash');
    assert.equal(record.status, 'ROLLBACK_COMPLETE');
    assert.match(record.statusReason ?? '', /stopped before it finished/);
    assert.ok(!fs.existsSync(path.join(dir, 'made.txt')));
    assert.deepEqual(await engine.settle(), []);
  });
});
