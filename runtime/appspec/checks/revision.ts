import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The revision root an AppSpec file describes: its folder, when the file is an
 * `appspec.yml|yaml|json` that exists on disk (CodeDeploy reads it from the revision
 * root). Other files (templates, fragments, unsaved buffers) have no known root.
 */
export function revisionRoot(file: string): string | undefined {
  if (!/^appspec\.(ya?ml|json)$/i.test(path.basename(file))) return undefined;
  const full = path.resolve(file);
  try {
    return fs.statSync(full).isFile() ? path.dirname(full) : undefined;
  } catch {
    return undefined;
  }
}

/** A revision-relative path (`scripts/a.sh`, `/index.html`, `\\run.bat`) as a file-system path under the root. */
export function inRevision(root: string, relative: string): string {
  const cleaned = relative.replace(/\\/g, '/').replace(/^\/+/, '');
  return path.join(root, cleaned);
}

export function existsInRevision(root: string, relative: string): boolean {
  return fs.existsSync(inRevision(root, relative));
}
