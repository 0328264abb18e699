import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILDSPEC_SKELETON } from '../../../../server/services/buildspec/skeleton';
import { labels, requestAt, service } from '../feature-helpers';

const file = '/nonexistent/buildspec.yml';

test('inside a phase, completion offers commands, finally, on-failure and run-as, even in a broken document', () => {
  assert.deepEqual(labels(file, 'version: 0.2\nphases:\n  build:\n    |').sort(), ['commands', 'finally', 'on-failure', 'run-as']);
  assert.deepEqual(labels(file, 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n    fi|\n  post_build: [\n').sort(), ['finally', 'on-failure', 'run-as']);
});

test('phase names come in run order; values come from the schema', () => {
  assert.deepEqual(labels(file, 'version: 0.2\nphases:\n  |'), ['install', 'pre_build', 'build', 'post_build']);
  assert.ok(labels(file, 'version: 0.2\nphases:\n  build:\n    on-failure: |').includes('CONTINUE'));
  assert.ok(labels(file, 'version: 0.2\nreports:\n  r:\n    file-format: |').includes('JUNITXML'));
});

test('an empty buildspec offers the complete skeleton', () => {
  const request = requestAt(file, '|');
  const items = service(request).completion!(request);
  assert.equal(items.length, 1);
  for (const key of ['version: 0.2', 'phases:', 'install:', 'pre_build:', 'build:', 'post_build:', 'artifacts:', 'reports:', 'cache:', 'env:']) assert.ok((items[0].insertText as string).includes(key), key);
});

test('hover shows the key description', () => {
  const request = requestAt(file, 'version: 0.2\nphases:\n  build:\n    fin|ally:\n      - echo\n');
  const hover = service(request).hover!(request);
  assert.match(JSON.stringify(hover?.contents), /always run/);
});

test('symbols list the phases; quick fixes apply did-you-mean replacements', () => {
  const request = requestAt(file, 'version: 0.2\nphases:\n  install:\n    commands: [a]\n  biuld:\n    commands: [b, c]\n');
  const symbols = service(request).documentSymbols!(request.document, request.analysis);
  assert.deepEqual(symbols.find((s) => s.name === 'phases')?.children?.map((c) => c.name), ['install', 'biuld']);
  const diagnostics = request.analysis.diagnostics;
  const fixes = service(request).codeActions!(request.document, request.analysis, diagnostics, diagnostics[0].range);
  assert.equal(fixes[0].edit?.changes?.[request.document.uri][0].newText, 'build');
});

test('the skeleton, with its defaults filled in, is a valid buildspec', async () => {
  const expanded = BUILDSPEC_SKELETON.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0/g, '');
  const request = requestAt(file, expanded);
  assert.deepEqual(request.analysis.diagnostics, []);
});

test('a missing version has a quick fix that adds it', () => {
  const request = requestAt(file, '# build\nphases:\n  build:\n    commands: [make]\n');
  const [missing] = request.analysis.diagnostics;
  assert.equal(missing.code, 'EB101');
  const [fix] = service(request).codeActions!(request.document, request.analysis, [missing], missing.range);
  assert.deepEqual(fix.edit?.changes?.[request.document.uri], [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'version: 0.2\n' }]);
});

test('a phase that slipped out of an empty phases: is indented back by its quick fix', async () => {
  const request = requestAt(file, 'version: 0.2\n\nphases:\nbuild:\n  commands:\n    - echo hi\nartifacts:\n  files: [a]\n');
  const stray = request.analysis.diagnostics.find((d) => d.code === 'EB102' && d.range.start.line === 3)!;
  const [fix] = service(request).codeActions!(request.document, request.analysis, [stray], stray.range);
  const fixed = TextDocument.applyEdits(request.document, fix.edit!.changes![request.document.uri]);
  assert.equal(fixed, 'version: 0.2\n\nphases:\n  build:\n    commands:\n      - echo hi\nartifacts:\n  files: [a]\n');
  assert.deepEqual(requestAt(file, fixed).analysis.diagnostics, []);
});
