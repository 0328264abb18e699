// `npm start`, the main job: build and package Slipway, release the example through its
// pipeline with the CLI, then open the workbench (code-server with Slipway installed) on
// 127.0.0.1 and print its URL. Ctrl+C stops the workbench and the example's services.
//
// Everything it writes is under .workbench/ (ignored by git): a git-initialised copy of
// examples/hello-service (the workspace, with its local account in .slipway/), the two
// instances the example deploys to, and the workbench's user data. The repository's own
// files are never opened or changed, so trial edits in the workbench stay in the copy.
//
//   npm start                      everything, then the workbench until Ctrl+C
//   npm start -- --no-workbench    stops after the release; the services keep running
//   npm start -- --stop            stops what an earlier run left running
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(REPO, 'examples', 'hello-service');
const CLI = path.join(REPO, 'dist', 'cli.js');
const WORK = path.join(REPO, '.workbench');
const WORKSPACE = path.join(WORK, 'hello-service');
const STATE = path.join(WORKSPACE, '.slipway');
const USER_DATA = path.join(WORK, 'user-data');
const EXTENSIONS = path.join(WORK, 'extensions');
const WORKBENCH_PID = path.join(WORK, 'workbench.pid');
const INSTANCES = ['web-1', 'web-2'].map((name) => ({ name, root: path.join(WORK, 'instances', name) }));
const USER = process.env.SLIPWAY_USER || 'release-manager';
const env = { ...process.env, SLIPWAY_HOME: STATE, SLIPWAY_USER: USER };

const KNOWN = ['--no-workbench', '--stop'];
const unknown = process.argv.slice(2).filter((a) => !KNOWN.includes(a));
if (unknown.length > 0) {
  console.error(`npm start: unknown option ${unknown[0]} (options: ${KNOWN.join(', ')})`);
  process.exit(2);
}
const noWorkbench = process.argv.includes('--no-workbench');

function step(title) {
  console.log(`\n== ${title}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: REPO, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`npm start: "${[path.basename(command), ...args].join(' ')}" failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  return result;
}

const slipway = (...args) => run(process.execPath, [CLI, ...args], { cwd: WORKSPACE, env });
/** For the pipeline commands: their stage-by-stage progress (stderr) shows, their closing status table (stdout) does not. */
const slipwayProgress = (...args) => run(process.execPath, [CLI, ...args], { cwd: WORKSPACE, env, stdio: ['ignore', 'ignore', 'inherit'] });

/** A process is ours to signal only if it still is what the pid file says it was. */
function isOurs(pid, check) {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    return check(pid);
  } catch {
    return false; // gone, or not readable: not ours
  }
}

function stopPidFile(pidFile, check, what) {
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  let stopped = false;
  if (isOurs(pid, check)) {
    process.kill(pid, 'SIGTERM');
    console.log(`stopped ${what} (pid ${pid})`);
    stopped = true;
  }
  fs.rmSync(pidFile, { force: true });
  return stopped;
}

/** The example's services (started by its appspec's start.sh, `node src/server.js` in the instance's app folder). */
function stopServices() {
  let stopped = 0;
  for (const { name, root } of INSTANCES) {
    const app = path.join(root, 'srv', 'hello-service');
    const check = (pid) => fs.realpathSync(`/proc/${pid}/cwd`) === fs.realpathSync(app);
    if (stopPidFile(path.join(app, 'service.pid'), check, `hello-service on ${name}`)) stopped++;
  }
  return stopped;
}

function stopWorkbench() {
  const check = (pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(USER_DATA);
  return stopPidFile(WORKBENCH_PID, check, 'the workbench') ? 1 : 0;
}

if (process.argv.includes('--stop')) {
  const stopped = stopServices() + stopWorkbench();
  if (stopped === 0) console.log('npm start --stop: nothing was running');
  process.exit(0);
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => server.listen(0, '127.0.0.1'));
    server.once('listening', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.listen(preferred, '127.0.0.1');
  });
}

step('Build and package the extension');
const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, encoding: 'utf8' });
if (packaged.status !== 0) {
  // vsce lists every file it packs; only a failure's output is worth reading.
  process.stderr.write(`${packaged.stdout}${packaged.stderr}npm start: npm run package failed (exit ${packaged.status})\n`);
  process.exit(1);
}
console.log(`packaged dist/slipway.vsix (${(fs.statSync(path.join(REPO, 'dist', 'slipway.vsix')).size / 1024).toFixed(0)} KiB)`);

step('Validate the example with the CLI');
run(process.execPath, [CLI, 'validate', EXAMPLE]);

