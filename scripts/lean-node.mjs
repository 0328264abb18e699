// NODE_OPTIONS for every node process a test layer starts (test files, hooks, CLIs, servers,
// code-server and its extension host): `--v8-pool-size=0` lets node size V8's worker pool from
// the cores (one worker on two cores) instead of its fixed four. Four workers compiling and
// marking beside the main thread on a saturated 2-core machine cost CPU without shortening
// anything: the unit layer took 246 core-seconds with it against 296 without (bench/test-cpu.mjs,
// 185 files, all passing), and a hook start 116 ms against 176 ms of CPU, in the same wall time.
//
// Usage: import { leanNodeOptions } from './lean-node.mjs'; env.NODE_OPTIONS = leanNodeOptions(env.NODE_OPTIONS)

/** `options` with `--v8-pool-size=0` added unless it already names a pool size. */
export function leanNodeOptions(options = '') {
  return /--v8-pool-size\b/.test(options) ? options : `${options} --v8-pool-size=0`.trim();
}
