import * as v8 from 'node:v8';

/*
 * How eagerly V8's optimizing compiler (TurboFan) works for Slipway's analysis: hundreds of
 * small functions (node tests, map lookups, one walk per check), most of which run only a
 * little per template. With V8's defaults TurboFan compiled nearly every one of them within
 * the first templates, inlining up to 920 bytes of callees into each, and spent more CPU on
 * its background threads than the main thread spent running the analysis. Validating both
 * corpora in one process (374 templates, as bench/cfn-conformance.ts does), CPU of the main
 * thread / of V8's compiler and GC threads (from /proc, 3 runs each on a 2-core machine
 * shared with other jobs): V8's defaults 1,040–1,130 / 1,590–1,770 ms; the inlining budget
 * alone 960–1,140 / 1,110–1,230 ms; both settings 1,060–1,110 / 520–540 ms. What is hot still
 * gets compiled: bench/cfn-speed.ts's warm 90 KB template and keystrokes are as fast either way.
 */

/** Bytes of bytecode inlined into one optimized function, all callees together (V8: 920). */
export const INLINED_BYTECODE_BUDGET = 200;
/** Bytecode budget a function spends before it is considered for optimization (V8: 66 KB). */
export const TIER_UP_BUDGET = 256 * 1024;

/**
 * Applies both to this process. Called first by the processes that run the analysis (the
 * CLI, the language server) and by the benches that measure it; never from library code,
 * which may run inside another program's process (VS Code's extension host).
 */
export function tuneOptimizingCompiler(): void {
  v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`);
  v8.setFlagsFromString(`--interrupt-budget=${TIER_UP_BUDGET}`);
}
