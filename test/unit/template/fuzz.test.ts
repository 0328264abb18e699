import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';
import type { FeatureRequest } from '../../../server/features';
import { templateFeatures } from '../../../server/services/template';
import { corpusDir } from '../../../bench/corpus';

// Mutates the cfn-lint corpus templates (deleted lines, swapped tokens, truncation, random
// bytes, deep nesting, duplicated blocks) and feeds every variant to validation and to each
// language feature at a random position: nothing may throw, no check may fail internally.
// FUZZ_VARIANTS raises the count (default keeps the unit run short); FUZZ_SEED replays a run.

const CORPUS = corpusDir('cfn-lint', 'templates');
const VARIANTS = Number(process.env.FUZZ_VARIANTS ?? 400);
let seed = Number(process.env.FUZZ_SEED ?? 20261126);

function random(): number {
  // mulberry32: small, deterministic, good enough to pick mutations.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const MUTATIONS: Array<(text: string) => string> = [
  (text) => {
    const lines = text.split('\n');
    lines.splice(Math.floor(random() * lines.length), 1 + Math.floor(random() * 3));
    return lines.join('\n');
  },
  (text) => text.slice(0, Math.floor(random() * text.length)),
  (text) => {
    const tokens = text.split(/(\s+)/);
    const a = Math.floor(random() * tokens.length);
    const b = Math.floor(random() * tokens.length);
    [tokens[a], tokens[b]] = [tokens[b], tokens[a]];
    return tokens.join('');
  },
  (text) => {
    const at = Math.floor(random() * text.length);
    const junk = Array.from({ length: 1 + Math.floor(random() * 8) }, () => String.fromCharCode(Math.floor(random() * 128))).join('');
    return text.slice(0, at) + junk + text.slice(at);
  },
  (text) => {
    const at = text.indexOf('Properties:');
    const depth = 50 + Math.floor(random() * 400);
    const nested = pick(['!If [C, ', '[', '{a: ', '!Sub [', '- ']).repeat(depth);
    return at < 0 ? nested + text : text.slice(0, at) + `Properties: ${nested}\n` + text.slice(at + 11);
  },
  (text) => text.replace(/!(Ref|GetAtt|Sub|If|Join|Select|FindInMap)\b/g, () => pick(['!Ref', '!GetAtt', '!Sub', '!If', '!Join', '!Select', '!FindInMap', '!Condition', '!Base64'])),
  (text) => text.replace(/:\s/g, () => (random() < 0.05 ? '  ' : ': ')),
  (text) => {
    const lines = text.split('\n');
    const at = Math.floor(random() * lines.length);
    return [...lines.slice(0, at), ...lines.slice(at, at + 10), ...lines.slice(at)].join('\n');
  },
];

test(`${VARIANTS} mutated corpus templates: no exception escapes validation or any language feature`, () => {
  const files = templates(CORPUS).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  assert.ok(files.length > 100, 'the cfn-lint corpus is in ../shared/corpus');
  for (let i = 0; i < VARIANTS; i++) {
    const source = pick(files);
    let text = source.text;
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) text = pick(MUTATIONS)(text);
    const name = source.file.endsWith('.json') ? 'fuzz.json' : 'fuzz.yaml';
    const context = `variant ${i} of ${path.relative(CORPUS, source.file)} (FUZZ_SEED=${process.env.FUZZ_SEED ?? 20261126})`;
    const result = validateText(name, text, 'template');
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'SLIPWAY-INTERNAL'), [], context);
    const document = TextDocument.create(`file:///${name}`, 'yaml', 1, text);
    const offset = Math.floor(random() * (text.length + 1));
    const request: FeatureRequest = { document, analysis: { ...result, uri: document.uri, version: 1, file: name }, position: document.positionAt(offset), offset };
    try {
      templateFeatures.completion!(request);
      templateFeatures.hover!(request);
      templateFeatures.definition!(request);
      templateFeatures.references!(request, true);
      templateFeatures.prepareRename!(request);
      templateFeatures.documentSymbols!(document, request.analysis);
      templateFeatures.codeActions!(document, request.analysis, result.diagnostics, { start: request.position, end: request.position });
    } catch (error) {
      assert.fail(`${context} at offset ${offset}: ${(error as Error).stack}`);
    }
  }
});
