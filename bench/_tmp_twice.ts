import * as fs from 'node:fs';
import * as path from 'node:path';
import '../runtime/checks';
import { validateText } from '../runtime/validate';
import { parseDocument } from '../runtime/common/yaml/document';
const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
const files = [...walk('test/fixtures/corpus/cfn-lint/templates'), ...walk('test/fixtures/corpus/real-templates/templates')].map((f) => [f, fs.readFileSync(f, 'utf8')] as const);
for (let pass = 0; pass < 4; pass++) {
  const c0 = process.cpuUsage();
  for (const [f, t] of files) validateText(f, t, 'template');
  const c1 = process.cpuUsage(c0);
  const p0 = process.cpuUsage();
  for (const [f, t] of files) parseDocument(f, t);
  const p1 = process.cpuUsage(p0);
  console.log(`pass ${pass}: validate ${((c1.user + c1.system) / 1000).toFixed(0)} ms CPU; parse only ${((p1.user + p1.system) / 1000).toFixed(0)} ms`);
}
