// Loads the project's TypeScript from the JavaScript scripts/precompile-ts.mjs wrote for this
// test run (SLIPWAY_TS_OUT), so a test process does no transform, hashing or lexing of its own.
// `node --require ./scripts/precompiled-ts.cjs`: scripts/run-tests.mjs passes it to every test
// file's process, and node passes it on to the processes those start.
//
// Why not tsx's require hook: it hashes and lexes every file and resolves through its own
// chain even when its cache holds the result; requiring runtime/cli/main.ts cost 0.95 s of CPU
// through it against 0.35 s here (bench/test-cpu.mjs), and a unit run loads the runtime ~190 times.
//
// A .ts file the run did not precompile (written by a test, or outside the repository) is
// transformed here by esbuild, as tsx would.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

// A process started with this hook but without the run's variables (a test that clears the
// environment) transforms every file itself.
const root = process.env.SLIPWAY_TS_ROOT;
const out = process.env.SLIPWAY_TS_OUT;

let tsconfigRaw;
/** esbuild's options for one file, here and in scripts/precompile-ts.mjs: the project's tsconfig (class fields, interop), CommonJS, a source map naming the .ts file. */
function transformOptions(filename) {
  tsconfigRaw ??= JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tsconfig.json'), 'utf8'));
  return { tsconfigRaw, loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'inline', sourcesContent: false, sourcefile: filename };
}
module.exports = { transformOptions };

process.setSourceMapsEnabled(true);
Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  const relative = root ? path.relative(root, filename) : '';
  let code;
  if (root && out && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    try {
      code = fs.readFileSync(path.join(out, relative.slice(0, -3) + '.js'), 'utf8');
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  code ??= require('esbuild').transformSync(fs.readFileSync(filename, 'utf8'), transformOptions(filename)).code;
  module._compile(code, filename);
};
