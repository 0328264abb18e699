const { test } = require('node:test');
const assert = require('node:assert');
const { start } = require('../src/server');

test('GET / answers with the greeting', async () => {
  const server = await start(0);
  try {
    const { port } = server.address();
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).json();
    assert.match(body.message, /Hello/);
  } finally {
    server.close();
  }
});

test('GET /health answers ok', async () => {
  const server = await start(0);
  try {
    const { port } = server.address();
    assert.strictEqual(await (await fetch(`http://127.0.0.1:${port}/health`)).text(), 'ok\n');
  } finally {
    server.close();
  }
});
