// package.json's `contributes` is generated from contributes/*.json: each area keeps its
// own fragment (commands, menus, views welcome, settings…), so parallel work on separate
// areas never edits the same lines. Arrays concatenate; objects merge; base.json first.
import * as fs from 'node:fs';
import * as path from 'node:path';

function merge(target, source, where) {
  for (const [key, value] of Object.entries(source)) {
    if (Array.isArray(value)) target[key] = [...(target[key] ?? []), ...value];
    else if (value && typeof value === 'object') target[key] = merge(target[key] ?? {}, value, `${where}.${key}`);
    else if (key in target && target[key] !== value) throw new Error(`contributes: ${where}.${key} is set twice`);
    else target[key] = value;
  }
  return target;
}

export function mergedContributes(dir = 'contributes') {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort((a, b) => (a === 'base.json' ? -1 : b === 'base.json' ? 1 : a.localeCompare(b)));
  const result = {};
  for (const file of files) merge(result, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), file);
  // A view's welcome entries keep a stable order: the fragment order, then by view.
  return result;
}

export default async function () {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const contributes = mergedContributes();
  const before = JSON.stringify(pkg.contributes);
  if (before !== JSON.stringify(contributes)) {
    pkg.contributes = contributes;
    fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
    console.log('package.json: contributes regenerated from contributes/*.json');
  }
}
