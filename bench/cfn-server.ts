// The language server as an editor sees it (dist/server.js over stdio): cold start to the
// first template diagnostics, completion round trips at p50/p95 on a ~90 KB template, and
// resident memory with ten such templates open. Run `npm run build` first.
// Run: node --import tsx bench/cfn-server.ts
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { largeTemplate } from './templates';

const SERVER = path.resolve(__dirname, '../dist/server.js');

/** CPU milliseconds the server process has used (utime + stime from /proc), immune to other load. */
function serverCpu(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  if (!fs.existsSync(SERVER)) throw new Error('run npm run build first');
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, () => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => waiting.get(params.uri)?.());
  connection.listen();
  const published = (uri: string) => new Promise<void>((resolve) => waiting.set(uri, resolve));
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  const initialized = performance.now() - started;
  const first = 'file:///bench/first.template.yaml';
  const firstDone = published(first);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: first, languageId: 'yaml', version: 1, text: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n' } });
  await firstDone;
  console.log(`server cold start: initialize answered after ${initialized.toFixed(0)} ms, first template diagnostics (spec index loaded) after ${(performance.now() - started).toFixed(0)} ms wall, ${serverCpu(child.pid!).toFixed(0)} ms server CPU   [target < 300 ms]`);

  const big = largeTemplate(48);
  const uris = Array.from({ length: 10 }, (_, i) => `file:///bench/big${i}.template.yaml`);
  for (const uri of uris) {
    const done = published(uri);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: big } });
    await done;
  }
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  console.log(`resident memory with ten ${(big.length / 1024).toFixed(0)} KB templates open: ${rss.toFixed(0)} MB   [target < 150 MB; AWS's Pyodide server ~500 MB]`);

  const lines = big.split('\n');
  const positions: Array<{ line: number; character: number }> = [];
  lines.forEach((text, line) => {
    if (/Role: !GetAtt|Type: AWS|BUCKET: !If|^\s+Properties:$/.test(text)) positions.push({ line, character: text.length });
  });
  const times: number[] = [];
  for (const position of positions.slice(0, 120)) {
    const t = performance.now();
    await connection.sendRequest('textDocument/completion', { textDocument: { uri: uris[0] }, position });
    times.push(performance.now() - t);
  }
  console.log(`completion round trip (${times.length} requests, ~90 KB template): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms   [target p95 < 20 ms]`);

  const edits: number[] = [];
  for (let i = 0; i < 15; i++) {
    const text = big.replace(`Bucket${i}:`, `Buckett${i}:`);
    const done = published(uris[0]);
    const t = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: uris[0], version: 2 + i }, contentChanges: [{ text }] });
    await done;
    edits.push(performance.now() - t);
  }
  console.log(`keystroke to published diagnostics (incl. the server's pacing), ~90 KB: p50 ${percentile(edits, 50).toFixed(0)} ms, p95 ${percentile(edits, 95).toFixed(0)} ms`);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
}

void main();
