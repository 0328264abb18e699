import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listFiles } from '../../../runtime/builds/files';
import { build, sandbox, write } from './helpers';

describe('artifacts, cache and reports', () => {
  let box: ReturnType<typeof sandbox>;
  before(() => {
    box = sandbox();
    write(box.src, { 'src/a.js': 'a', 'src/lib/b.js': 'b', 'src/lib/b.test.js': 't', 'README.md': 'r', 'docs/guide.md': 'g', '.hidden/x': 'x' });
  });
  after(() => box.cleanup());

  it('copies files globs relative to base-directory, minus exclude-paths', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nartifacts:\n  base-directory: src\n  files: ["**/*"]\n  exclude-paths: ["**/*.test.js"]\n  name: app\n');
    assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
    assert.equal(path.basename(ran.record.artifacts!.location), 'app');
    assert.deepEqual(listFiles(ran.record.artifacts!.location), ['a.js', 'lib/b.js']);
  });

  it('flattens with discard-paths and writes secondary artifacts', async () => {
    const ran = await build(
      box.store,
      box.src,
      'version: 0.2\nartifacts:\n  files: ["src/**/*.js"]\n  discard-paths: yes\n  secondary-artifacts:\n    docs:\n      files: ["**/*.md"]\n      base-directory: docs\n    dotfiles:\n      files: [".hidden/**/*"]\n',
    );
    assert.deepEqual(listFiles(ran.record.artifacts!.location), ['a.js', 'b.js', 'b.test.js']);
    const docs = ran.record.secondaryArtifacts.find((a) => a.identifier === 'docs')!;
    assert.deepEqual(listFiles(docs.location), ['guide.md']);
    assert.deepEqual(listFiles(ran.record.secondaryArtifacts.find((a) => a.identifier === 'dotfiles')!.location), ['.hidden/x']);
  });

  it('keeps symbolic links with enable-symlinks and zips on request', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nphases:\n  build:\n    commands: ["ln -s a.js src/link.js"]\nartifacts:\n  files: ["src/*"]\n  enable-symlinks: yes\n', { zipArtifacts: true });
    assert.ok(fs.lstatSync(path.join(ran.record.artifacts!.location, 'src/link.js')).isSymbolicLink());
    const listing = spawnSync('unzip', ['-Z1', ran.record.artifacts!.zip!], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    assert.deepEqual(listing.stdout.trim().split('\n').sort(), ['src/a.js', 'src/link.js']);
    const test = spawnSync('unzip', ['-t', ran.record.artifacts!.zip!], { encoding: 'utf8' });
    assert.equal(test.status, 0, test.stdout);
  });

  it('fails UPLOAD_ARTIFACTS when nothing matches, as CodeBuild does', async () => {
    const ran = await build(box.store, box.src, 'version: 0.2\nartifacts:\n  files: ["dist/**/*"]\n');
    assert.equal(ran.record.status, 'FAILED');
    assert.equal(ran.phase('UPLOAD_ARTIFACTS')?.status, 'FAILED');
    assert.match(ran.phase('UPLOAD_ARTIFACTS')!.contexts![0].message, /no matching artifact paths found for dist\/\*\*\/\*/);
  });

  it('saves cache paths and restores them at the next build, with fallback keys', async () => {
    const spec = (key: string) =>
      `version: 0.2\ncache:\n  key: ${key}\n  fallback-keys: [deps-]\n  paths: ["deps/**/*"]\nphases:\n  build:\n    commands:\n      - 'if [ -f deps/cached.txt ]; then echo "restored $(cat deps/cached.txt)"; else mkdir -p deps && echo one > deps/cached.txt; fi'\n`;
    const first = await build(box.store, box.src, spec('deps-$(codebuild-hash-files README.md)'));
    assert.match(first.log, /Cache: no entry for key deps-[0-9a-f]{64}/);
    assert.match(first.log, /Cache: saved 1 path under key deps-/);
    const second = await build(box.store, box.src, spec('deps-$(codebuild-hash-files README.md)'));
    assert.match(second.log, /^restored one$/m);
    const fallback = await build(box.store, box.src, spec('deps-other'));
    assert.match(fallback.log, /Cache: restored 1 path from key deps-[0-9a-f]{64}/);
    assert.match(fallback.log, /^restored one$/m);
  });

  it('parses report groups after the build, even when the build failed', async () => {
    const junit = '<testsuite name="s"><testcase name="ok"/><testcase name="bad"><failure message="no"/></testcase></testsuite>';
    const ran = await build(
      box.store,
      box.src,
      `version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p out && echo '${junit}' > out/junit.xml\n      - "false"\nreports:\n  unit:\n    base-directory: out\n    files: ["*.xml"]\n    file-format: JUNITXML\n  missing:\n    files: [nothing.xml]\n`,
    );
    assert.equal(ran.record.status, 'FAILED');
    const unit = ran.record.reports.find((r) => r.name.endsWith('-unit'))!;
    assert.equal(unit.status, 'FAILED');
    assert.deepEqual(unit.totals, { total: 2, passed: 1, failed: 1, error: 0, skipped: 0, durationMs: 0 });
    const missing = ran.record.reports.find((r) => r.name.endsWith('-missing'))!;
    assert.equal(missing.status, 'INCOMPLETE');
    assert.match(ran.record.warnings.join('\n'), /report \S+-missing: no report files match nothing\.xml/);
  });
});
