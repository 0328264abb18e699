// The language server survives what an editor would never send (issue 13): a didOpen whose
// text is a number, documents nested 10,000 deep, broken Content-Length framing. Over a real
// JSON-RPC connection.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { initializedServer, SERVER } from './client';

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

/** Sends raw bytes to a fresh server after initialize; resolves with its exit code and stderr. */
function rawServer(bytes: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}${bytes}`);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('bad Content-Length framing closes the connection with a one-line reason instead of hanging silently', async () => {
  for (const bytes of ['Content-Length: abc\r\n\r\n{}', 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}', 'no header here\r\n\r\n', 'Content-Type: x\r\n\r\n{}']) {
    const { code, stderr } = await rawServer(bytes);
    assert.equal(code, 1, JSON.stringify(bytes));
    assert.match(stderr, /^slipway language server: unreadable message on stdin \(.+\); closing the connection\n$/);
  }
});
