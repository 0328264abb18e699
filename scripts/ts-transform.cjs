// esbuild's options for turning one of the project's .ts files into CommonJS, shared by
// scripts/precompile-ts.mjs (the whole project, once per test run) and scripts/precompiled-ts.cjs
// (a file the run did not precompile): the project's tsconfig (class fields, interop), and an
// inline source map naming the .ts file by its absolute path, so stack traces point at it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

let tsconfigRaw;
function transformOptions(filename) {
  tsconfigRaw ??= JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tsconfig.json'), 'utf8'));
  return { tsconfigRaw, loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'inline', sourcesContent: false, sourcefile: filename };
}

module.exports = { transformOptions };
