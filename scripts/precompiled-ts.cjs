// Loads the project's TypeScript from the JavaScript scripts/precompile-ts.mjs wrote for this
// test run (SLIPWAY_TS_OUT), so a test process does no transform, hashing or lexing of its own.
// `node --require ./scripts/precompiled-ts.cjs`: scripts/run-tests.mjs passes it to every test
// file's process, and node passes it on to the processes those start.
//
// Why not tsx's require hook: it hashes and lexes every file and resolves through its own
// chain even when its cache holds the result; requiring runtime/cli/main.ts cost 0.9 s of CPU
// through it against 0.6 s here (bench/test-cpu.mjs --command), and a unit run loads the runtime
// ~190 times: the unit layer took 296 core-seconds against 358 through tsx.
//
// A .ts file the run did not precompile (written by a test, or outside the repository) is
// transformed here by esbuild, as tsx would.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformOptions } = require('./ts-transform.cjs');

// A process started with this hook but without the run's variables (a test that clears the
// environment) transforms every file itself.
const root = process.env.SLIPWAY_TS_ROOT;
const out = process.env.SLIPWAY_TS_OUT;

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
