// The Slipway CLI and git as the scenarios run them beside the workbench: output is
// returned, never printed, so the e2e log holds only the harness's own lines; a failing
// command throws with its exit status and what it wrote to stderr.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

function runner(command, prefix, { cwd, env }) {
  return (...args) => {
    try {
      return execFileSync(command, [...prefix, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const said = String(error.stderr ?? '').trim().split('\n').slice(-5).join('\n');
      throw new Error(`${path.basename(command)} ${[...prefix.slice(1), ...args].join(' ')} failed (exit ${error.status ?? error.signal})${said ? `:\n${said}` : ''}`);
    }
  };
}

/** `cli(...args)` runs dist/cli.js of `repo`; `git(...args)` runs git as the e2e user; both in `cwd`. */
export function commands({ repo, cwd, env }) {
  return {
    cli: runner(process.execPath, [path.join(repo, 'dist', 'cli.js')], { cwd, env }),
    git: runner('git', ['-c', 'user.email=e2e@slipway.local', '-c', 'user.name=e2e'], { cwd, env }),
  };
}
