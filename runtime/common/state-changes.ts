import * as path from 'node:path';

/** What, inside a hosted repository's folder (repos/NAME.git), says anything a view shows: its refs, HEAD and Slipway's metadata. */
const REPOSITORY_ENTRIES_SHOWN = new Set(['HEAD', 'packed-refs', 'refs', 'slipway.json']);

/**
 * Whether a change to `file` below the state home `home` can change what a view shows. Not git's
 * own files in a hosted repository (objects, logs, index, its temporary files) and not the lock
 * files: a view that reloads computes mergeability with `git merge-tree --write-tree`, which
 * rewrites (freshens) objects, so reloading on those reloaded the views forever, several times a
 * second. A lock comes and goes with the record write it guards, which counts on its own. Nor
 * the activity log, which no view shows and every command and API request appends to (an AWS
 * CLI polling loop reloaded every view on each call).
 */
export function changeShowsInViews(home: string, file: string): boolean {
  const relative = path.relative(home, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return true;
  const parts = relative.split(path.sep);
  if (parts[0] === 'locks' || relative === 'activity.jsonl') return false;
  if (parts[0] === 'repos' && parts.length > 2 && parts[1].endsWith('.git')) return REPOSITORY_ENTRIES_SHOWN.has(parts[2]);
  return true;
}
