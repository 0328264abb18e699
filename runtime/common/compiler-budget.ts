import * as v8 from 'node:v8';

/**
 * How many bytes of bytecode V8's optimizing compiler (TurboFan) inlines into one function,
 * all callees together; V8's default is 920. Slipway's analysis is hundreds of small
 * functions (node tests, map lookups, one walk per check) that all become hot within the
 * first templates, and with the default budget TurboFan spends more CPU compiling them on
 * its background threads than the main thread spends running them. Measured with
 * bench/cfn-conformance.ts (both corpora, 374 templates, one process, on a 2-core machine
 * shared with other jobs): main thread 720–860 ms either way; compiler and GC threads
 * 1,210–1,530 ms with 920, 810–930 ms with 200. The warm 90 KB template of bench/cfn-speed.ts
 * is as fast with either (minimum 10.4–10.7 ms of CPU).
 */
export const INLINED_BYTECODE_BUDGET = 200;

/**
 * Applies INLINED_BYTECODE_BUDGET to this process. Called first by the processes that run
 * the analysis (the CLI, the language server) and by the benches that measure it; never
 * from library code, which may run inside another program's process (VS Code's extension host).
 */
export function limitInlining(): void {
  v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`);
}
