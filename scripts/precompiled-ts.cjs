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

function loadTypeScript(module, filename) {
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
}

// V8's code cache, shared by the run's processes: a unit run loads the runtime and its
// dependencies once per test file (~185 processes). Requiring runtime/cli/main.ts took 545 ms
// of CPU without it and 471 ms with it (bench/test-loader.mjs: the fastest of 15 interleaved
// loads; medians 644 and 541 ms, on the 2-core machine while slow). The first process to compile a
// file saves V8's code for it when it exits, with the functions it ran; later ones load it,
// and V8 rejects (and this recompiles) a cache made under other flags. The cache is in the
// run's own folder (SLIPWAY_TS_OUT), which scripts/test-env.mjs removes, so no other run's or
// user's code is ever loaded. Only the repository's files (its node_modules included).
const crypto = require('node:crypto');
const vm = require('node:vm');
const { SourceMap } = require('node:module');

// SLIPWAY_TS_CODE_CACHE=off compiles every file afresh (bench/test-loader.mjs compares the two).
const cacheFolder = root && out && process.env.SLIPWAY_TS_CODE_CACHE !== 'off' ? path.join(out, '.code-cache') : undefined;
const compileWithoutCache = Module.prototype._compile;
/** The scripts this process compiled without a usable cache: saved when it exits. */
const toSave = [];
/** The inline source map of each file compiled here, parsed only when a stack names the file. */
const sourceMaps = new Map();
const WRAPPER_PREFIX = Module.wrap('').indexOf('{') + 1;

function cacheFile(filename, content) {
  return path.join(cacheFolder, `${crypto.createHash('sha1').update(filename).update('\0').update(content).digest('hex')}.bin`);
}

Module.prototype._compile = function compileWithCache(content, filename) {
  const cached = cacheFolder !== undefined && filename.startsWith(root + path.sep);
  const mapAt = content.lastIndexOf('\n//# sourceMappingURL=data:application/json;base64,');
  if (mapAt >= 0) sourceMaps.set(filename, { base64: content.slice(content.indexOf(',', mapAt) + 1).trim(), wrapped: cached });
  if (!cached) return compileWithoutCache.call(this, content, filename);
  const file = cacheFile(filename, content);
  let cachedData;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  // A shebang line is only valid at the very start of a script, not inside the module wrapper.
  const body = content.startsWith('#!') ? `//${content.slice(2)}` : content;
  const script = new vm.Script(Module.wrap(body), { filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  if (!cachedData || script.cachedDataRejected) toSave.push({ file, script });
  return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
};

/** What Module.prototype._compile hands a module as `require`. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

process.once('exit', () => {
  if (toSave.length === 0) return;
  try {
    fs.mkdirSync(cacheFolder, { recursive: true });
    for (const { file, script } of toSave) {
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, file);
    }
  } catch {
    // A cache not written only costs the next process its compile time.
  }
});

// Stack traces name the .ts lines, as node's --enable-source-maps does for what it compiles
// itself: a script compiled here is not in node's source-map cache, so the frames in files
// with a map are mapped here, when a stack is first read.
const parsedMaps = new Map();
function sourceMapOf(filename) {
  if (!parsedMaps.has(filename)) {
    let map;
    try {
      map = new SourceMap(JSON.parse(Buffer.from(sourceMaps.get(filename).base64, 'base64').toString('utf8')));
    } catch {
      map = undefined;
    }
    parsedMaps.set(filename, map);
  }
  return parsedMaps.get(filename);
}

function frame(site) {
  const text = String(site);
  const filename = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!filename || !line || !column || !sourceMaps.has(filename)) return text;
  // Line 1 of a script compiled here starts with the module wrapper's text.
  const shift = line === 1 && sourceMaps.get(filename).wrapped ? WRAPPER_PREFIX : 0;
  const entry = sourceMapOf(filename)?.findEntry(line - 1, column - shift - 1);
  if (!entry || entry.originalLine === undefined) return text;
  return text.replace(`${filename}:${line}:${column}`, `${filename}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}

// Node tries the extensions in the order they were added: the project's modules are .ts,
// so .ts first saves three failed lookups an import (`./x` is not x.js, x.json or x.node).
{
  const others = Object.entries(Module._extensions).filter(([extension]) => extension !== '.ts');
  for (const [extension] of others) delete Module._extensions[extension];
  Module._extensions['.ts'] = loadTypeScript;
  for (const [extension, load] of others) Module._extensions[extension] = load;
}

Error.prepareStackTrace = (error, sites) => {
  let header;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = '<error>';
  }
  return header + sites.map((site) => `\n    at ${frame(site)}`).join('');
};
