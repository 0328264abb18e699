import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusDir } from '../../../bench/corpus';

// The corpus travels with the repository, so every file in it says where it came from and
// under which licence, and that licence's text is beside it (test/fixtures/corpus/README.md).

const SOURCE_FOLDERS = ['cfn-lint', 'real-templates', 'buildspec', 'appspec', 'pipeline'];
/** How each licence's standard text begins, to tell a licence file from a mislabelled one. */
const LICENCE_TITLES: Record<string, RegExp> = {
  'Apache-2.0': /^\s*Apache License\s+Version 2\.0, January 2004/,
  'MIT-0': /^MIT No Attribution\b/,
  'CC-BY-SA-4.0': /^Attribution-ShareAlike 4\.0 International\b/,
};

interface SourceRow {
  file: string;
  repository: string;
  commit: string;
  path: string;
  license: string;
}

function readSources(folder: string): SourceRow[] {
  const [header, ...lines] = fs.readFileSync(path.join(folder, 'SOURCES.tsv'), 'utf8').split('\n').filter((line) => line !== '');
  assert.equal(header, 'file\trepository\tcommit\tpath\tlicense', `${folder}/SOURCES.tsv: header`);
  return lines.map((line, index) => {
    const cells = line.split('\t');
    assert.equal(cells.length, 5, `${folder}/SOURCES.tsv:${index + 2}: expected 5 tab-separated cells, got ${cells.length}`);
    const [file, repository, commit, original, license] = cells;
    return { file, repository, commit, path: original, license };
  });
}

/** The corpus files of a folder: those under templates/ when it has one, else every file but the provenance. */
function corpusFilesOf(folder: string): { base: string; files: string[] } {
  const templates = path.join(folder, 'templates');
  const base = fs.existsSync(templates) ? templates : folder;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (base === folder && entry.name === 'licenses') continue;
        walk(full);
      } else if (!(base === folder && ['SOURCES.tsv', 'README.md'].includes(entry.name))) files.push(path.relative(base, full).split(path.sep).join('/'));
    }
  };
  walk(base);
  return { base, files: files.sort() };
}

/** The licence ids a licence cell names ("MIT-0 (sample code; prose CC-BY-SA-4.0)" names two). */
function licenceIds(cell: string): string[] {
  return cell.split(/[\s();,]+/).filter((token) => /^[A-Z][A-Za-z0-9.+-]*$/.test(token));
}

for (const name of SOURCE_FOLDERS) {
  test(`corpus ${name}/: every file has one SOURCES.tsv row with repository, commit, path and licence, and no row is left over`, () => {
    const folder = corpusDir(name);
    const rows = readSources(folder);
    const { files } = corpusFilesOf(folder);
    assert.ok(files.length > 0, `${name}: no corpus files`);
    const listed = rows.map((row) => row.file);
    assert.deepEqual([...listed].sort(), files, `${name}/SOURCES.tsv must list exactly the folder's files`);
    assert.equal(new Set(listed).size, listed.length, `${name}/SOURCES.tsv lists a file twice`);
    for (const row of rows) {
      assert.match(row.repository, /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, `${name}/${row.file}: repository "${row.repository}"`);
      assert.match(row.commit, /^[0-9a-f]{40}$/, `${name}/${row.file}: commit "${row.commit}"`);
      assert.ok(row.path.length > 0 && !row.path.startsWith('/') && !row.path.split('/').includes('..'), `${name}/${row.file}: path "${row.path}"`);
      assert.ok(licenceIds(row.license).length > 0, `${name}/${row.file}: no licence id in "${row.license}"`);
    }
  });

  test(`corpus ${name}/: the text of every licence SOURCES.tsv names is in licenses/`, () => {
    const folder = corpusDir(name);
    const licences = path.join(folder, 'licenses');
    const missing: string[] = [];
    for (const row of readSources(folder)) {
      const ownFile = path.join(licences, `${row.repository.replace('/', '-')}.LICENSE`);
      for (const id of licenceIds(row.license)) {
        const title = LICENCE_TITLES[id];
        assert.ok(title, `${name}/${row.file}: licence ${id} has no known title; add it to LICENCE_TITLES with its text in licenses/${id}.txt`);
        const candidates = [ownFile, path.join(licences, `${id}.txt`)].filter((file) => fs.existsSync(file) && title.test(fs.readFileSync(file, 'utf8')));
        if (candidates.length === 0) missing.push(`${row.file}: ${id} (neither ${path.basename(ownFile)} nor ${id}.txt with that licence)`);
      }
    }
    assert.deepEqual(missing, []);
  });
}
