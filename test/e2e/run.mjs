// The end-to-end layer: the packaged .vsix installed into a real VS Code (code-server
// from npm) opened on a copy of examples/hello-service, driven by Debian's Chromium
// through playwright-core. Then a mocha suite inside the extension host for API-level
// checks. Screenshots go to test-results/e2e/. `npm run test:e2e` runs this alone.
//
// One workbench runs every scenario, as a person meets the workspace: first in Restricted Mode
// (the *untrusted* scenarios), then trusted from the Workspace Trust editor, then the others.
// The extension-host suite runs beside it in a second lane (each lane has its own server,
// browser, HOME and workspace copy). The summary also goes to test-results/e2e.json.
//
// Usage: node test/e2e/run.mjs [--packaged] [filter[,filter…]]
//   --packaged: use the dist/slipway.vsix already built (scripts/test-all.mjs builds it first)
//   filter: run only the scenarios whose name contains one of the comma-separated words
//   (`build,pipeline`); `untrusted` selects the Restricted Mode ones, `exthost` the in-host suite.
//   SLIPWAY_E2E_KEEP=1 keeps the run folder.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { leanNodeOptions } from '../../scripts/lean-node.mjs';
import { Workbench } from './lib/workbench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const RESULTS = path.join(REPO, 'test-results', 'e2e');
const SUMMARY = path.join(REPO, 'test-results', 'e2e.json');
const packaged = process.argv.includes('--packaged');
const filters = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '').split(',').filter(Boolean);
/** True when no filter was given or `name` contains one of them. */
const selected = (name) => filters.length === 0 || filters.some((f) => name.includes(f));
const t0 = Date.now();
/** Log lines say when, and in which lane when two run side by side. */
const logger = (lane) => (...args) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s${lane ? ` ${lane}` : ''}]`, ...args);
const log = logger('');

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, logFile) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer`);
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // gone
  }
}

