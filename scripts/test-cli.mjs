// The CLI the unit tests start in other processes (git hooks, detached pipeline drivers, "another
// process" scenarios): one esbuild bundle of runtime/cli/main.ts, as dist/cli.js is, which starts
// in a fifth of the CPU the sources through tsx take. scripts/run-tests.mjs bundles it once per
// run and names it in SLIPWAY_CLI; a test file run on its own bundles its copy through
// test/unit/cli-bundle.ts, which runs this file.
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

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the CLI into a new folder; returns the folder (the caller removes it) and the argv that starts the CLI. */
export function bundleTestCli() {
  const results = path.join(REPO, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  const folder = fs.mkdtempSync(path.join(results, 'cli-'));
  const outfile = path.join(folder, 'cli.js');
  buildSync({
    entryPoints: [path.join(REPO, 'runtime', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    define: { __SLIPWAY_VERSION__: '"test"' },
  });
  return { folder, argv: [process.execPath, outfile] };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${bundleTestCli().folder}\n`);
}
