import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { gitEnv } from './git-env';

/**
 * Who is acting, for every record that names a person (commits, pull requests,
 * approvals): SLIPWAY_USER (the HTTP and SSH front ends set it from the token or key),
 * else git's user.email as seen from `cwd`, else the login name.
 */
export function currentUser(cwd?: string): string {
  if (process.env.SLIPWAY_USER) return process.env.SLIPWAY_USER;
  const git = spawnSync('git', ['config', '--get', 'user.email'], { cwd: cwd ?? os.homedir(), env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const email = git.status === 0 ? git.stdout.trim() : '';
  return email || os.userInfo().username;
}
