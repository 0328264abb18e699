import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testCli } from '../cli-bundle';
import { fileAppears, folderChangesUntil } from '../file-appears';
import { tempHome } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * A `slipway stack deploy` SIGKILLed while its second resource is being created: the stack
 * `crash` is left CREATE_IN_PROGRESS with `made.txt` (its first resource) in `dir`. The
 * orphaned command is killed here unless `keepOrphan` (then its pid is returned).
 */
export async function crashedStackDeploy(options: { keepOrphan?: boolean } = {}): Promise<{ dir: string; home: string; orphan: number }> {
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
  const [command, ...argv] = testCli();
  const child = spawn(command, [...argv, 'stack', 'deploy', 'crash', '--template', template], {
    cwd: ROOT,
    env: { ...process.env, SLIPWAY_HOME: home },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const first = await Promise.race([fileAppears(marker).then(() => 'started'), exited.then(() => 'exited')]);
  assert.equal(first, 'started', 'the deploy ended before its slow resource started');
  if (options.keepOrphan) {
    // The command can start before its group is on record; kill the deploy only after that write.
    const record = path.join(home, 'stacks', 'crash', 'stack.json');
    await folderChangesUntil(path.dirname(record), () => {
      try {
        return !!JSON.parse(fs.readFileSync(record, 'utf8')).resources?.Slow?.process;
      } catch {
        return false;
      }
    });
  }
  child.kill('SIGKILL');
  await exited;
  const orphan = Number(fs.readFileSync(marker, 'utf8').trim());
  if (!options.keepOrphan) process.kill(orphan, 'SIGKILL'); // the orphaned `sleep`
  return { dir, home, orphan };
}
