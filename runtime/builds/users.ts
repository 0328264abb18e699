import * as fs from 'node:fs';
import { InputError } from '../common/errors';

export interface LocalUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/**
 * The account a `run-as` names. Switching users needs root, as on CodeBuild's
 * images; otherwise, or when the user does not exist, the build does not start.
 */
export function resolveUser(name: string, file: string): LocalUser {
  const uid = process.getuid?.();
  if (uid !== 0) {
    throw new InputError(`run-as ${name}: Slipway runs as uid ${uid ?? 'unknown'}, not root, so it cannot switch users; remove run-as or run the build as root`, file);
  }
  let passwd = '';
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    throw new InputError(`run-as ${name}: cannot read /etc/passwd to find the user`, file);
  }
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields.length >= 7) {
      return { name, uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5] || '/' };
    }
  }
  throw new InputError(`run-as ${name}: there is no user ${name} on this machine`, file);
}
