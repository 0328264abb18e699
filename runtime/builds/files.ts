import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isInside, resolveReal } from '../common/contained';

/** Every file (and symbolic link) under a folder, as `/`-separated paths relative to it. */
export function listFiles(root: string): string[] {
  const result: string[] = [];
  const visit = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(child);
      else result.push(child);
    }
  };
  visit('');
  return result.sort();
}

/** Buildspec globs (`**` across folders, dot files included, as CodeBuild matches them). */
export function matcher(patterns: string[]): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const cleaned = patterns.map((p) => p.replace(/^\.\//, ''));
  return picomatch(cleaned, { dot: true });
}

/** Resolves a folder inside the workspace, refusing one that escapes it, by name or through a link. */
export function insideWorkspace(workspace: string, relative: string | undefined, what: string): string {
  const resolved = path.resolve(workspace, relative ?? '.');
  if (!isInside(workspace, resolved)) throw new Error(`${what} ${relative} is outside the source folder`);
  const real = resolveReal(resolved);
  if (!isInside(resolveReal(workspace), real)) throw new Error(`${what} ${relative} leads through a symbolic link to ${real}, outside the source folder`);
  return resolved;
}
