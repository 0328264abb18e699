// Runs one of Slipway's bundled entry points through V8's code cache (the small bootstraps
// dist/server.js, dist/cli.js and dist/hook.js call it): compiling a bundle is a large part of
// a short process's start, and hooks run twice on every push. The first start compiles as
// usual and saves the cache, with the functions it ran, once it has worked for a while or when
// it exits, whichever comes first; later starts load it. A stale or foreign cache is rejected
// by V8 and simply rebuilt. Where the cache lives and why it is safe to load: code-cache.ts.
// Only Node built-ins here.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { cacheFileName, codeCacheFolder, readCodeCache, writeCodeCache } from './code-cache';

/**
 * Loads and runs `main` (a CommonJS bundle) as node would, from the cache of entry point
 * `name` when there is a usable one. V8 keys its cache to the flags in force: set any V8
 * flags before calling this. A process that runs longer than `saveAfterMs` (a server, a
 * hook delivering triggers) saves its cache then; a short one when it exits.
 */
export function startCached(main: string, name: string, saveAfterMs = 1500): void {
  const source = fs.readFileSync(main, 'utf8');
  const folder = codeCacheFolder();
  const file = folder === undefined ? undefined : cacheFileName(folder, name, source);
  const cachedData = file === undefined ? undefined : readCodeCache(file);
  // A bundle's `#!` line is valid only at the very start of a script, not inside the wrapper.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${body}\n})`, {
    filename: main,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (file && (!cachedData || script.cachedDataRejected)) {
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      writeCodeCache(file, script.createCachedData());
    };
    setTimeout(save, saveAfterMs).unref();
    process.once('exit', save);
  }
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(main), module, main, path.dirname(main));
}
