// Validates the shared corpus of buildspecs, AppSpec files and pipelines and prints,
// per folder, how many files are clean, how many carry errors (and whether exactly the
// known-broken ones do), plus the time per file (after a warm-up pass) and the largest file's time.
import * as fs from 'node:fs';
import '../runtime/checks';
import { validateText } from '../runtime/validate';
import { corpusFiles, corpusRoot, isMeasured, KNOWN_BROKEN } from './lang-corpus-data';

const root = corpusRoot();
const files = corpusFiles(root);
// One untimed pass first, so the figures are for a warmed-up process (as in the language server).
for (const entry of files) validateText(entry.file, fs.readFileSync(entry.file, 'utf8'), entry.kind);
const rows = new Map<string, { files: number; clean: number; withErrors: number; expectedBroken: number; unexpected: string[]; missed: string[]; warnings: number; templateErrors: number; ms: number }>();
for (const entry of files) {
  const row = rows.get(entry.folder) ?? { files: 0, clean: 0, withErrors: 0, expectedBroken: 0, unexpected: [], missed: [], warnings: 0, templateErrors: 0, ms: 0 };
  const text = fs.readFileSync(entry.file, 'utf8');
  const started = process.hrtime.bigint();
  const all = validateText(entry.file, text, entry.kind).diagnostics;
  const diagnostics = all.filter((d) => isMeasured(d.code, entry.kind));
  row.templateErrors += all.filter((d) => d.severity === 'error' && !isMeasured(d.code, entry.kind)).length;
  row.ms += Number(process.hrtime.bigint() - started) / 1e6;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  row.files++;
  row.warnings += diagnostics.length - errors;
  const broken = entry.name in KNOWN_BROKEN;
  if (broken) row.expectedBroken++;
  if (errors > 0) row.withErrors++;
  else row.clean++;
  if (errors > 0 && !broken) row.unexpected.push(entry.name);
  if (errors === 0 && broken) row.missed.push(entry.name);
  rows.set(entry.folder, row);
}
console.log(`corpus: ${root}`);
const largest = files.reduce((a, b) => (fs.statSync(a.file).size >= fs.statSync(b.file).size ? a : b));
const largestText = fs.readFileSync(largest.file, 'utf8');
const runs = 20;
const began = process.hrtime.bigint();
for (let i = 0; i < runs; i++) validateText(largest.file, largestText, largest.kind);
console.log(`largest file: ${largest.name} (${(largestText.length / 1024).toFixed(0)} KB, ${largestText.split('\n').length} lines): ${(Number(process.hrtime.bigint() - began) / 1e6 / runs).toFixed(1)} ms per validation`);
console.log('folder      files  clean  with-errors  known-broken  unexpected  missed  warnings/info  ms/file');
for (const [folder, r] of rows) {
  console.log(`${folder.padEnd(10)} ${String(r.files).padStart(6)} ${String(r.clean).padStart(6)} ${String(r.withErrors).padStart(12)} ${String(r.expectedBroken).padStart(13)} ${String(r.unexpected.length).padStart(11)} ${String(r.missed.length).padStart(7)} ${String(r.warnings).padStart(14)} ${(r.ms / r.files).toFixed(2).padStart(8)}`);
  for (const name of r.unexpected) console.log(`  unexpected errors: ${name}`);
  for (const name of r.missed) console.log(`  known-broken but clean: ${name}`);
  if (r.templateErrors) console.log(`  (not counted: ${r.templateErrors} errors of the CloudFormation template checks in these templates)`);
}
