// Input that cannot stop a front end (issue 20, class 6; issue 13, "Servers and long work"):
// every request to `slipway serve` — git smart HTTP and the AWS APIs — runs behind one error
// boundary, so no request target, body or client behaviour can end the server.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { Server } from 'node:http';
import { after, before, test } from 'node:test';
import { createEndpoint } from '../../../runtime/api/server';
import { HEADERS_TIMEOUT_MS, MAX_CONNECTIONS } from '../../../runtime/common/http-server';
import { StateStore } from '../../../runtime/common/state';
import { createGitHttpServer, listen } from '../../../runtime/repos/http';
import { seededRepo, slipway, tempAccount } from '../repos/helpers';

const { root, home } = tempAccount();
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
let token = '';
const servers: Array<{ name: string; server: Server; port: number }> = [];

before(async () => {
  process.on('uncaughtException', onUncaught);
  await seededRepo(root, 'r1');
  token = (await slipway('admin', 'user', 'token', 'create', 'writer', '--json')).json.token as string;
  await slipway('admin', 'repo', 'grant', 'r1', 'writer', 'write');
  const store = new StateStore(home);
  for (const [name, server] of [
    ['git', createGitHttpServer(store, { anonymousRead: true, maxBodyBytes: 4 * 1024 * 1024 })],
    ['endpoint', createEndpoint(store, { git: { anonymousRead: true, maxBodyBytes: 4 * 1024 * 1024 }, maxBodyBytes: 64 * 1024 })],
  ] as const) {
    const url = await listen(server, '127.0.0.1', 0);
    servers.push({ name, server, port: Number(new URL(url).port) });
  }
});

after(() => {
  process.off('uncaughtException', onUncaught);
  for (const { server } of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** Sends raw bytes and returns the status code of the answer (0 when the connection closed without one). */
function raw(port: number, request: string | Buffer, options: { thenDestroy?: boolean } = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (/^HTTP\/1\.1 \d{3}/.test(answer)) {
        resolve(Number(answer.slice(9, 12)));
        socket.destroy();
      }
    });
    socket.on('error', () => resolve(0));
    socket.on('close', () => resolve(Number(answer.slice(9, 12)) || 0));
    socket.write(request, () => {
      if (options.thenDestroy) socket.destroy();
    });
  });
}

const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

/** The server still serves a clone's first request (and nothing went uncaught). */
async function alive(port: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/r1.git/info/refs?service=git-upload-pack`);
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  assert.deepEqual(uncaught, []);
}

test('names that are not repository names answer 400 and the server lives on', async () => {
  for (const { name, port } of servers) {
    for (const target of ['/..git/info/refs?service=git-upload-pack', '/...git/info/refs?service=git-upload-pack', '/r1.git.git/info/refs?service=git-upload-pack', '/.git/info/refs?service=git-upload-pack', '/%2e%2e.git/info/refs?service=git-upload-pack', '/r1%2F..%2F..%2Fetc.git/info/refs?service=git-upload-pack']) {
      assert.equal(await raw(port, get(target)), 400, `${name} ${target}`);
    }
    await alive(port);
  }
});

test('absolute-form, authority-form and malformed request targets answer 400', async () => {
  for (const { name, port } of servers) {
    for (const target of ['http://[/r1.git/info/refs', 'http://example.com/r1.git/info/refs?service=git-upload-pack', '//r1.git/info/refs', '/%E0%A4%A/info/refs', '/r1.git/info/refs%']) {
      assert.equal(await raw(port, get(target)), 400, `${name} ${target}`);
    }
    assert.equal(await raw(port, 'NOT HTTP AT ALL\r\n\r\n'), 400, `${name} garbage`);
    assert.equal(await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(100_000)}\r\n\r\n`), 400, `${name} oversized headers`);
    await alive(port);
  }
});

test('slowloris: clients trickling headers neither block others nor hold their connection past the headers timeout', async () => {
  for (const { name, server, port } of servers) {
    assert.ok(server.headersTimeout <= HEADERS_TIMEOUT_MS && server.headersTimeout > 0, `${name}: headers timeout ${server.headersTimeout}`);
    assert.equal(server.maxConnections, MAX_CONNECTIONS, `${name}: connections are bounded`);
    const trickling = Array.from({ length: 40 }, () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('GET /r1.git/info/refs?service=git-upload-pack HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      return socket;
    });
    await alive(port);
    for (const socket of trickling) socket.destroy();
  }
});

