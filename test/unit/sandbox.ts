import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';

/**
 * The one temporary folder helper of the unit tests (each engine's `sandbox()` builds on
 * it). Given the test's context it removes the folder when the test ends (`t.after`);
 * `cleanup` is for callers that end it themselves. The path is real (no /tmp link), so
 * containment checks compare like with like.
 */
export function tempFolder(prefix: string, t?: Pick<TestContext, 'after'>): { dir: string; cleanup: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  t?.after(cleanup);
  return { dir, cleanup };
}
