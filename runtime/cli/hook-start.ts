// dist/hook.js, what hosted repositories' hooks run (runtime/repos/hooks.ts installs them):
// starts dist/hook-main.js through V8's code cache (runtime/common/start-cached.ts), since a
// hook runs twice on every push.
import * as path from 'node:path';
import { startCached } from '../common/start-cached';

startCached(path.join(__dirname, 'hook-main.js'), 'hook');
