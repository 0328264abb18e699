import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { initializedServer } from './client';

const server = initializedServer();

const labelsOf = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);

test('buildspec: a misspelt key gets a diagnostic at the key and a quick fix', async () => {
  const uri = 'file:///work/lang-lsp/buildspec.yml';
  const waiting = server().diagnostics(uri);
  await server().open(uri, 'version: 0.2\nphases:\n  build:\n    comands:\n      - make\n');
  const { diagnostics } = await waiting;
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  const [d] = diagnostics;
  assert.equal(d.code, 'EB001');
  assert.deepEqual(d.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 11 } });
  assert.match(String(d.message), /did you mean "commands"/);
  const actions = await server().request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title === 'Change to "commands"');
  assert.deepEqual(fix?.edit?.changes?.[uri], [{ range: d.range, newText: 'commands' }]);

  const cleared = server().diagnostics(uri, (p) => p.diagnostics.length === 0);
  await server().change(uri, 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n');
  await cleared;
});

test('buildspec: completion inside a phase while the document is broken', async () => {
  const uri = 'file:///work/lang-lsp/broken/buildspec.yml';
  const text = 'version: 0.2\nphases:\n  build:\n    \n  post_build: [\n';
  const waiting = server().diagnostics(uri);
  await server().open(uri, text);
  assert.ok((await waiting).diagnostics.some((d) => d.code === 'E0000'), 'the document is broken');
  const result = await server().request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 4 } });
  assert.deepEqual(labelsOf(result).sort(), ['commands', 'finally', 'on-failure', 'run-as']);
});

test('buildspec: an empty file offers the skeleton; hover explains a key', async () => {
  const uri = 'file:///work/lang-lsp/empty/buildspec.yml';
  const waiting = server().diagnostics(uri);
  await server().open(uri, '');
  await waiting;
  const result = await server().request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.deepEqual(labelsOf(result), ['buildspec (version 0.2)']);

  const hovered = 'file:///work/lang-lsp/hover/buildspec.yml';
  const opened = server().diagnostics(hovered);
  await server().open(hovered, 'version: 0.2\nphases:\n  post_build:\n    commands:\n      - echo done\n');
  await opened;
  const hover = await server().request<Hover>('textDocument/hover', { textDocument: { uri: hovered }, position: { line: 2, character: 5 } });
  assert.match((hover.contents as MarkupContent).value, /even when it failed/);
  assert.deepEqual(hover.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 12 } });
});
