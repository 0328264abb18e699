import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus (real templates, buildspecs, appspecs and pipelines) sits beside the
 * project: `../shared/corpus` from the repository root, in a checkout and in CI alike.
 * `SLIPWAY_CORPUS` points elsewhere. Its absence is an error, never a silent skip.
 */
export function corpusDir(...parts: string[]): string {
  const root = process.env.SLIPWAY_CORPUS ? path.resolve(process.env.SLIPWAY_CORPUS) : path.resolve(__dirname, '..', '..', 'shared', 'corpus');
  const dir = path.join(root, ...parts);
  if (!fs.existsSync(dir)) throw new Error(`the shared corpus is not at ${dir}; set SLIPWAY_CORPUS to its folder`);
  return dir;
}
