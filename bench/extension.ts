// Prints the extension's footprint: bundle sizes, the .vsix size, CLI and language
// server cold start, and the activation time measured by the last e2e run in a real
// VS Code (test-results/e2e/metrics.json). Run after `npm run build`:
//   node --import tsx bench/extension.ts
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const REPO = path.resolve(__dirname, '..');
const dist = (name: string) => path.join(REPO, 'dist', name);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function bundleSizes(): void {
  console.log('bundle sizes');
  for (const name of ['client.js', 'server.js', 'server-main.js', 'cli.js', 'cli-main.js', 'hook.js', 'hook-main.js', 'slipway.vsix']) {
    if (fs.existsSync(dist(name))) console.log(`  ${name.padEnd(14)} ${kib(fs.statSync(dist(name)).size)}`);
  }
  const webviews = dist('webviews');
  if (fs.existsSync(webviews)) for (const f of fs.readdirSync(webviews).filter((f) => f.endsWith('.js'))) console.log(`  webviews/${f.padEnd(5)} ${kib(fs.statSync(path.join(webviews, f)).size)}`);
  const data = dist('data');
  if (fs.existsSync(data)) for (const f of fs.readdirSync(data)) console.log(`  data/${f.padEnd(9)} ${kib(fs.statSync(path.join(data, f)).size)}`);
}

function cliStart(): number {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, [dist('cli.js'), '--version']);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

async function serverStart(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [dist('server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    connection.dispose();
    child.kill();
  }
  return median(times);
}

async function main(): Promise<void> {
  if (!fs.existsSync(dist('server.js'))) throw new Error('run `npm run build` first');
  bundleSizes();
  console.log(`cli --version (median of 7)            ${cliStart().toFixed(0)} ms`);
  console.log(`server spawn → initialize (median of 5) ${(await serverStart()).toFixed(0)} ms`);
  const metrics = path.join(REPO, 'test-results', 'e2e', 'metrics.json');
  if (fs.existsSync(metrics)) {
    const { activationMs, measuredAt } = JSON.parse(fs.readFileSync(metrics, 'utf8'));
    console.log(`activation in VS Code (last e2e run, ${measuredAt}) ${activationMs} ms`);
  } else {
    console.log('activation in VS Code: run `npm run test:e2e` first (it records test-results/e2e/metrics.json)');
  }
}

void main();
