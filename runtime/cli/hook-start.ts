// dist/hook.js, what hosted repositories' hooks run (runtime/repos/hooks.ts installs them):
// starts dist/hook-main.js through V8's code cache (runtime/common/start-cached.ts), since a
// hook runs twice on every push.
import * as path from 'node:path';
import { startCached } from '../common/start-cached';

/** A hook's cache is saved when it exits, unless it runs (delivering triggers, say) longer than this. */
const SAVE_AFTER_MS = 1500;

startCached(path.join(__dirname, 'hook-main.js'), 'hook', SAVE_AFTER_MS);
