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
 * 960–1,140 / 1,110–1,230 ms; with a 256 KB tier-up budget too 1,060–1,110 / 520–540 ms, with
 * 512 KB 770–890 / 250–290 ms (the bench's figure: 1,170–1,310 ms against 1,380–1,470 ms with
 * 256 KB). A single 90 KB or 10,000-resource template through the CLI takes as long either way.
 *
 * The tier-up budget suits a process that analyses its templates once (the CLI); it slows a
 * process that analyses the same code paths on every keystroke (the language server) until
 * they are compiled: in bench/cfn-speed.ts, 3 runs each, warm 90 KB p50 63–73 ms with it,
 * 48–56 ms without; keystroke p50 39–60 ms, 28–36 ms without. The server takes the inlining
 * budget only, which leaves those figures as they were.
 */

/** Bytes of bytecode inlined into one optimized function, all callees together (V8: 920). */
export const INLINED_BYTECODE_BUDGET = 200;
/** Bytecode budget a function spends before it is considered for optimization (V8: 66 KB). */
export const TIER_UP_BUDGET = 512 * 1024;

/**
 * Applies the budgets to this process: `one-shot` for a process that analyses its input once
 * and exits (the CLI), `interactive` for one that analyses on every edit (the language
 * server). Called first by those processes and by the benches that measure them; never from
 * library code, which may run inside another program's process (VS Code's extension host).
 */
export function tuneOptimizingCompiler(use: 'one-shot' | 'interactive'): void {
  v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`);
  if (use === 'one-shot') v8.setFlagsFromString(`--interrupt-budget=${TIER_UP_BUDGET}`);
}
