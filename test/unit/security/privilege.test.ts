/**
 * Issue 20 class 1, privilege boundaries: under run-as (buildspec reference: run-as, per
 * phase) a less privileged shell cannot decide what a more privileged one runs — the
 * state carried between them is parsed as data and rewritten by Slipway, execution-
 * changing variables and outside directories do not cross upward — and artifacts,
 * caches and deployed files never keep setuid/setgid bits.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { carriedVariables, parseExportedState } from '../../../runtime/builds/shell-state';
import { DeployEngine } from '../../../runtime/deployments/engine';
import { build, write } from '../builds/helpers';
import { arena, tally } from './fs-helpers';

const isRoot = process.getuid?.() === 0;
const hasNobody = fs.existsSync('/etc/passwd') && /^nobody:/m.test(fs.readFileSync('/etc/passwd', 'utf8'));

test('shell state is parsed as export -p data: code, expansions and tampered lines are refused', () => {
  const hostile = [
    'touch /tmp/pwned\nexport A=1\n',
    'export A="$(touch /tmp/pwned)"\n',
    'export A=`id`\n',
    'declare -x A="x"; rm -rf /\n',
    "export A='x' && reboot\n",
    'alias ls="rm -rf /"\n',
    'declare -x A="unterminated\n',
  ];
  for (const text of hostile) {
    const parsed = parseExportedState(text);
    tally('privilege (state parsing)', parsed === undefined);
    assert.equal(parsed, undefined, JSON.stringify(text));
  }
  // What bash and sh really print is read back exactly, multi-line values and quotes included.
  const bash = 'declare -x A="1"\ndeclare -x B="two words"\ndeclare -x C="line1\nline2"\ndeclare -x D="q\\"uote \\$HOME \\`x\\` \\\\"\ndeclare -x E\ndeclare -rx F="ro"\n';
  assert.deepEqual([...parseExportedState(bash)!], [['A', '1'], ['B', 'two words'], ['C', 'line1\nline2'], ['D', 'q"uote $HOME `x` \\'], ['F', 'ro']]);
  const sh = "export A='1'\nexport B='it'\"'\"'s'\nexport C='a\nb'\n";
  assert.deepEqual([...parseExportedState(sh)!], [['A', '1'], ['B', "it's"], ['C', 'a\nb']]);
  const carried = carriedVariables(new Map([['PATH', '/evil'], ['LD_PRELOAD', '/evil.so'], ['BASH_ENV', '/evil'], ['HOME', '/home/x'], ['GOOD', '1']]), true);
  assert.deepEqual([...carried.variables], [['GOOD', '1']]);
  assert.deepEqual(carried.dropped, ['PATH', 'LD_PRELOAD', 'BASH_ENV']);
  assert.deepEqual([...carriedVariables(new Map([['PATH', '/opt/bin'], ['HOME', '/root']]), false).variables], [['PATH', '/opt/bin']], 'downward, PATH carries as CodeBuild carries it');
});

test('run-as: a phase as nobody cannot change PATH, loader variables or the directory of the next root phase', { skip: !isRoot || !hasNobody ? 'needs root and a nobody user' : false }, async (t) => {
  const a = arena(t);
  const src = path.join(a.dir, 'src');
  write(src, { 'in.txt': 'x' });
  fs.chmodSync(a.dir, 0o755);
  const spec = [
    'version: 0.2',
    'phases:',
    '  install:',
    '    run-as: nobody',
    '    commands:',
    '      - export PATH="/tmp/evil-bin:$PATH" LD_PRELOAD=/tmp/evil.so BASH_ENV=/tmp/evil.sh GOOD=carried',
    '      - cd /tmp',
    '  build:',
    '    commands:',
    '      - echo "$PATH" > path.txt',
    '      - echo "[$LD_PRELOAD][$BASH_ENV]" > loader.txt',
    '      - echo "$GOOD" > good.txt',
    '      - pwd > pwd.txt',
    'artifacts:',
    '  files: ["*.txt"]',
  ].join('\n');
  const ran = await build(a.store, src, spec);
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  const out = (name: string) => fs.readFileSync(path.join(ran.record.artifacts!.location, name), 'utf8').trim();
  const refused = !out('path.txt').includes('/tmp/evil-bin') && out('loader.txt') === '[][]' && out('pwd.txt') !== '/tmp';
  tally('privilege (run-as upward)', refused);
  assert.doesNotMatch(out('path.txt'), /evil/);
  assert.equal(out('loader.txt'), '[][]');
  assert.notEqual(out('pwd.txt'), '/tmp');
  assert.equal(out('good.txt'), 'carried', 'plain variables still carry');
  assert.match(ran.record.warnings.join('\n'), /not carried from the previous user's shell: BASH_ENV, LD_PRELOAD, PATH, \(the directory \/tmp: outside the source folder\)$/m);
});

test('setuid and setgid bits never survive into artifacts, caches or deployed files', { skip: !isRoot ? 'setuid files need root to create' : false }, async (t) => {
  const a = arena(t);
  const src = path.join(a.dir, 'src');
  write(src, { 'in.txt': 'x' });
  const ran = await build(
    a.store,
    src,
    'version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p tools && cp /bin/true tools/suid && chmod 6755 tools/suid\nartifacts:\n  files: ["tools/*"]\ncache:\n  paths: ["tools/**/*"]\n',
  );
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  const artifactMode = fs.statSync(path.join(ran.record.artifacts!.location, 'tools', 'suid')).mode & 0o7777;
  tally('privilege (setuid)', (artifactMode & 0o6000) === 0);
  assert.equal(artifactMode, 0o755, 'artifact copy');
  const cached = fs.readdirSync(a.store.path('builds', 'cache'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name === 'suid');
  assert.equal(cached.length, 1);
  const cacheMode = fs.statSync(path.join(cached[0].parentPath, 'suid')).mode & 0o7777;
  tally('privilege (setuid)', (cacheMode & 0o6000) === 0);
  assert.equal(cacheMode, 0o755, 'cache copy');

  const engine = new DeployEngine(a.store);
  engine.registry.createApplication('app');
  const root = path.join(a.dir, 'inst');
  engine.registry.putGroup({ application: 'app', name: 'g', instances: [{ name: 'i1', root }], tagFilters: [], config: 'CodeDeployDefault.OneAtATime', autoRollback: false }, 'create');
  const rev = path.join(a.dir, 'rev');
  write(rev, { 'appspec.yml': 'version: 0.0\nos: linux\nfiles:\n  - source: bin\n    destination: /opt/bin\npermissions:\n  - object: /opt/bin/asked\n    mode: 4755\n' });
  fs.mkdirSync(path.join(rev, 'bin'));
  fs.copyFileSync('/bin/true', path.join(rev, 'bin', 'suid'));
  fs.chmodSync(path.join(rev, 'bin', 'suid'), 0o6755);
  fs.copyFileSync('/bin/true', path.join(rev, 'bin', 'asked'));
  const deployment = await engine.start('app', 'g', { revision: rev });
  assert.equal(deployment.status, 'Succeeded', JSON.stringify(deployment));
  for (const name of ['suid', 'asked']) {
    const mode = fs.statSync(path.join(root, 'opt', 'bin', name)).mode & 0o7777;
    tally('privilege (setuid)', (mode & 0o6000) === 0);
    assert.equal(mode & 0o6000, 0, `deployed ${name} has mode ${mode.toString(8)}`);
  }
});
