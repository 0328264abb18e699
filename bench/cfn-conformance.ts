// Compares Slipway's template findings with cfn-lint 1.51.5's, per corpus:
// - cfn-lint's own test templates (corpus/cfn-lint: templates/{good,bad}, expected/{good,bad}):
//   on good/, templates where Slipway reports an error but cfn-lint reports none (target 0);
//   on bad/, the share of cfn-lint's error lines (file, line, rule family) Slipway also flags
//   (target 95%).
// - real templates nobody tuned against (corpus/real-templates: templates/, expected/):
//   templates with a Slipway-only error (an error on a line where cfn-lint reports no error
//   of the same rule family; target 0 unexplained) and the share of cfn-lint's error lines
//   found (target 90%).
// Both print the figures per rule family. `--verbose` lists every miss as well as every
// Slipway-only error. Run: node bench/bundled.mjs bench/cfn-conformance.ts [--verbose]
// (`SLIPWAY_CORPUS` points at another corpus with the same layout).
import * as fs from 'node:fs';
import * as path from 'node:path';
// As the CLI and the language server: plug-ins (pipeline action providers) and every check.
import '../runtime/plugins';
import { validateText } from '../runtime/validate';
import { parseDocument } from '../runtime/common/yaml/document';
import { templateModel } from '../runtime/template/model';
import { tuneOptimizingCompiler } from '../runtime/common/compiler-budget';
import { corpusDir } from './corpus';

// As `slipway validate` (the CLI) starts.
tuneOptimizingCompiler('one-shot');

const verbose = process.argv.includes('--verbose');

interface CfnLintFinding {
  Level: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
  Message: string;
}

interface Result {
  rel: string;
  expected: CfnLintFinding[];
  crashes: number;
  ours: { line: number; code: string; message: string }[];
  /** First and last line (1-based) of each resource, for findings placed by resource id. */
  resourceLines: Map<string, [number, number]>;
}

/**
 * cfn-lint reports an error of the SAM translator at line 1 (the translator keeps no
 * positions) and names the resource: "Resource with id [X] is invalid". Such a finding is
 * found when Slipway reports an error of the same family inside resource X.
 */
const TRANSFORM_RESOURCE = /^Error transforming template: Resource with id \[([A-Za-z0-9]+)\]/;

