// Runs a bench against the code as it ships: esbuild bundles the bench the way it bundles
// dist/server.js and dist/cli.js, so cross-module calls are direct, as in the language
// server (through tsx every imported function goes through a getter, which costs 20–40%
// on hot paths). Run `npm run build` first (the bench reads dist/data).
// Run: node bench/bundled.mjs bench/<name>.ts [args…]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bench/bundled.mjs bench/<name>.ts [args…]');
  process.exit(2);
}
const spec = path.join(root, 'dist', 'data', 'cfn-spec.jsonl');
if (!fs.existsSync(spec)) {
  console.error(`${spec} is missing; run npm run build first`);
  process.exit(2);
}
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-'));
const outfile = path.join(outdir, path.basename(entry).replace(/\.ts$/, '.js'));
await build({ entryPoints: [path.resolve(root, entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning' });
// The bundle no longer sits beside the sources: tell it where the corpus and the spec index are.
const env = { ...process.env, SLIPWAY_CFN_SPEC: spec, SLIPWAY_CORPUS: process.env.SLIPWAY_CORPUS ?? path.resolve(root, 'test', 'fixtures', 'corpus') };
const run = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit', env, cwd: root });
fs.rmSync(outdir, { recursive: true, force: true });
process.exit(run.status ?? 1);
