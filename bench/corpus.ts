import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The corpus of real third-party files (templates, buildspecs, appspecs and pipelines, with
 * their provenance and licences) travels with the repository in `test/fixtures/corpus`.
 * `SLIPWAY_CORPUS` points at another (larger) one. Its absence is an error, never a silent skip.
 */
export function corpusDir(...parts: string[]): string {
  const root = process.env.SLIPWAY_CORPUS ? path.resolve(process.env.SLIPWAY_CORPUS) : path.resolve(__dirname, '..', 'test', 'fixtures', 'corpus');
  const dir = path.join(root, ...parts);
  if (!fs.existsSync(dir)) throw new Error(`the corpus is not at ${dir}; set SLIPWAY_CORPUS to its folder`);
  return dir;
}
