/**
 * Issue 20 class 3, bounded expansion of parser input: every document Slipway parses
 * (templates, buildspecs, appspecs, pipeline declarations; the engines, `slipway validate`
 * and the language server alike) is refused with one E0000 finding before a parser sees it
 * when it is over 4 MiB, holds more than 250,000 entries or nests deeper than 500 levels; a
 * file is refused by its size before it is read. YAML aliases are never expanded.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadBuildspec, parseBuildspec } from '../../../runtime/buildspec/model';
import { parseAppSpec } from '../../../runtime/appspec/model';
import { documentValue, MAX_DOCUMENT_BYTES, MAX_ENTRIES, MAX_NESTING, parseDocument } from '../../../runtime/common/yaml/document';
import { parsePipeline } from '../../../runtime/pipelines/model';
import { parseTemplate } from '../../../runtime/stacks/template-source';
import { validateText } from '../../../runtime/validate';
import { TestClient, SERVER } from '../../lsp/client';
import { arena, tally } from './fs-helpers';

const flow = (n: number) => `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: [${Array(n).fill('1').join(',')}]\n`;
const attacks: Record<string, { text: string; refusal: RegExp }> = {
  '50 MB document': { text: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo "${'x'.repeat(50 * 1024 * 1024)}"\n`, refusal: /over the limit of 4194304/ },
  '1e6-element flow sequence': { text: flow(1_000_000), refusal: /more than 250000 entries/ },
  '1e6-element flow sequence after a quote in a plain scalar': { text: `Description: it's a trap\n${flow(1_000_000)}`, refusal: /more than 250000 entries/ },
  '1e6-line block sequence': { text: `${'- 1\n'.repeat(1_000_000)}`, refusal: /more than 250000 entries/ },
  'deep nesting': { text: `a: ${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}\n`, refusal: /nesting deeper than 500 levels/ },
  'deep JSON nesting': { text: `{"a": ${'{"b": '.repeat(5000)}1${'}'.repeat(5000)}}`, refusal: /nesting deeper than 500 levels/ },
};

test('too large, too many entries, too deep: one E0000 finding before parsing, from every parser', () => {
  for (const [name, { text, refusal }] of Object.entries(attacks)) {
    const file = name.includes('JSON') ? 'x.json' : 'x.yaml';
    const parsed = parseDocument(file, text);
    const refused = parsed.syntaxErrors.length === 1 && refusal.test(parsed.syntaxErrors[0].message);
    tally('bounded input (parsers)', refused);
    assert.ok(refused, `${name}: ${JSON.stringify(parsed.syntaxErrors.map((d) => d.message))}`);
    assert.equal(parsed.doc.contents, null, `${name}: the document was parsed anyway`);
    const diagnostics = validateText(file, text, 'template').diagnostics;
    assert.deepEqual(diagnostics.map((d) => d.code), ['E0000'], name);
    for (const [engine, parse] of [['buildspec', parseBuildspec], ['appspec', parseAppSpec], ['pipeline', parsePipeline], ['template', (f: string, t: string) => parseTemplate(t, f)]] as const) {
      assert.throws(() => parse(file, text), (error: Error) => refusal.test(error.message) && error.message.split('\n').length === 1 && error.message.startsWith(`${file}:`), `${engine}: ${name}`);
    }
  }
  assert.equal(MAX_DOCUMENT_BYTES, 4 * 1024 * 1024);
  assert.equal(MAX_ENTRIES, 250_000);
});

test('what real documents hold stays under the bounds: 10,000 resources, a 3 MB line, a quoted multi-line string', () => {
  let many = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';
  for (let i = 0; i < 10_000; i++) many += `  Q${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "q-${i}-\${AWS::StackName}"\n`;
  assert.deepEqual(parseDocument('t.yaml', many).syntaxErrors, []);
  assert.deepEqual(parseDocument('t.yaml', `a: "${'x'.repeat(3_000_000)}"\n`).syntaxErrors, []);
  assert.deepEqual(parseDocument('t.yaml', `a: 'it''s [ { ,,,\n${'  [\n'.repeat(600)}  '\n`).syntaxErrors, [], 'brackets inside a quoted string are not nesting');
});

test('an alias bomb is never expanded: its value costs what its text costs', () => {
  const names = 'abcdefghij';
  let text = `${names[0]}: &${names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i < names.length; i++) text += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]\n`;
  for (const kind of ['template', 'buildspec', 'appspec', 'pipeline'] as const) validateText(`bomb.yaml`, text, kind);
  const value = JSON.stringify(documentValue(parseDocument('bomb.yaml', text)));
  const bounded = value.length < 10 * text.length;
  tally('bounded input (parsers)', bounded);
  assert.ok(bounded, `the aliases were expanded into ${value.length} characters`);
});

test('a file is refused by its size before it is read: engines, slipway validate', async (t) => {
  const a = arena(t);
  const huge = path.join(a.dir, 'buildspec.yml');
  // Sparse: 5 GiB that reading whole would not survive.
  const fd = fs.openSync(huge, 'w');
  fs.ftruncateSync(fd, 5 * 1024 ** 3);
  fs.closeSync(fd);
  assert.throws(() => loadBuildspec(huge), /buildspec\.yml:1: the document is 5368709120 bytes, over the limit of 4194304/);
  const ran = await a.cli(['validate', huge]);
  tally('bounded input (parsers)', ran.code === 1 && /E0000: the document is 5368709120 bytes/.test(ran.stdout));
  assert.equal(ran.code, 1, ran.stderr);
  assert.match(ran.stdout, /buildspec\.yml:1:1: error E0000: the document is 5368709120 bytes, over the limit of 4194304; it is not analysed/);
});

test('the language server answers a too-large document with one diagnostic and keeps serving', { skip: !fs.existsSync(SERVER) ? 'run `npm run build` first' : false }, async (t) => {
  const client = new TestClient();
  t.after(() => client.dispose());
  await client.initialize();
  for (const [name, { text, refusal }] of Object.entries(attacks)) {
    const uri = pathToFileURL(path.join('/work/project', `${name.replace(/\W+/g, '-')}.template.yaml`)).href;
    const published = client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.open(uri, text);
    const { diagnostics } = await published;
    const refused = diagnostics.length === 1 && refusal.test(String(diagnostics[0].message));
    tally('bounded input (language server)', refused);
    assert.ok(refused, `${name}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    // Still serving: the next requests on the same document are answered.
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/foldingRange', { textDocument: { uri } });
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    await client.close(uri);
  }
});
