// The CLI the unit tests start in other processes (detached pipeline drivers, "another process"
// scenarios) and the hook entry point git runs on every push to a hosted repository: esbuild
// bundles of the same entry points as dist/cli.js and dist/hook.js (scripts/cli-entry-points.mjs),
// which start in a fifth of the CPU the sources through tsx take. scripts/run-tests.mjs bundles
// them once per run and names them in SLIPWAY_CLI and SLIPWAY_HOOK; a test file run on its own
// bundles its copy through test/unit/cli-bundle.ts, which runs this file.
//
// The bundle goes in test-results/cli-XXXXXX/: two levels below the repository, so that the
// bundled code finds the repository's dist/data (the CloudFormation specification) as the
// sources do (runtime/template/spec.ts).
//
// Usage: node scripts/test-cli.mjs   (prints the folder it bundled into)
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_ENTRY_POINTS } from './cli-entry-points.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the CLI and the hook entry point into a new folder; returns the folder (the caller removes it) and the argv that starts each. */
export function bundleTestCli() {
  const results = path.join(REPO, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  const folder = fs.mkdtempSync(path.join(results, 'cli-'));
  buildSync({
    entryPoints: Object.fromEntries(Object.entries(CLI_ENTRY_POINTS).map(([name, source]) => [name, path.join(REPO, source)])),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: folder,
    logLevel: 'warning',
    define: { __SLIPWAY_VERSION__: '"test"' },
  });
  return { folder, argv: [process.execPath, path.join(folder, 'cli.js')], hookArgv: [process.execPath, path.join(folder, 'hook.js')] };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${bundleTestCli().folder}\n`);
}
