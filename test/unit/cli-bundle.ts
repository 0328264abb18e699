import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliInvocation } from '../../runtime/common/cli-invocation';

const BUNDLER = path.resolve(__dirname, '../../scripts/test-cli.mjs');

/**
 * The argv that starts the bundled CLI in another process (scripts/test-cli.mjs): the run's
 * bundle, which scripts/run-tests.mjs names in SLIPWAY_CLI, else (a file run on its own) one
 * bundled here on first use and named in SLIPWAY_CLI (and its hook entry point in
 * SLIPWAY_HOOK), so that the hooks and drivers this process starts use it too.
 */
export function testCli(): string[] {
  if (!process.env.SLIPWAY_CLI) {
    const bundled = spawnSync(process.execPath, [BUNDLER], { encoding: 'utf8' });
    if (bundled.status !== 0) throw new Error(`bundling the CLI for the tests failed: ${bundled.stderr}`);
    const folder = bundled.stdout.trim();
    process.env.SLIPWAY_CLI = JSON.stringify([process.execPath, path.join(folder, 'cli.js')]);
    process.env.SLIPWAY_HOOK = JSON.stringify([process.execPath, path.join(folder, 'hook.js')]);
    process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  }
  return cliInvocation();
}
