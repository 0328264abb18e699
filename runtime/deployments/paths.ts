import * as fs from 'node:fs';
import * as path from 'node:path';
import { EscapeError, isInside } from '../common/contained';

export { EscapeError, isInside };

/**
 * Maps an appspec destination (an absolute path on the instance, `/srv/app`) to the
 * instance's root folder, refusing anything that would land outside it.
 */
export function underRoot(root: string, destination: string): string {
  const relative = destination.replace(/\\/g, '/').replace(/^[A-Za-z]:/, '').replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  if (!isInside(root, resolved)) throw new EscapeError(`"${destination}" resolves outside the instance root ${root}`);
  return resolved;
}


/**
 * Checks that no existing part of `target`'s path below `root` is a symlink that
 * leads outside the root (a planted link must not redirect a write).
 */
export function assertNoEscapingLink(root: string, target: string, realRoot = fs.realpathSync.native(root)): void {
  let current = path.resolve(root);
  for (const part of path.relative(path.resolve(root), target).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch {
      return; // the rest does not exist yet
    }
    if (stat.isSymbolicLink()) {
      const real = fs.realpathSync.native(current);
      if (!isInside(realRoot, real)) throw new EscapeError(`${current} is a symbolic link leading outside the instance root ${root}`);
    }
  }
}
