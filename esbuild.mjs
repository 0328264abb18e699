// One build for everything: the extension client, the language server and the CLI
// (node, cjs) plus one browser bundle per webview folder. `--production` minifies;
// `--watch` rebuilds on change. Also compacts data the runtime needs at build time.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_ENTRY_POINTS } from './scripts/cli-entry-points.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  // Linked maps in production too: the .vsix leaves them out (.vscodeignore), and the tests,
  // which run the production build, keep readable stacks.
  sourcemap: 'linked',
  minify: production,
  logLevel: 'warning',
  define: { __SLIPWAY_VERSION__: JSON.stringify(pkg.version) },
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

const builds = [
  { ...node, entryPoints: { client: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // dist/server.js, cli.js and hook.js are small bootstraps that load the *-main.js beside them
  // through V8's code cache (runtime/common/start-cached.ts).
  { ...node, entryPoints: { server: 'server/bootstrap.ts', 'server-main': 'server/server.ts' }, outdir: 'dist' },
  // dist/hook-main.js is what hosted repositories' hooks run: only the hook code, so each push starts less.
  { ...node, entryPoints: CLI_ENTRY_POINTS, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];

// Build-time steps (data compaction) live in scripts/build-steps/*.mjs and run before bundling.
const stepsDir = 'scripts/build-steps';
if (fs.existsSync(stepsDir)) {
  for (const file of fs.readdirSync(stepsDir).filter((f) => f.endsWith('.mjs')).sort()) {
    const step = await import(path.resolve(stepsDir, file));
    await step.default({ production });
  }
}

if (fs.existsSync('webviews')) {
  for (const name of fs.readdirSync('webviews')) {
    const entry = path.join('webviews', name, 'main.ts');
    if (!fs.existsSync(entry)) continue;
    builds.push({
      ...common,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      entryPoints: { [name]: entry },
      outdir: 'dist/webviews',
      loader: { '.css': 'text' },
    });
  }
}

const started = Date.now();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  fs.chmodSync('dist/cli.js', 0o755);
  console.log(`esbuild: ${builds.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
