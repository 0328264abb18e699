import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file that marks a folder as created by Slipway; it holds a random token also kept in the operation. */
export const OWNER_MARKER = '.slipway-owned';

/** Marks a folder Slipway just created, so recovery can later prove it is Slipway's to delete. */
export function markOwned(dir: string): string {
  const token = randomBytes(16).toString('hex');
  fs.writeFileSync(path.join(dir, OWNER_MARKER), token, { flag: 'wx', mode: 0o600 });
  return token;
}

function isUnder(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function realOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Deletes a folder named by a record (crash recovery) only when it is provably Slipway's:
 * an absolute path, not a link, strictly under one of `roots` (the state home, the system
 * temp folder) by real path, holding the marker with the token the operation recorded.
 * Returns why it did not, for a one-line log; undefined when it was deleted or was gone.
 */
export function removeOwnedFolder(dir: unknown, token: unknown, roots: string[]): string | undefined {
  if (typeof dir !== 'string' || !path.isAbsolute(dir)) return `recorded folder ${JSON.stringify(dir)} is not an absolute path`;
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(dir);
  } catch {
    return undefined; // already gone
  }
  if (!stats.isDirectory()) return `recorded folder ${dir} is not a folder (a link or a file)`;
  const real = realOrUndefined(dir);
  const realRoots = [...new Set(roots.map(realOrUndefined).filter((r): r is string => r !== undefined))];
  if (!real || !realRoots.some((root) => isUnder(real, root))) {
    return `recorded folder ${dir} is outside ${realRoots.join(' and ')}`;
  }
  if (typeof token !== 'string' || !/^[0-9a-f]{32}$/.test(token)) return `recorded folder ${dir} has no owner token in its operation`;
  let found: string;
  try {
    const marker = path.join(real, OWNER_MARKER);
    if (!fs.lstatSync(marker).isFile()) return `${dir} has no Slipway owner marker`;
    found = fs.readFileSync(marker, 'utf8').trim();
  } catch {
    return `${dir} has no Slipway owner marker, so Slipway did not create it`;
  }
  if (found !== token) return `${dir} was not created by this operation (its owner marker does not match)`;
  fs.rmSync(real, { recursive: true, force: true });
  return undefined;
}
