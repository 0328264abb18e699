// The language server survives what an editor would never send (issue 13): a didOpen whose
// text is a number, and documents nested 10,000 deep. Over a real JSON-RPC connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initializedServer } from './client';

const client = initializedServer();

async function stillAnswers(): Promise<void> {
  const uri = `file:///tmp/alive-${Math.random()}.yaml`;
  const published = client().diagnostics(uri);
  await client().open(uri, 'version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n');
  assert.equal((await published).uri, uri, 'the server still answers');
}

test('didOpen or didChange with non-string text is ignored, and the server keeps answering', async () => {
  for (const text of [42, null, { a: 1 }, ['x'], true]) {
    await client().connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/bad.yaml', languageId: 'yaml', version: 1, text } });
  }
  await client().connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///tmp/bad.yaml', version: 2 }, contentChanges: [{ text: 7 }] });
  await stillAnswers();
});

test('flow and JSON nesting 10,000 deep does not end the server', async () => {
  const depth = 10_000;
  for (const [name, text] of [
    ['deep.yaml', `Resources: ${'['.repeat(depth)}${']'.repeat(depth)}\n`],
    ['deep.json', `{"Resources": ${'['.repeat(depth)}${']'.repeat(depth)}}`],
    ['deep-map.json', `{"Resources": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`],
  ] as const) {
    const uri = `file:///tmp/${name}`;
    const published = client().diagnostics(uri);
    await client().open(uri, text, name.endsWith('.json') ? 'json' : 'yaml');
    await published;
  }
  await stillAnswers();
});
