// Deploys examples/hello-service to two local instances with the CLI (the state home is
// the example's .slipway, so the workbench's Deployments view shows it) and prints where
// each instance answers. `--stop` stops the services a previous run started.
// Usage: node scripts/deploy-example.mjs [--stop]   (after `npm run build`)
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(REPO, 'examples', 'hello-service');
const CLI = path.join(REPO, 'dist', 'cli.js');
const INSTANCES = ['a', 'b'].map((name) => ({ name, root: path.join(EXAMPLE, '.slipway', 'instances', name) }));
const env = { ...process.env };
delete env.SLIPWAY_HOME;

const slipway = (...args) => spawnSync(process.execPath, [CLI, 'deploy', ...args], { cwd: EXAMPLE, env, encoding: 'utf8' });

if (process.argv.includes('--stop')) {
  for (const instance of INSTANCES) {
    const pidFile = path.join(instance.root, 'srv/hello-service/service.pid');
    if (!fs.existsSync(pidFile)) continue;
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      // already stopped
    }
    fs.rmSync(pidFile, { force: true });
  }
  process.exit(0);
}

if (!JSON.parse(slipway('app', 'list', '--json').stdout || '[]').some((a) => a.name === 'hello')) execFileSync(process.execPath, [CLI, 'deploy', 'app', 'create', 'hello'], { cwd: EXAMPLE, env, stdio: 'inherit' });
const groups = slipway('group', 'list', 'hello', '--json');
if (!JSON.parse(groups.stdout || '[]').some((g) => g.name === 'local')) {
  execFileSync(process.execPath, [CLI, 'deploy', 'group', 'create', 'hello', 'local', ...INSTANCES.flatMap((i) => ['--instance', `${i.name}=${i.root}`])], { cwd: EXAMPLE, env, stdio: 'inherit' });
}
// A second run's ApplicationStop (the previous revision's stop.sh) stops the services the first started.
const result = slipway('start', 'hello', 'local', '--revision', EXAMPLE, '--json');
process.stderr.write(result.stderr);
if (result.status !== 0 && !result.stdout) process.exit(result.status ?? 1);
const deployment = JSON.parse(result.stdout);
console.log(`deployment ${deployment.id}: ${deployment.status}`);
for (const instance of INSTANCES) {
  const portFile = path.join(instance.root, 'srv/hello-service/port');
  if (fs.existsSync(portFile)) console.log(`  instance ${instance.name}: http://127.0.0.1:${fs.readFileSync(portFile, 'utf8').trim()}/`);
}
process.exit(deployment.status === 'Succeeded' ? 0 : 1);