const FAMILIES: Record<string, string> = {
  E0: 'template/syntax',
  E1: 'intrinsic functions',
  E2: 'parameters',
  E3: 'resources',
  E4: 'metadata',
  E5: 'modules',
  E6: 'outputs',
  E7: 'mappings',
  E8: 'conditions',
};
const familyOf = (code: string) => code.slice(0, 2);
const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function listTemplates(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Time spent in validateText alone, summed over the templates of one corpus. */
const validation = { wall: 0, cpu: 0 };

function analyse(templatesDir: string, expectedDir: string): Result[] {
  return listTemplates(templatesDir).map((file) => {
    const rel = path.relative(templatesDir, file);
    const expectedFile = path.join(expectedDir, rel + '.json');
    // Every template has cfn-lint's findings beside it; a missing file is a broken corpus, not "no findings".
    const expected: CfnLintFinding[] = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
    const text = fs.readFileSync(file, 'utf8');
    // Only the validation is timed: reading the corpus and cfn-lint's findings is the bench's own work.
    const started = performance.now();
    const before = process.cpuUsage();
    const { diagnostics } = validateText(file, text, 'template');
    const used = process.cpuUsage(before);
    validation.wall += performance.now() - started;
    validation.cpu += (used.user + used.system) / 1000;
    const ours = diagnostics.filter((d) => d.severity === 'error').map((d) => ({ line: d.range.start.line + 1, code: d.code ?? '', message: d.message }));
    const errors = expected.filter((f) => f.Level === 'Error');
    const resourceLines = new Map<string, [number, number]>();
    if (errors.some((f) => TRANSFORM_RESOURCE.test(f.Message))) {
      for (const [id, resource] of templateModel(parseDocument(file, text)).resources) resourceLines.set(id, [resource.range.start.line + 1, resource.range.end.line + 1]);
    }
    // E0002 is cfn-lint reporting its own crash ("Unknown exception while processing rule"), not a finding.
    const crashes = errors.filter((f) => f.Rule.Id === 'E0002');
    return { rel, expected: errors.filter((f) => f.Rule.Id !== 'E0002'), crashes: crashes.length, ours, resourceLines };
  });
}

/** Our errors on a line where cfn-lint reports no error of the same family. */
function slipwayOnly(r: Result) {
  const theirs = new Set(r.expected.map((f) => `${f.Location.Start.LineNumber}:${familyOf(f.Rule.Id)}`));
  return r.ours.filter((d) => !theirs.has(`${d.line}:${familyOf(d.code)}`));
}

interface Recall {
  byFamily: Map<string, { lines: number; found: number }>;
  lines: number;
  found: number;
  anyRule: number;
  /** Of `found`, the transform errors found inside the resource they name (see TRANSFORM_RESOURCE). */
  byResource: number;
}

/** Whether Slipway reports an error of the family inside the resource a line-1 transform error names. */
function foundInNamedResource(r: Result, f: CfnLintFinding): boolean {
  const id = TRANSFORM_RESOURCE.exec(f.Message)?.[1];
  const lines = id === undefined ? undefined : r.resourceLines.get(id);
  return !!lines && r.ours.some((d) => familyOf(d.code) === familyOf(f.Rule.Id) && d.line >= lines[0] && d.line <= lines[1]);
}

function recall(results: Result[], label: string): Recall {
  const byFamily = new Map<string, { lines: number; found: number }>();
  let lines = 0;
  let found = 0;
  let anyRule = 0;
  let byResource = 0;
  for (const r of results) {
    const ourLines = new Set(r.ours.map((d) => `${d.line}:${familyOf(d.code)}`));
    const ourAny = new Set(r.ours.map((d) => d.line));
    const keys = new Map<string, CfnLintFinding>();
    for (const f of r.expected) keys.set(`${f.Location.Start.LineNumber}:${familyOf(f.Rule.Id)}`, f);
    for (const [key, f] of keys) {
      const family = key.split(':')[1];
      const total = byFamily.get(family) ?? { lines: 0, found: 0 };
      total.lines++;
      lines++;
      if (ourAny.has(f.Location.Start.LineNumber)) anyRule++;
      const inResource = !ourLines.has(key) && f.Location.Start.LineNumber === 1 && foundInNamedResource(r, f);
      if (inResource) byResource++;
      if (ourLines.has(key) || inResource) {
        total.found++;
        found++;
      } else if (verbose) {
        console.log(`MISS ${label}${r.rel}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message.split('\n')[0].slice(0, 140)}`);
      }
      byFamily.set(family, total);
    }
  }
  return { byFamily, lines, found, anyRule, byResource };
}

function printOnly(results: Result[], label: string): number {
  let count = 0;
  for (const r of results) {
    const only = slipwayOnly(r);
    if (!only.length) continue;
    count++;
    console.log(`  ${label}${r.rel}: ${only.map((d) => `${d.line} ${d.code}${verbose ? ` ${d.message.slice(0, 120)}` : ''}`).join('; ')}`);
  }
  return count;
}

function printFamilies(rows: Map<string, { only: number; lines: number; found: number }>) {
  console.log('  family                     Slipway-only-error templates   cfn-lint error lines found');
  for (const family of [...rows.keys()].sort()) {
    const t = rows.get(family)!;
    const label = `${family} ${FAMILIES[family] ?? ''}`.padEnd(26);
    console.log(`  ${label} ${String(t.only).padStart(5)}                          ${String(t.found).padStart(4)}/${String(t.lines).padEnd(4)} ${pct(t.found, t.lines)}`);
  }
}

function familyRows(results: Result[], r: Recall) {
  const rows = new Map<string, { only: number; lines: number; found: number }>();
  for (const [family, t] of r.byFamily) rows.set(family, { only: 0, ...t });
  for (const res of results) {
    for (const family of new Set(slipwayOnly(res).map((d) => familyOf(d.code)))) {
      const row = rows.get(family) ?? { only: 0, lines: 0, found: 0 };
      row.only++;
      rows.set(family, row);
    }
  }
  return rows;
}

function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  validation.wall = validation.cpu = 0;
  const value = fn();
  return { value, ...validation };
}

