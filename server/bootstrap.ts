// Starts the language server (dist/server-main.js) through V8's code cache (start-cached.ts):
// compiling the ~0.5 MB bundle is a fifth of the server's start, and every editor window
// starts one. The cache is saved once the server has answered its first requests, so the
// functions it ran are in it. The cache lives in the user's own cache folder, mode 0700 and
// checked to be theirs (code-cache.ts; `$SLIPWAY_CODE_CACHE` names another folder, `off`
// turns it off). Only Node built-ins here: this file is the whole of dist/server.js.
import * as path from 'node:path';
import { tuneOptimizingCompiler } from '../runtime/common/compiler-budget';
import { startCached } from '../runtime/common/start-cached';

/** Long enough for the first documents to be analysed, so their code is compiled. */
const SAVE_AFTER_MS = 1500;

// Before the script is compiled: V8 keys its code cache to the flags in force.
tuneOptimizingCompiler('interactive');
startCached(path.join(__dirname, 'server-main.js'), 'server', SAVE_AFTER_MS);
