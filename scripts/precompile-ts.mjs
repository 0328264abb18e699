// Transforms the project's TypeScript to CommonJS once per test run, for
// scripts/precompiled-ts.cjs to load in every test process. esbuild transforms each file on its
// own, as tsx does (no bundling, same module semantics): each output keeps an inline source map
// naming the .ts file by its absolute path, so stack traces point at the sources.
//
// Usage: import { precompileTypeScript } from './precompile-ts.mjs'
import { transform } from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const { transformOptions } = createRequire(import.meta.url)('./ts-transform.cjs');

const FOLDERS = ['runtime', 'server', 'client', 'protocol', 'webviews', 'test', 'bench', 'scripts'];

/** Writes `<out>/<path>.js` for every `<repo>/<folder>/**.ts`; resolves with the number of files. */
export async function precompileTypeScript(repo, out) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'fixtures') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  for (const folder of FOLDERS) if (fs.existsSync(path.join(repo, folder))) walk(path.join(repo, folder));
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transform(await fs.promises.readFile(file, 'utf8'), transformOptions(file));
      const target = path.join(out, path.relative(repo, file).slice(0, -3) + '.js');
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, code);
    }),
  );
  return files.length;
}
