// Deployment overhead per instance beyond the hooks' own time, and ten instances
// with AllAtOnce against one. Run: node --import tsx bench/deploy-overhead.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateStore } from '../runtime/common/state';
import { DeployEngine } from '../runtime/deployments/engine';
import type { Deployment } from '../runtime/deployments/records';

const SCRIPT_EVENTS = new Set(['ApplicationStop', 'BeforeInstall', 'AfterInstall', 'ApplicationStart', 'ValidateService']);

function revision(dir: string, hookSeconds: number): string {
  fs.mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'app/lib'), { recursive: true });
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `app/lib/file${i}.js`), `module.exports = ${i};\n`.repeat(50));
  const events = ['BeforeInstall', 'AfterInstall', 'ApplicationStart', 'ValidateService'];
  for (const e of events) fs.writeFileSync(path.join(dir, `scripts/${e}.sh`), `#!/bin/sh\n${e === 'ApplicationStart' && hookSeconds ? `sleep ${hookSeconds}\n` : ''}exit 0\n`, { mode: 0o755 });
  const hooks = events.map((e) => `  ${e}:\n    - location: scripts/${e}.sh\n`).join('');
  fs.writeFileSync(path.join(dir, 'appspec.yml'), `version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\nhooks:\n${hooks}`);
  return dir;
}

async function measure(instances: number, hookSeconds: number, runs: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-'));
  const engine = new DeployEngine(new StateStore(path.join(dir, 'home')));
  engine.registry.createApplication('bench');
  engine.registry.putGroup(
    { application: 'bench', name: 'g', instances: Array.from({ length: instances }, (_, i) => ({ name: `i${i}`, root: path.join(dir, `i${i}`) })), tagFilters: [], config: 'CodeDeployDefault.AllAtOnce', autoRollback: false },
    'create',
  );
  const rev = revision(path.join(dir, 'rev'), hookSeconds);
  const walls: number[] = [];
  const overheads: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const d: Deployment = await engine.start('bench', 'g', { revision: rev });
    const wall = performance.now() - started;
    if (d.status !== 'Succeeded') throw new Error(`bench deployment ${d.status}: ${d.errorMessage}`);
    walls.push(wall);
    // Per instance: its whole run minus the time its hook scripts took.
    for (const i of d.instances) {
      const total = Date.parse(i.endTime!) - Date.parse(i.startTime!);
      const hooks = i.events.filter((e) => SCRIPT_EVENTS.has(e.name) && e.status === 'Succeeded').reduce((sum, e) => sum + (e.durationMs ?? 0), 0);
      overheads.push(total - hooks);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { wall: median(walls), overhead: median(overheads) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const single = await measure(1, 0, 7);
  console.log(`per-instance overhead beyond hook time (1 instance, 4 hooks, 20 files): median ${single.overhead.toFixed(0)} ms; whole deployment ${single.wall.toFixed(0)} ms`);
  const one = await measure(1, 1, 3);
  const ten = await measure(10, 1, 3);
  console.log(`AllAtOnce with a 1 s hook: 1 instance ${one.wall.toFixed(0)} ms, 10 instances ${ten.wall.toFixed(0)} ms (ratio ${(ten.wall / one.wall).toFixed(2)}); per-instance overhead with 10 at once: median ${ten.overhead.toFixed(0)} ms`);
}

void main();