step('A fresh copy of the example to work in: .workbench/hello-service (a git repository)');
stopServices();
stopWorkbench();
fs.rmSync(WORKSPACE, { recursive: true, force: true });
fs.rmSync(path.join(WORK, 'instances'), { recursive: true, force: true });
// Only the example's own files: not state, reports or dependencies an earlier run left there.
fs.cpSync(EXAMPLE, WORKSPACE, { recursive: true, filter: (file) => !/[\\/](\.slipway|node_modules|reports)$/.test(file) });
const git = (...args) => run('git', ['-c', 'user.email=release-manager@slipway.local', '-c', 'user.name=Release Manager', ...args], { cwd: WORKSPACE, stdio: 'ignore' });
git('init', '-q', '-b', 'main');
// The local account lives in the workspace (.slipway/) but is not part of the example's history.
fs.appendFileSync(path.join(WORKSPACE, '.git', 'info', 'exclude'), '.slipway/\n');
git('add', '-A');
git('commit', '-qm', 'hello-service: first release');
console.log(`copied examples/hello-service and committed it (${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: WORKSPACE, encoding: 'utf8' }).trim()} on main)`);

step('Set up the local account: hosted repository, build project, two instances');
slipway('repo', 'import', 'hello-service', '--from', WORKSPACE);
// The workspace pushes to the hosted repository the pipeline's source reads.
run('git', ['remote', 'add', 'origin', JSON.parse(execFileSync(process.execPath, [CLI, 'repo', 'describe', 'hello-service', '--json'], { cwd: WORKSPACE, env, encoding: 'utf8' })).repositoryMetadata.cloneUrlHttp], { cwd: WORKSPACE });
slipway('build', 'project', 'create', 'hello-service');
for (const { name, root } of INSTANCES) slipway('deploy', 'instance', 'register', name, '--root', root, '--tag', 'app=hello-service');

step('Run the example pipeline: source → build → approval → stack → deployment');
slipwayProgress('pipeline', 'create', '--definition', path.join(WORKSPACE, 'pipeline.json'));
step(`Approve the release (as ${USER})`);
slipwayProgress('pipeline', 'approve', 'hello-service', '--stage', 'Approve', '--action', 'Approve', '--summary', 'approved by npm start');
// `pipeline status --json` is GetPipelineState: each stage with its latest execution's status.
const { stageStates = [] } = JSON.parse(execFileSync(process.execPath, [CLI, 'pipeline', 'status', 'hello-service', '--json'], { cwd: WORKSPACE, env, encoding: 'utf8' }));
const unfinished = stageStates.filter((stage) => stage.latestExecution?.status !== 'Succeeded');
if (stageStates.length === 0 || unfinished.length > 0) {
  console.error(`npm start: the release did not succeed (${unfinished.map((stage) => `${stage.stageName}: ${stage.latestExecution?.status ?? 'not run'}`).join(', ') || 'no stages'})`);
  process.exit(1);
}
step('hello-service is deployed');
for (const { name, root } of INSTANCES) {
  const port = fs.readFileSync(path.join(root, 'srv', 'hello-service', 'port'), 'utf8').trim();
  console.log(`  ${name}: http://127.0.0.1:${port}/`);
}
if (noWorkbench) {
  console.log('\nThe services keep running; `npm start -- --stop` stops them (the next `npm start` does too).');
  process.exit(0);
}

step('Start the workbench');
// Chromium is for the tests; the workbench opens in your own browser.
const setup = spawnSync('bash', [path.join(REPO, 'test', 'e2e', 'setup.sh'), '--no-browser'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (setup.status !== 0) process.exit(1);
const codeServer = path.join(setup.stdout.trim().split('\n').pop(), '..', '.bin', 'code-server');
fs.mkdirSync(path.join(USER_DATA, 'User'), { recursive: true });
// The workspace is the copy this script just made, so it is trusted from the start: the first
// screen is the workbench, not a trust prompt. Its git repository is the workspace's own.
const settings = path.join(USER_DATA, 'User', 'settings.json');
const previous = fs.existsSync(settings) ? JSON.parse(fs.readFileSync(settings, 'utf8')) : {};
fs.writeFileSync(
  settings,
  JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, ...previous, 'security.workspace.trust.enabled': false, 'git.openRepositoryInParentFolders': 'never' }, null, 2),
);
execFileSync(codeServer, ['--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS, '--install-extension', path.join(REPO, 'dist', 'slipway.vsix'), '--force'], { stdio: 'ignore' });
const port = await freePort(Number(process.env.PORT) || 8080);
const server = spawn(codeServer, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS, WORKSPACE], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
fs.writeFileSync(WORKBENCH_PID, String(server.pid));
// code-server looks for VS Code's proprietary vsda module, which the open-source build lacks, and says so on every page load.
createInterface({ input: server.stderr }).on('line', (line) => {
  if (!/vsda|File not found/.test(line)) process.stderr.write(`${line}\n`);
});
for (let i = 0; i < 300 && server.exitCode === null; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    // starting
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log(`\nSlipway workbench: http://127.0.0.1:${port}/?folder=${encodeURIComponent(WORKSPACE)}`);
console.log('(the Slipway icon is in the activity bar; Ctrl+C stops the workbench and the services)');
const stop = () => {
  server.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code, signal) => {
  fs.rmSync(WORKBENCH_PID, { force: true });
  stopServices();
  process.exit(signal ? 0 : (code ?? 0));
});
