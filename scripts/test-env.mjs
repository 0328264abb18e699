// What every test file's process runs with, for scripts/run-tests.mjs and bench/test-cpu.mjs:
// the project's TypeScript transformed once (scripts/precompile-ts.mjs) and the hook that loads
// it (scripts/precompiled-ts.cjs), scripts/lean-node.mjs's NODE_OPTIONS, and with `bundleCli`
// the bundled CLI and hook entry point in SLIPWAY_CLI and SLIPWAY_HOOK (scripts/test-cli.mjs).
//
// Usage: const run = await prepareTestRun({ bundleCli }); spawn(node, ['--require', run.loader, ...], { env: { ...process.env, ...run.env } }); run.cleanup();
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { leanNodeOptions } from './lean-node.mjs';
import { precompileTypeScript } from './precompile-ts.mjs';
import { bundleTestCli } from './test-cli.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Prepares a run's files under test-results/; `cleanup()` removes them. */
export async function prepareTestRun({ bundleCli = false } = {}) {
  const results = path.join(REPO, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  const compiled = fs.mkdtempSync(path.join(results, 'ts-'));
  await precompileTypeScript(REPO, compiled);
  // The CLI's and hooks' V8 code cache (runtime/common/start-cached.ts) in the run's folder, not the user's.
  const env = { SLIPWAY_TS_ROOT: REPO, SLIPWAY_TS_OUT: compiled, SLIPWAY_CODE_CACHE: path.join(compiled, 'entry-code-cache'), NODE_OPTIONS: leanNodeOptions(process.env.NODE_OPTIONS) };
  const cli = bundleCli ? bundleTestCli() : undefined;
  if (cli) {
    env.SLIPWAY_CLI = JSON.stringify(cli.argv);
    env.SLIPWAY_HOOK = JSON.stringify(cli.hookArgv);
  }
  return {
    env,
    loader: path.join(REPO, 'scripts', 'precompiled-ts.cjs'),
    cleanup() {
      if (cli) fs.rmSync(cli.folder, { recursive: true, force: true });
      fs.rmSync(compiled, { recursive: true, force: true });
    },
  };
}
