// Starts the language server (dist/server-main.js) through V8's code cache: compiling the
// ~0.5 MB bundle is a fifth of the server's start, and every editor window starts one. The
// first start compiles as usual and saves the cache once the server has answered its first
// requests (so the functions it ran are in it); later starts load it. A stale or foreign
// cache is rejected by V8 and simply rebuilt. The cache lives in the system's temp folder
// (`$SLIPWAY_CODE_CACHE` names another folder; `off` turns it off). Only Node built-ins
// here: this file is the whole of dist/server.js.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const MAIN = path.join(__dirname, 'server-main.js');
/** Long enough for the first documents to be analysed, so their code is compiled. */
const SAVE_AFTER_MS = 1500;

function cacheFile(source: string): string | undefined {
  const folder = process.env.SLIPWAY_CODE_CACHE || path.join(os.tmpdir(), 'slipway-code-cache');
  if (folder === 'off') return undefined;
  const key = crypto.createHash('sha256').update(process.version).update(process.arch).update(source).digest('hex').slice(0, 24);
  return path.join(folder, `server-${key}.bin`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function saveCache(script: vm.Script, file: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, file);
    // Caches of other builds of the server are of no more use.
    for (const other of fs.readdirSync(path.dirname(file))) {
      if (/^server-[0-9a-f]+\.bin$/.test(other) && other !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), other), { force: true });
    }
  } catch {
    // A read-only or full temp folder only costs the next start its compile time.
  }
}

const source = fs.readFileSync(MAIN, 'utf8');
const file = cacheFile(source);
const cachedData = readCache(file);
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: MAIN, cachedData });
const main = { exports: {} as unknown };
(script.runInThisContext() as (...args: unknown[]) => void)(main.exports, createRequire(MAIN), main, MAIN, __dirname);
if (file && (!cachedData || script.cachedDataRejected)) setTimeout(() => saveCache(script, file), SAVE_AFTER_MS).unref();
