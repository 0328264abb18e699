// Starts the language server (dist/server-main.js) through V8's code cache: compiling the
// ~0.5 MB bundle is a fifth of the server's start, and every editor window starts one. The
// first start compiles as usual and saves the cache once the server has answered its first
// requests (so the functions it ran are in it); later starts load it. A stale or foreign
// cache is rejected by V8 and simply rebuilt. The cache lives in the user's own cache folder,
// mode 0700 and checked to be theirs (code-cache.ts; `$SLIPWAY_CODE_CACHE` names another
// folder, `off` turns it off). Only Node built-ins
// here: this file is the whole of dist/server.js.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { tuneOptimizingCompiler } from '../runtime/common/compiler-budget';
import { cacheFileName, codeCacheFolder, readCodeCache, writeCodeCache } from './code-cache';

const MAIN = path.join(__dirname, 'server-main.js');
/** Long enough for the first documents to be analysed, so their code is compiled. */
const SAVE_AFTER_MS = 1500;

// Before the script is compiled: V8 keys its code cache to the flags in force.
tuneOptimizingCompiler('interactive');
const source = fs.readFileSync(MAIN, 'utf8');
const folder = codeCacheFolder();
const file = folder === undefined ? undefined : cacheFileName(folder, source);
const cachedData = file === undefined ? undefined : readCodeCache(file);
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: MAIN, cachedData });
const main = { exports: {} as unknown };
(script.runInThisContext() as (...args: unknown[]) => void)(main.exports, createRequire(MAIN), main, MAIN, __dirname);
if (file && (!cachedData || script.cachedDataRejected)) setTimeout(() => writeCodeCache(file, script.createCachedData()), SAVE_AFTER_MS).unref();
