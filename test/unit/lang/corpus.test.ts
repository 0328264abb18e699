import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { corpusFiles, corpusRoot, isMeasured, KNOWN_BROKEN } from '../../../bench/lang-corpus-data';
import { findings } from './helpers';

const root = corpusRoot();

test('every corpus file (pipeline checks only, for templates) validates without errors except the known-broken ones, which get errors', () => {
  const files = corpusFiles(root);
  assert.ok(files.length >= 60, `expected the whole corpus, found ${files.length} files`);
  const wrong: string[] = [];
  for (const entry of files) {
    const errors = findings(entry.kind, fs.readFileSync(entry.file, 'utf8'), entry.file).filter((d) => d.severity === 'error' && isMeasured(d.code, entry.kind));
    const broken = entry.name in KNOWN_BROKEN;
    if (broken && errors.length === 0) wrong.push(`${entry.name}: known broken (${KNOWN_BROKEN[entry.name]}) but no error`);
    if (!broken && errors.length > 0) wrong.push(`${entry.name}: ${errors[0].code} ${errors[0].message} (line ${errors[0].range.start.line + 1})`);
  }
  assert.deepEqual(wrong, []);
});
