import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The argv that starts Slipway's CLI from wherever this code runs, for git hooks, SSH
 * forced commands and detached pipeline drivers: SLIPWAY_CLI when set (a JSON array of
 * argv, e.g. `["/usr/bin/node","/opt/slipway/dist/cli.js"]`), else the bundled
 * dist/cli.js beside this code, else (running from source) runtime/cli/main.ts through tsx's
 * require hook (a third of the start-up CPU of its ESM loader, which runs in a worker thread).
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
    return [process.execPath, '--require', require.resolve('tsx/cjs', { paths: [__dirname] }), source];
  }
  throw new Error(`cannot find the Slipway CLI next to ${__dirname}`);
}
