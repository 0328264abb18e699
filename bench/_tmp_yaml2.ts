import * as fs from 'node:fs';
import * as YAML from 'yaml';
const t = fs.readFileSync(process.argv[2], 'utf8');
const lines = t.split('\n');
// bisect: time parsing the first n lines
for (const n of [50, 100, 200, 300, 400, 469]) {
  const part = lines.slice(0, n).join('\n');
  const c = process.cpuUsage();
  for (let i = 0; i < 3; i++) YAML.parseDocument(part, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false, strict: false });
  const u = process.cpuUsage(c);
  console.log(n, ((u.user + u.system) / 3000).toFixed(1));
}
const c = process.cpuUsage();
YAML.parseDocument(t, { uniqueKeys: false, strict: false });
console.log('default opts', (process.cpuUsage(c).user / 1000).toFixed(1));
