// Compares Slipway's template findings with cfn-lint's on cfn-lint's own test templates
// (test/fixtures/corpus/cfn-lint): on good/, templates where Slipway reports an error but
// cfn-lint reports none (target 0); on bad/, the share of cfn-lint's error lines (file,
// line, rule family) Slipway also flags (target 90%). `--verbose` lists every miss.
// Run: node --import tsx bench/cfn-conformance.ts [corpus-dir] [--verbose]
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../runtime/checks';
import { validateText } from '../runtime/validate';
import { corpusDir } from './corpus';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const corpus = path.resolve(args.find((a) => !a.startsWith('--')) ?? corpusDir('cfn-lint'));

interface CfnLintFinding {
  Level: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
  Message: string;
}

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

function analyse(kind: 'good' | 'bad') {
  const templates = listTemplates(path.join(corpus, 'templates', kind));
  const results = templates.map((file) => {
    const rel = path.relative(path.join(corpus, 'templates', kind), file);
    const expectedFile = path.join(corpus, 'expected', kind, rel + '.json');
    // Every template has cfn-lint's findings beside it; a missing file is a broken corpus, not "no findings".
    const expected: CfnLintFinding[] = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
    const text = fs.readFileSync(file, 'utf8');
    const { diagnostics } = validateText(file, text, 'template');
    const ours = diagnostics.filter((d) => d.severity === 'error');
    const errors = expected.filter((f) => f.Level === 'Error');
    // E0002 is cfn-lint reporting its own crash ("Unknown exception while processing rule"), not a finding.
    const crashes = errors.filter((f) => f.Rule.Id === 'E0002');
    return { rel, expected: errors.filter((f) => f.Rule.Id !== 'E0002'), crashes: crashes.length, ours };
  });
  return results;
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const good = analyse('good');
const bad = analyse('bad');
const elapsed = performance.now() - started;
const cpuUsed = process.cpuUsage(cpuBefore);
const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;

// good/: false errors.
const falseTemplates: string[] = [];
const falseByFamily = new Map<string, Set<string>>();
for (const r of good) {
  const theirFamilies = new Set(r.expected.map((f) => familyOf(f.Rule.Id)));
  if (r.ours.length && r.expected.length === 0) falseTemplates.push(r.rel);
  for (const d of r.ours) {
    const family = familyOf(d.code);
    if (theirFamilies.has(family)) continue;
    if (!falseByFamily.has(family)) falseByFamily.set(family, new Set());
    falseByFamily.get(family)!.add(r.rel);
    if (verbose) console.log(`FALSE good/${r.rel}:${d.range.start.line + 1} ${d.code} ${d.message}`);
  }
}

// bad/: recall of cfn-lint's error lines.
const totals = new Map<string, { lines: number; found: number }>();
let lines = 0;
let found = 0;
let anyRule = 0;
for (const r of bad) {
  const ourLines = new Set(r.ours.map((d) => `${d.range.start.line + 1}:${familyOf(d.code)}`));
  const ourAny = new Set(r.ours.map((d) => d.range.start.line + 1));
  const keys = new Map<string, CfnLintFinding>();
  for (const f of r.expected) keys.set(`${f.Location.Start.LineNumber}:${familyOf(f.Rule.Id)}`, f);
  for (const [key, f] of keys) {
    const family = key.split(':')[1];
    const total = totals.get(family) ?? { lines: 0, found: 0 };
    total.lines++;
    lines++;
    if (ourAny.has(f.Location.Start.LineNumber)) anyRule++;
    if (ourLines.has(key)) {
      total.found++;
      found++;
    } else if (verbose) {
      console.log(`MISS bad/${r.rel}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message.split('\n')[0].slice(0, 140)}`);
    }
    totals.set(family, total);
  }
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
console.log(`cfn-lint corpus: ${corpus}`);
console.log(`templates: ${good.length} good, ${bad.length} bad; validated in ${elapsed.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (one process, spec load included; cfn-lint: ~27 s)`);
console.log('');
console.log('family                     good: templates with false errors   bad: cfn-lint error lines found');
const families = [...new Set([...totals.keys(), ...falseByFamily.keys()])].sort();
for (const family of families) {
  const t = totals.get(family) ?? { lines: 0, found: 0 };
  const label = `${family} ${FAMILIES[family] ?? ''}`.padEnd(26);
  console.log(`${label} ${String(falseByFamily.get(family)?.size ?? 0).padStart(5)}                              ${String(t.found).padStart(4)}/${String(t.lines).padEnd(4)} ${pct(t.found, t.lines)}`);
}
console.log('');
console.log(`good/: ${falseTemplates.length} of ${good.filter((r) => r.expected.length === 0).length} templates cfn-lint passes get an error from Slipway${falseTemplates.length ? ': ' + falseTemplates.join(', ') : ''}`);
const crashes = bad.reduce((sum, r) => sum + r.crashes, 0);
if (crashes) console.log(`bad/: ${crashes} cfn-lint E0002 line(s) left out: they report cfn-lint crashing inside a rule, not a finding in the template`);
console.log(`bad/: ${found}/${lines} cfn-lint error lines flagged in the same rule family (${pct(found, lines).trim()}); ${anyRule}/${lines} (${pct(anyRule, lines).trim()}) by any rule`);
