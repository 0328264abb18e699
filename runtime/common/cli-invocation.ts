import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The argv that starts Slipway's CLI from wherever this code runs, for git hooks, SSH
 * forced commands and detached pipeline drivers: SLIPWAY_CLI when set (a JSON array of
 * argv, e.g. `["/usr/bin/node","/opt/slipway/dist/cli.js"]`), else the bundled
 * dist/cli.js beside this code, else (running from source) runtime/cli/main.ts through tsx.
 */
export function cliInvocation(): string[] {
  const configured = process.env.SLIPWAY_CLI;
  if (configured) {
    let argv: unknown;
    try {
      argv = JSON.parse(configured);
    } catch {
      argv = undefined;
    }
    if (!Array.isArray(argv) || argv.length === 0 || !argv.every((word) => typeof word === 'string' && word)) {
      throw new Error(`SLIPWAY_CLI must be a JSON array of the CLI's argv, e.g. ["${process.execPath}","/path/to/dist/cli.js"], not ${JSON.stringify(configured)}`);
    }
    return argv as string[];
  }
  const bundled = path.join(__dirname, 'cli.js');
  if (fs.existsSync(bundled)) return [process.execPath, bundled];
  const source = path.resolve(__dirname, '..', 'cli', 'main.ts');
  if (fs.existsSync(source)) {
    const tsx = path.join(path.dirname(require.resolve('tsx/package.json', { paths: [__dirname] })), 'dist', 'loader.mjs');
    return [process.execPath, '--import', pathToFileURL(tsx).href, source];
  }
  throw new Error(`cannot find the Slipway CLI next to ${__dirname}`);
}
