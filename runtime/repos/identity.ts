import * as os from 'node:os';
import { gitResult } from './git';

/**
 * Who is acting: SLIPWAY_USER (the HTTP and SSH front ends set it from the token or
 * key), else git's user.email, else the login name.
 */
export async function currentUser(cwd?: string): Promise<string> {
  if (process.env.SLIPWAY_USER) return process.env.SLIPWAY_USER;
  const { code, stdout } = await gitResult(['config', '--get', 'user.email'], { cwd: cwd ?? os.homedir(), okCodes: [1, 128] });
  if (code === 0 && stdout.trim()) return stdout.trim();
  return os.userInfo().username;
}
