// `npm start`, the main job: build and package Slipway, run the example through the
// CLI, then open the workbench (code-server with Slipway installed and
// examples/hello-service open) on 127.0.0.1 and print its URL. Ctrl+C stops it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(REPO, 'examples', 'hello-service');
const CLI = path.join(REPO, 'dist', 'cli.js');
const noBrowser = process.argv.includes('--no-workbench');

function step(title) {
  console.log(`\n== ${title}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: REPO, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`npm start: "${[command, ...args].join(' ')}" failed (exit ${result.status})`);
    process.exit(1);
  }
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
run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`packaged dist/slipway.vsix (${(fs.statSync(path.join(REPO, 'dist', 'slipway.vsix')).size / 1024).toFixed(0)} KiB)`);

step('Validate the example with the CLI');
run(process.execPath, [CLI, 'validate', EXAMPLE]);

// The example's local account lives where the workbench will look: examples/hello-service/.slipway.
const STATE = path.join(EXAMPLE, '.slipway');
const WORK = path.join(REPO, '.workbench');
const INSTANCES = ['web-1', 'web-2'].map((name) => ({ name, root: path.join(WORK, 'instances', name) }));
const env = { ...process.env, SLIPWAY_HOME: STATE, SLIPWAY_USER: process.env.SLIPWAY_USER || 'release-manager' };
const slipway = (...args) => run(process.execPath, [CLI, ...args], { cwd: EXAMPLE, env });

/** Services a previous run deployed are stopped before their state is cleared. */
function stopDeployedServices() {
  for (const { root } of INSTANCES) {
    const pidFile = path.join(root, 'srv', 'hello-service', 'service.pid');
    if (!fs.existsSync(pidFile)) continue;
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      // already stopped
    }
    fs.rmSync(pidFile, { force: true });
  }
}

step('Set up the local account: hosted repository, build project, two instances');
stopDeployedServices();
fs.rmSync(STATE, { recursive: true, force: true });
fs.rmSync(path.join(WORK, 'instances'), { recursive: true, force: true });
const source = path.join(WORK, 'hello-service-source');
fs.rmSync(source, { recursive: true, force: true });
fs.cpSync(EXAMPLE, source, { recursive: true, filter: (file) => !/[\\/](\.slipway|node_modules|reports)$/.test(file) });
const git = (...args) => run('git', ['-c', 'user.email=release-manager@slipway.local', '-c', 'user.name=Release Manager', ...args], { cwd: source, stdio: 'ignore' });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-qm', 'hello-service: first release');
slipway('repo', 'import', 'hello-service', '--from', source);
slipway('build', 'project', 'create', 'hello-service');
for (const { name, root } of INSTANCES) slipway('deploy', 'instance', 'register', name, '--root', root, '--tag', 'app=hello-service');

step('Run the example pipeline: source → build → approval → stack → deployment');
slipway('pipeline', 'create', '--definition', path.join(EXAMPLE, 'pipeline.json'));
step('Approve the release (as the release manager)');
slipway('pipeline', 'approve', 'hello-service', '--stage', 'Approve', '--action', 'Approve', '--summary', 'approved by npm start');
const status = JSON.parse(spawnSync(process.execPath, [CLI, 'pipeline', 'status', 'hello-service', '--json'], { cwd: EXAMPLE, env, encoding: 'utf8' }).stdout);
if (status.status !== 'Succeeded') {
  console.error(`npm start: the pipeline ended ${status.status}`);
  process.exit(1);
}
step('hello-service is deployed');
for (const { name, root } of INSTANCES) {
  const port = fs.readFileSync(path.join(root, 'srv', 'hello-service', 'port'), 'utf8').trim();
  console.log(`  ${name}: http://127.0.0.1:${port}/`);
}
if (noBrowser) {
  console.log('(the services keep running; the next npm start stops them first)');
  process.exit(0);
}
process.on('exit', stopDeployedServices);

step('Start the workbench');
const setup = spawnSync('bash', [path.join(REPO, 'test', 'e2e', 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (setup.status !== 0) process.exit(1);
const codeServerPackage = setup.stdout.trim().split('\n').pop();
const codeServer = path.join(codeServerPackage, '..', '.bin', 'code-server');
const data = path.join(REPO, '.workbench');
const udd = path.join(data, 'user-data');
const exts = path.join(data, 'extensions');
fs.mkdirSync(path.join(udd, 'User'), { recursive: true });
const settings = path.join(udd, 'User', 'settings.json');
if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false }, null, 2));
execFileSync(codeServer, ['--user-data-dir', udd, '--extensions-dir', exts, '--install-extension', path.join(REPO, 'dist', 'slipway.vsix'), '--force'], { stdio: 'ignore' });
const port = await freePort(Number(process.env.PORT) || 8080);
const server = spawn(codeServer, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--user-data-dir', udd, '--extensions-dir', exts, EXAMPLE], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; i < 300; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    // starting
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log(`\nSlipway workbench: http://127.0.0.1:${port}/?folder=${encodeURIComponent(EXAMPLE)}`);
console.log('(the Slipway icon is in the activity bar; Ctrl+C stops the workbench)');
const stop = () => {
  server.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
