import * as fs from 'node:fs';
import * as path from 'node:path';

/** An argv from a variable (a JSON array of strings, e.g. `["/usr/bin/node","/opt/slipway/dist/cli.js"]`). */
function configuredArgv(variable: string, what: string, bundle: string): string[] | undefined {
  const configured = process.env[variable];
  if (!configured) return undefined;
  let argv: unknown;
  try {
    argv = JSON.parse(configured);
  } catch {
    argv = undefined;
  }
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((word) => typeof word === 'string' && word)) {
    throw new Error(`${variable} must be a JSON array of the ${what}'s argv, e.g. ["${process.execPath}","/path/to/dist/${bundle}"], not ${JSON.stringify(configured)}`);
  }
  return argv as string[];
}

// These entry points run briefly (a hook, an SSH command) or mostly wait (a pipeline driver):
// `--v8-pool-size=0` sizes V8's worker pool from the cores instead of a fixed four, whose
// background compiles and marking a short process never profits from. A hook started in
// 116 ms of CPU against 176 ms, in the same wall time (perf stat, 30 runs, 2 cores).
const LEAN_V8 = '--v8-pool-size=0';

/**
 * The node that runs these entry points. In the desktop editor's extension host process.execPath
 * is Electron, which runs a script as node only with ELECTRON_RUN_AS_NODE=1: the hooks and
 * authorized_keys commands written from there run long after, from git and sshd.
 */
function nodeArgv(): string[] {
  return process.versions.electron ? ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath] : [process.execPath];
}

/** `node dist/NAME.js` beside this code (bundled), else `runtime/cli/NAME.ts` through tsx (running from source). */
function entryInvocation(bundle: string, source: string): string[] | undefined {
  const bundled = path.join(__dirname, bundle);
  if (fs.existsSync(bundled)) return [...nodeArgv(), LEAN_V8, bundled];
  const sourceFile = path.resolve(__dirname, '..', 'cli', source);
  // tsx's require hook: a third of the start-up CPU of its ESM loader, which runs in a worker thread.
  if (fs.existsSync(sourceFile)) return [...nodeArgv(), LEAN_V8, '--require', require.resolve('tsx/cjs', { paths: [__dirname] }), sourceFile];
  return undefined;
}

/**
 * The argv that starts Slipway's CLI from wherever this code runs, for SSH forced commands
 * and detached pipeline drivers: SLIPWAY_CLI when set, else the bundled dist/cli.js beside
 * this code, else (running from source) runtime/cli/cli-main.ts through tsx.
 */
export function cliInvocation(): string[] {
  const argv = configuredArgv('SLIPWAY_CLI', 'CLI', 'cli.js') ?? entryInvocation('cli.js', 'cli-main.ts');
  if (!argv) throw new Error(`cannot find the Slipway CLI next to ${__dirname}`);
  return argv;
}

/**
 * The argv a hosted repository's hooks run, followed by the hook's name: SLIPWAY_HOOK when
 * set, else `SLIPWAY_CLI repo hook` when that is set, else the bundled dist/hook.js beside
 * this code (only what a hook needs: it starts in half the CPU of the CLI), else
 * runtime/cli/hook-main.ts through tsx.
 */
export function hookInvocation(): string[] {
  const configured = configuredArgv('SLIPWAY_HOOK', 'hook entry point', 'hook.js');
  if (configured) return configured;
  const cli = configuredArgv('SLIPWAY_CLI', 'CLI', 'cli.js');
  if (cli) return [...cli, 'repo', 'hook'];
  const argv = entryInvocation('hook.js', 'hook-main.ts');
  if (!argv) throw new Error(`cannot find Slipway's hook entry point next to ${__dirname}`);
  return argv;
}
