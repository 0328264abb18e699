import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

test('schemas and the grammar are contributed and exist', () => {
  const contributes = read('contributes/languages.json');
  for (const entry of [...contributes.yamlValidation, ...contributes.jsonValidation]) {
    const schema = read(entry.url);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', entry.url);
  }
  for (const grammar of contributes.grammars) assert.ok(fs.existsSync(path.join(root, grammar.path)), grammar.path);
});

test('the injection grammar matches #{Namespace.Variable} and #{variables.name} only', () => {
  const grammar = read('syntaxes/pipeline-variables.tmLanguage.json');
  const pattern = new RegExp(grammar.repository['pipeline-variable'].match, 'g');
  assert.deepEqual([...'a #{SourceVariables.CommitId} b #{variables.Stage} ${Sub} #{broken'.matchAll(pattern)].map((m) => m[0]), ['#{SourceVariables.CommitId}', '#{variables.Stage}']);
});

test('every schema key has a description', () => {
  const missing: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    const schema = node as Record<string, unknown>;
    for (const [name, child] of Object.entries((schema.properties as Record<string, Record<string, unknown>>) ?? {})) {
      if (!child.description && !child.$ref) missing.push(`${where}.${name}`);
      visit(child, `${where}.${name}`);
    }
    for (const key of ['items', 'additionalProperties', 'then', 'else']) visit(schema[key], `${where}.${key}`);
    for (const [name, child] of Object.entries((schema.definitions as Record<string, unknown>) ?? {})) visit(child, `#${name}`);
  };
  for (const file of ['buildspec', 'appspec', 'pipeline']) visit(read(`schemas/${file}.schema.json`), file);
  assert.deepEqual(missing, []);
});