async function launchBrowser(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1500, height: 950 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh copy of the example as a git repository (pipelines and builds read git). */
function prepareWorkspace(run) {
  const ws = path.join(run, 'hello-service');
  // Only the example's own files: not the state, reports or dependencies a local `npm start` left there.
  fs.cpSync(path.join(REPO, 'examples', 'hello-service'), ws, { recursive: true, filter: (file) => !/[\\/](\.slipway|node_modules|reports)$/.test(file) });
  const git = (...args) => execFileSync('git', args, { cwd: ws, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=e2e@slipway.local', '-c', 'user.name=e2e', 'add', '-A');
  git('-c', 'user.email=e2e@slipway.local', '-c', 'user.name=e2e', 'commit', '-qm', 'hello-service');
  return ws;
}

function isolatedEnv(run) {
  const env = { ...process.env };
  for (const [key, dir] of Object.entries({ HOME: 'home', XDG_CONFIG_HOME: 'xdg/config', XDG_DATA_HOME: 'xdg/data', XDG_CACHE_HOME: 'xdg/cache', TMPDIR: 'tmp' })) {
    env[key] = path.join(run, dir);
    fs.mkdirSync(env[key], { recursive: true });
  }
  delete env.SLIPWAY_HOME;
  env.SLIPWAY_USER = 'e2e';
  env.NODE_OPTIONS = leanNodeOptions(env.NODE_OPTIONS);
  return env;
}

function userSettings(dir, extra = {}) {
  fs.mkdirSync(path.join(dir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.tips.enabled': false,
      'workbench.editor.enablePreview': false,
      'git.enabled': false,
      // The AWS endpoint on a free port: 4566 may be another run's (or the user's slipway serve).
      'slipway.endpoint.port': 0,
      ...extra,
    }),
  );
}

/** The scenario files in the order they run: the Restricted Mode ones, then the others (by name within each). */
function scenarioFiles() {
  const files = fs.readdirSync(path.join(HERE, 'scenarios')).filter((f) => f.endsWith('.mjs')).sort();
  return [...files.filter((f) => f.includes('untrusted')), ...files.filter((f) => !f.includes('untrusted'))];
}

async function browserScenarios(codeServer, vsix, run, results, { log }) {
  const env = isolatedEnv(run);
  const udd = path.join(run, 'udd');
  const exts = path.join(run, 'exts');
  // Workspace Trust on, and the folder opens in Restricted Mode without a prompt.
  userSettings(udd, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' });
  const started = Date.now();
  execFileSync(codeServer, ['--user-data-dir', udd, '--extensions-dir', exts, '--install-extension', vsix, '--force'], { env, stdio: 'ignore' });
  log(`installed the .vsix in ${Date.now() - started} ms`);
  const ws = prepareWorkspace(run);
  const port = await freePort();
  const serverLog = path.join(run, 'code-server.log');
  const server = spawn(
    codeServer,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--user-data-dir', udd, '--extensions-dir', exts, ws],
    { env, detached: true, stdio: ['ignore', fs.openSync(serverLog, 'w'), fs.openSync(serverLog, 'a')] },
  );
  const profile = fs.mkdtempSync(path.join(run, 'chrome-'));
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, server, serverLog);
    log(`code-server on :${port}`);
    browser = await launchBrowser(profile);
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => log('[page error]', error.message.slice(0, 200)));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded', timeout: 180000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 90000 });
    log('workbench ready');
    const workbench = new Workbench(page, { workspace: ws, screenshots: RESULTS, log });
    let trusted = false;
    for (const file of scenarioFiles()) {
      const name = file.replace(/\.mjs$/, '');
      if (!selected(name)) continue;
      if (!trusted && !name.includes('untrusted')) {
        trusted = true;
        // A failure here fails this step; the scenarios after it then fail on what they find.
        const trustStarted = Date.now();
        try {
          await workbench.trustWorkspace();
          results.push({ name: 'trust the workspace', ok: true, ms: Date.now() - trustStarted });
        } catch (error) {
          results.push({ name: 'trust the workspace', ok: false, ms: Date.now() - trustStarted, error });
          await workbench.screenshot('trust-failure').catch(() => {});
        }
      }
      const scenarioStarted = Date.now();
      try {
        const scenario = await import(pathToFileURL(path.join(HERE, 'scenarios', file)).href);
        await scenario.default(workbench, { env, run, repo: REPO });
        results.push({ name, file: `test/e2e/scenarios/${file}`, ok: true, ms: Date.now() - scenarioStarted });
        log(`ok - ${name}`);
      } catch (error) {
        results.push({ name, file: `test/e2e/scenarios/${file}`, ok: false, ms: Date.now() - scenarioStarted, error });
        log(`not ok - ${name}: ${error.message.split('\n')[0]}; the screen: ${await workbench.describe().catch(() => 'unreadable')}`);
        await workbench.screenshot(`${name}-failure`).catch(() => {});
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    killGroup(server);
  }
}

/** Mocha inside the (server-side) extension host, as @vscode/test-web does; see shared recipe. */
async function extensionHostSuite(codeServerPackage, run, results, { log }) {
  const env = isolatedEnv(run);
  env.SLIPWAY_EXTHOST_RESULTS = path.join(run, 'exthost-results.json');
  const udd = path.join(run, 'udd');
  userSettings(udd);
  const ws = prepareWorkspace(run);
  const port = await freePort();
  const serverLog = path.join(run, 'server.log');
  const server = spawn(
    process.execPath,
    [path.join(codeServerPackage, 'lib/vscode/out/server-main.js'), '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust', '--user-data-dir', udd, '--server-data-dir', path.join(run, 'sdd'), '--extensions-dir', path.join(run, 'exts')],
    { env, detached: true, stdio: ['ignore', fs.openSync(serverLog, 'w'), fs.openSync(serverLog, 'a')] },
  );
  const profile = fs.mkdtempSync(path.join(run, 'chrome-'));
  const started = Date.now();
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, server, serverLog);
    browser = await launchBrowser(profile);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const host = `127.0.0.1:${port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${host}${REPO}`],
      ['extensionTestsPath', `vscode-remote://${host}${path.join(HERE, 'exthost', 'index.cjs')}`],
    ]);
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(args ?? []));
      // Only mocha's report; the workbench's own noise (open-vsx lookups, service worker) is dropped.
      if (/^\s*(✔|✓|\d+ passing|\d+ failing|\d+\) |Slipway|AssertionError|Error:)/.test(text) && !/open-vsx|ServiceWorker/.test(text)) log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded', timeout: 180000 });
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 180000))]);
    const summary = fs.existsSync(env.SLIPWAY_EXTHOST_RESULTS) ? JSON.parse(fs.readFileSync(env.SLIPWAY_EXTHOST_RESULTS, 'utf8')) : { passes: [], failures: [] };
    for (const title of summary.passes) results.push({ name: `exthost: ${title}`, ok: true, ms: 0 });
    for (const failure of summary.failures) results.push({ name: `exthost: ${failure.title}`, ok: false, ms: 0, error: new Error(failure.message) });
    if (code !== 0 && summary.failures.length === 0) results.push({ name: 'exthost suite', ok: false, ms: Date.now() - started, error: new Error(`extension host exited with ${code}; see ${serverLog}`) });
    log(`extension-host suite finished in ${Date.now() - started} ms (exit ${code})`);
  } finally {
    await browser?.close().catch(() => {});
    killGroup(server);
  }
}