test('large invalid bodies to git-upload-pack / git-receive-pack end only their request (no EPIPE crash)', async () => {
  const auth = `Basic ${Buffer.from(`writer:${token}`).toString('base64')}`;
  const junk = Buffer.alloc(3 * 1024 * 1024, 'x');
  for (const { name, port } of servers) {
    for (const service of ['git-upload-pack', 'git-receive-pack']) {
      const res = await fetch(`http://127.0.0.1:${port}/r1.git/${service}`, { method: 'POST', headers: { 'content-type': `application/x-${service}-request`, authorization: auth }, body: junk }).catch((error: Error) => error);
      if (!(res instanceof Error)) await res.arrayBuffer().catch(() => undefined);
      await alive(port);
    }
    // a client that goes away mid-body
    await raw(port, `POST /r1.git/git-upload-pack HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-git-upload-pack-request\r\nContent-Length: 1000000\r\n\r\n${'0'.repeat(5000)}`, { thenDestroy: true });
    await alive(port);
    assert.ok(name);
  }
});

test('request bodies are bounded: git and AWS API bodies over the limit answer 413', async () => {
  const auth = `Basic ${Buffer.from(`writer:${token}`).toString('base64')}`;
  for (const { name, port } of servers) {
    const declared = await raw(port, `POST /r1.git/git-receive-pack HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`);
    assert.equal(declared, 413, `${name}: a declared length over the limit`);
    const chunked = await fetch(`http://127.0.0.1:${port}/r1.git/git-receive-pack`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-git-receive-pack-request' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 6; i++) controller.enqueue(new Uint8Array(1024 * 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit).catch((error: Error) => error);
    // git http-backend may answer (and fail the pack) before the limit is reached; past it the request is cut with 413 or a closed connection
    if (!(chunked instanceof Error)) {
      assert.ok([200, 413].includes(chunked.status), `${name}: ${chunked.status}`);
      await chunked.arrayBuffer().catch(() => undefined);
    }
    await alive(port);
  }
  const endpoint = servers.find((s) => s.name === 'endpoint')!;
  const api = await fetch(`http://127.0.0.1:${endpoint.port}/`, { method: 'POST', headers: { 'x-amz-target': 'AmazonSSM.GetParameter', 'content-type': 'application/x-amz-json-1.1' }, body: 'x'.repeat(128 * 1024) });
  assert.equal(api.status, 413);
  assert.equal((await api.json()).__type, 'RequestEntityTooLarge');
  await alive(endpoint.port);
});

test('AWS-side attacks: crafted Authorization headers, prototype names and huge query strings never reach an exception', async () => {
  const { port } = servers.find((s) => s.name === 'endpoint')!;
  const headers = [
    'AWS4-HMAC-SHA256 Credential=AKIAAAAAAAAAAAAAAAAA/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + '0'.repeat(64),
    'AWS4-HMAC-SHA256 Credential=../../etc/passwd/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64),
    'AWS4-HMAC-SHA256 Credential=__proto__/20260101/us-east-1/__proto__/aws4_request, SignedHeaders=host, Signature=' + 'f'.repeat(64),
    'AWS4-HMAC-SHA256',
  ];
  for (const authorization of headers) {
    for (const target of ['AmazonSSM.GetParameter', 'constructor.prototype', '__proto__']) {
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { authorization, 'x-amz-date': '20260101T000000Z', 'x-amz-target': target }, body: '{}' });
      assert.ok(res.status >= 400 && res.status < 500, `${authorization.slice(0, 40)} ${target}: ${res.status}`);
      await res.arrayBuffer();
    }
  }
  const query = await fetch(`http://127.0.0.1:${port}/?${'Action=X&'.repeat(2000)}Parameters.member.99999.__proto__.x=1`);
  assert.ok(query.status >= 400 && query.status < 500);
  await alive(port);
});
