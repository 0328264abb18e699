// A minimal LSP client over stdio for the server tests: the bundled dist/server.js
// in a child process, spoken to with JSON-RPC exactly as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before } from 'node:test';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export class TestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnosticWaiters: Array<{ uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  private version = 0;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      if (method === 'textDocument/publishDiagnostics') {
        const published = params as PublishDiagnosticsParams;
        for (const waiter of [...this.diagnosticWaiters]) {
          if (waiter.uri === published.uri && waiter.predicate(published)) {
            this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
            waiter.resolve(published);
          }
        }
      }
    });
    this.connection.listen();
  }

  async initialize(initializationOptions: unknown = {}) {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `predicate`. */
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, predicate, resolve }));
  }

  open(uri: string, text: string, languageId = 'yaml') {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: ++this.version, text } });
  }

  change(uri: string, text: string) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++this.version }, contentChanges: [{ text }] });
  }

  close(uri: string) {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async dispose(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) {
      await new Promise((resolve) => {
        const timer = setTimeout(() => this.process.kill('SIGKILL'), 2000);
        this.process.once('exit', () => resolve(clearTimeout(timer)));
      });
    }
  }
}

/**
 * One initialized server for the test file: started before its tests, shut down after
 * them. Returns a getter, since the client exists only once `before` has run.
 */
export function initializedServer(): () => TestClient {
  let client: TestClient | undefined;
  before(async () => {
    assert.ok(fs.existsSync(SERVER), 'run `npm run build` first');
    client = new TestClient();
    await client.initialize();
  });
  after(async () => {
    await client?.dispose();
  });
  return () => client!;
}