async function main() {
  const setup = spawnSync('bash', [path.join(HERE, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (setup.status !== 0) finish([{ name: 'set up Chromium and code-server (test/e2e/setup.sh)', ok: false, ms: 0, error: new Error(`setup.sh exited ${setup.status}; its reason is above`) }]);
  const codeServerPackage = setup.stdout.trim().split('\n').pop();
  const codeServer = path.join(codeServerPackage, 'out', 'node', 'entry.js');
  const codeServerBin = path.join(path.dirname(path.dirname(codeServerPackage)), 'node_modules', '.bin', 'code-server');
  log(`code-server: ${codeServerPackage}`);
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });

  const vsix = path.join(REPO, 'dist', 'slipway.vsix');
  if (!packaged) {
    const packaging = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, encoding: 'utf8' });
    if (packaging.status !== 0) {
      console.error(packaging.stdout, packaging.stderr);
      finish([{ name: 'package the extension', ok: false, ms: 0, error: new Error(`npm run package failed (exit ${packaging.status})`) }]);
    }
  } else if (!fs.existsSync(vsix)) {
    finish([{ name: 'package the extension', ok: false, ms: 0, error: new Error(`--packaged: ${path.relative(REPO, vsix)} does not exist; run npm run package first`) }]);
  }
  log(`${packaged ? 'using' : 'packaged'} ${path.relative(REPO, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB)`);

  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-e2e-'));
  // One result list per part, so the report lists them in a fixed order whatever finishes first.
  const workbench = [];
  const exthost = [];
  try {
    const bin = fs.existsSync(codeServerBin) ? codeServerBin : codeServer;
    // A workbench that does not come up fails its part and lets the other parts run.
    const part = async (name, results, fn) => {
      try {
        await fn();
      } catch (error) {
        results.push({ name, ok: false, ms: 0, error });
      }
    };
    await Promise.all([
      scenarioFiles().some((f) => selected(f.replace(/\.mjs$/, ''))) && part('workbench', workbench, () => browserScenarios(bin, vsix, path.join(run, 'browser'), workbench, { log: logger('workbench') })),
      selected('exthost') && part('extension-host suite', exthost, () => extensionHostSuite(codeServerPackage, path.join(run, 'exthost'), exthost, { log: logger('exthost') })),
    ]);
  } finally {
    if (!process.env.SLIPWAY_E2E_KEEP) fs.rmSync(run, { recursive: true, force: true, maxRetries: 3 });
    else log(`kept ${run}`);
  }
  finish([...workbench, ...exthost]);
}

/** Prints one line per result, `e2e: N passed, N failed (T s)`, writes test-results/e2e.json and exits. */
function finish(results) {
  let n = 0;
  for (const r of results) {
    n++;
    console.log(`${r.ok ? 'ok' : 'not ok'} ${n} - ${r.name}${r.ms ? ` (${r.ms} ms)` : ''}`);
    if (!r.ok) console.log(`  ${String(r.error?.stack ?? r.error).split('\n').slice(0, 6).join('\n  ')}`);
  }
  const failed = results.filter((r) => !r.ok);
  const seconds = Math.round((Date.now() - t0) / 1000);
  const failures = failed.map((r) => ({ file: r.file ?? '', name: r.name, message: String(r.error?.message ?? r.error).split('\n').slice(0, 4).join('\n') }));
  fs.mkdirSync(path.dirname(SUMMARY), { recursive: true });
  fs.writeFileSync(SUMMARY, JSON.stringify({ layer: 'e2e', passed: results.length - failed.length, failed: failed.length, seconds, failures }, null, 2));
  log(`screenshots in ${path.relative(REPO, RESULTS)}/`);
  console.log(`e2e: ${results.length - failed.length} passed, ${failed.length} failed (${seconds} s)`);
  process.exit(failed.length || results.length === 0 ? 1 : 0);
}

main().catch((error) => finish([{ name: 'the e2e harness', ok: false, ms: 0, error }]));
