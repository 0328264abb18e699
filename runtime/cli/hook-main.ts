// The hook process hosted repositories' hooks run (bundled as dist/hook-main.js, which
// dist/hook.js, hook-start.ts, starts; runtime/repos/hooks.ts installs the hooks): only what a
// hook needs, since a hook runs twice on every push and this starts in about half the CPU of
// the whole CLI. It reports as `slipway repo hook …` does: the same
// messages and exit codes.
import { runReporting } from './context';
import { runHook } from './hook';
import { runAsProcess } from './terminal';

runAsProcess((argv, io) => runReporting('repo', io, () => runHook(argv, io)));
