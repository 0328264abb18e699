// Where a ~90 KB template's analysis goes: parsing, the model, and each template check
// (median CPU ms over repeated runs, each on a fresh parse, so a check that first builds
// a shared walk carries its cost). Prints figures; asserts nothing.
// Run: node bench/bundled.mjs bench/cfn-checks.ts
import '../runtime/checks';
import { parseDocument } from '../runtime/common/yaml/document';
import { TEMPLATE_CHECKS } from '../runtime/template/checks';
import type { CheckContext } from '../runtime/template/checks/context';
import { templateModel } from '../runtime/template/model';
import { loadSpec } from '../runtime/template/spec';
import { largeTemplate } from './templates';
import { tuneOptimizingCompiler } from '../runtime/common/compiler-budget';

// As the language server starts.
tuneOptimizingCompiler('interactive');

const RUNS = 30;
const text = largeTemplate(48);
const spec = loadSpec();
const times = new Map<string, number[]>();
const record = (label: string, ms: number) => times.set(label, [...(times.get(label) ?? []), ms]);

function cpu(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

for (let run = 0; run < RUNS + 5; run++) {
  let parsed!: ReturnType<typeof parseDocument>;
  const parse = cpu(() => (parsed = parseDocument('big.yaml', text)));
  let model!: ReturnType<typeof templateModel>;
  const build = cpu(() => (model = templateModel(parsed)));
  const context: CheckContext = { model, spec, transformed: false, languageExtensions: false, report: () => undefined };
  const checks = TEMPLATE_CHECKS.map((check) => [check.codes.slice(0, 3).join('/'), cpu(() => check.run(context))] as const);
  if (run < 5) continue; // JIT warm-up
  record('parse', parse);
  record('model', build);
  for (const [label, ms] of checks) record(label, ms);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [...times].map(([label, values]) => [label, median(values)] as const);
const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
console.log(`~${(text.length / 1024).toFixed(0)} KB template, median CPU ms of ${RUNS} runs (sum of medians ${total.toFixed(1)} ms):`);
for (const [label, ms] of rows.sort((a, b) => b[1] - a[1])) if (ms >= 0.05) console.log(`  ${ms.toFixed(2).padStart(7)}  ${label}`);