// cfn-lint's test set.
const lintCorpus = corpusDir('cfn-lint');
const lint = timed(() => ({
  good: analyse(path.join(lintCorpus, 'templates', 'good'), path.join(lintCorpus, 'expected', 'good')),
  bad: analyse(path.join(lintCorpus, 'templates', 'bad'), path.join(lintCorpus, 'expected', 'bad')),
}));
const { good, bad } = lint.value;
console.log(`== cfn-lint test set: ${lintCorpus}`);
console.log(`templates: ${good.length} good, ${bad.length} bad; validated in ${lint.wall.toFixed(0)} ms wall, ${lint.cpu.toFixed(0)} ms CPU (one process, spec load included; cfn-lint: ~27 s)`);
const falseTemplates = good.filter((r) => r.ours.length && r.expected.length === 0);
for (const r of falseTemplates) console.log(`  FALSE good/${r.rel}: ${r.ours.map((d) => `${d.line} ${d.code}`).join('; ')}`);
const badRecall = recall(bad, 'bad/');
console.log('Slipway-only errors, bad/ (lines where cfn-lint reports no error of that family):');
const badOnly = printOnly(bad, 'bad/');
const goodOnly = printOnly(good.filter((r) => r.expected.length), 'good/');
printFamilies(familyRows([...good, ...bad], badRecall));
console.log(`good/: ${falseTemplates.length} of ${good.filter((r) => r.expected.length === 0).length} templates cfn-lint passes get an error from Slipway`);
const crashes = bad.reduce((sum, r) => sum + r.crashes, 0);
if (crashes) console.log(`bad/: ${crashes} cfn-lint E0002 line(s) left out: they report cfn-lint crashing inside a rule, not a finding in the template`);
console.log(`bad/: ${badRecall.found}/${badRecall.lines} cfn-lint error lines flagged in the same rule family (${pct(badRecall.found, badRecall.lines).trim()}; ${badRecall.byResource} of them transform errors cfn-lint puts at line 1, found in the resource they name; ${badRecall.found - badRecall.byResource}/${badRecall.lines} = ${pct(badRecall.found - badRecall.byResource, badRecall.lines).trim()} without them); ${badRecall.anyRule}/${badRecall.lines} (${pct(badRecall.anyRule, badRecall.lines).trim()}) by any rule; ${badOnly + goodOnly} template(s) with a Slipway-only error`);

// Real templates.
const realCorpus = corpusDir('real-templates');
const real = timed(() => analyse(path.join(realCorpus, 'templates'), path.join(realCorpus, 'expected')));
console.log('');
console.log(`== real templates: ${realCorpus}`);
console.log(`templates: ${real.value.length}; validated in ${real.wall.toFixed(0)} ms wall, ${real.cpu.toFixed(0)} ms CPU`);
const realRecall = recall(real.value, '');
console.log('Slipway-only errors (template: line rule):');
const realOnly = printOnly(real.value, '');
printFamilies(familyRows(real.value, realRecall));
const onlyLines = real.value.reduce((sum, r) => sum + new Set(slipwayOnly(r).map((d) => d.line)).size, 0);
console.log(`real: ${realOnly} of ${real.value.length} templates with a Slipway-only error (${onlyLines} lines); ${realRecall.found}/${realRecall.lines} cfn-lint error lines flagged in the same rule family (${pct(realRecall.found, realRecall.lines).trim()}); ${realRecall.anyRule}/${realRecall.lines} (${pct(realRecall.anyRule, realRecall.lines).trim()}) by any rule`);
console.log(`both corpora (${good.length + bad.length + real.value.length} templates) in ${(lint.wall + real.wall).toFixed(0)} ms wall, ${(lint.cpu + real.cpu).toFixed(0)} ms CPU`);
