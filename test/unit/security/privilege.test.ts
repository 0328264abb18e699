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
import { execFileSync } from 'node:child_process';
import { readRegularFile, writeNewFile } from '../../../runtime/common/contained';
import { StateStore } from '../../../runtime/common/state';
import { DeployEngine } from '../../../runtime/deployments/engine';
import { ArtifactStore } from '../../../runtime/pipelines/engine/artifacts';
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

/** A uid and gid no account uses: the user a state home belongs to, distinct from root and from the run-as user. */
function freeId(): number {
  const used = new Set(
    [fs.readFileSync('/etc/passwd', 'utf8'), fs.readFileSync('/etc/group', 'utf8')].flatMap((text) => text.split('\n').map((line) => Number(line.split(':')[2]))),
  );
  let id = 42420;
  while (used.has(id)) id++;
  return id;
}

/** Entries below `dir` whose owner is not `uid:gid` (links included, never followed). */
function notOwnedBy(dir: string, uid: number, gid: number): string[] {
  const wrong: string[] = [];
  const visit = (full: string) => {
    const stat = fs.lstatSync(full);
    if (stat.uid !== uid || stat.gid !== gid) wrong.push(`${path.relative(dir, full) || '.'} (${stat.uid}:${stat.gid})`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(full)) visit(path.join(full, name));
  };
  visit(dir);
  return wrong;
}

test("Slipway's copies belong to the state home's owner, never to root or the run-as user (artifacts, caches, revision copies, deployed files, the pipeline artifact store)", { skip: !isRoot || !hasNobody ? 'needs root and a nobody user' : false }, async (t) => {
  const a = arena(t);
  fs.chmodSync(a.dir, 0o755);
  const id = freeId();
  const home = path.join(a.dir, 'users-home');
  fs.mkdirSync(home);
  fs.chownSync(home, id, id);
  const store = new StateStore(home);
  const src = path.join(a.dir, 'src');
  write(src, { 'in.txt': 'x' });
  const ran = await build(
    store,
    src,
    [
      'version: 0.2',
      'run-as: nobody',
      'phases:',
      '  build:',
      '    commands:',
      '      - mkdir -p out/deep deps && echo made > out/deep/a.txt && ln -s deep/a.txt out/link && cp /bin/true out/tool && chmod 6755 out/tool && echo dep > deps/d.txt',
      'artifacts:',
      '  files: ["out/**/*"]',
      '  enable-symlinks: yes',
      'cache:',
      '  paths: ["deps/**/*"]',
    ].join('\n'),
    { zipArtifacts: true },
  );
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  const artifacts = path.dirname(ran.record.artifacts!.location);
  const cache = store.path('builds', 'cache');
  for (const [what, dir] of [['artifacts', artifacts], ['cache', cache], ['build record and log', path.dirname(ran.record.logFile)]] as const) {
    const wrong = notOwnedBy(dir, id, id);
    tally('privilege (owner of copies)', wrong.length === 0);
    assert.deepEqual(wrong, [], `${what}: not owned by the state home's owner ${id}`);
  }
  assert.equal(fs.statSync(path.join(ran.record.artifacts!.location, 'out', 'tool')).mode & 0o6000, 0);

  // A hook as nobody, files deployed into an instance root: the revision copy and the files are the home owner's.
  const engine = new DeployEngine(store);
  engine.registry.createApplication('app');
  const root = path.join(home, 'instances', 'i1');
  engine.registry.putGroup({ application: 'app', name: 'g', instances: [{ name: 'i1', root }], tagFilters: [], config: 'CodeDeployDefault.OneAtATime', autoRollback: false }, 'create');
  const rev = path.join(a.dir, 'rev');
  write(rev, {
    'appspec.yml': 'version: 0.0\nos: linux\nfiles:\n  - source: site\n    destination: /srv/site\nhooks:\n  BeforeInstall:\n    - location: hook.sh\n      runas: nobody\n',
    'site/index.html': 'hi',
    'hook.sh': '#!/bin/sh\nid -u\n',
  });
  fs.chmodSync(path.join(rev, 'hook.sh'), 0o755);
  fs.chownSync(path.join(rev, 'site', 'index.html'), 65534, 65534);
  const deployment = await engine.start('app', 'g', { revision: rev });
  assert.equal(deployment.status, 'Succeeded', JSON.stringify(deployment));
  for (const [what, dir] of [['deployed files', path.join(root, 'srv')], ['revision copy', path.join(store.path('deployments', 'agent', engine.registry.getGroup('app', 'g')!.id, 'i1', deployment.id), 'deployment-archive')]] as const) {
    const wrong = notOwnedBy(dir, id, id);
    tally('privilege (owner of copies)', wrong.length === 0);
    assert.deepEqual(wrong, [], `${what}: not owned by the state home's owner ${id}`);
  }

  // Files an action made as another user become blobs of the home's owner; a hard link's other name keeps its owner and mode.
  const out = path.join(a.dir, 'action-out');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'made.txt'), 'by nobody');
  fs.chownSync(path.join(out, 'made.txt'), 65534, 65534);
  fs.linkSync(path.join(a.victim, 'keep.txt'), path.join(out, 'linked.txt'));
  a.baseline();
  new ArtifactStore(store).ingest(out);
  const wrong = notOwnedBy(store.path('artifacts'), id, id);
  tally('privilege (owner of copies)', wrong.length === 0);
  assert.deepEqual(wrong, [], "pipeline artifact store: not owned by the state home's owner");
  a.assertIntact('hard link ingested', { homeMayChange: true });
});

test('run-as: the lower user cannot change a carrier of the other shells: state, directory, command scripts, expanded words, values', { skip: !isRoot || !hasNobody ? 'needs root and a nobody user' : false }, async (t) => {
  const a = arena(t);
  fs.chmodSync(a.dir, 0o755);
  fs.chmodSync(a.victim, 0o777);
  const src = path.join(a.dir, 'src');
  write(src, { 'in.txt': 'x' });
  const victim = path.join(a.victim, 'keep.txt');
  const pwned = path.join(a.victim, 'pwned');
  const spec = [
    'version: 0.2',
    'env:',
    '  exported-variables: [GOOD]',
    'phases:',
    '  install:',
    '    run-as: nobody',
    '    commands:',
    // Its own folder: links planted where Slipway (root) writes the next command files, the expanded word and reads values.
    `      - cd ../control/nobody && for i in $(seq 1 60); do ln -sf ${victim} command-$i.sh; done; ln -sf ${victim} expand-in; ln -sf ${victim} values; mkfifo expand-out; echo planted`,
    // The root shell's folder: every carrier refused (its folder is root's, 0700).
    `      - echo "touch ${pwned}" >> ../control/default/state.sh || echo refused-state`,
    `      - echo /tmp > ../control/default/cwd || echo refused-cwd`,
    `      - echo "touch ${pwned}" > ../control/default/command-9.sh || echo refused-command`,
    `      - mv ../control/default ../control/moved || echo refused-move`,
    '      - export GOOD=yes',
    '  build:',
    '    commands:',
    '      - pwd > where.txt; id -u > who.txt',
    'artifacts:',
    '  name: art-$(echo ok)',
    '  files: ["*.txt"]',
  ].join('\n');
  a.baseline();
  const ran = await build(a.store, src, spec);
  assert.equal(ran.record.status, 'SUCCEEDED', ran.log);
  for (const carrier of ['state', 'cwd', 'command', 'move']) {
    const refused = ran.log.includes(`refused-${carrier}`);
    tally('privilege (run-as carriers)', refused);
    assert.ok(refused, `the root shell's ${carrier} carrier was writable by nobody: ${ran.log}`);
  }
  assert.equal(fs.existsSync(pwned), false, 'the root shell ran what nobody wrote');
  const out = (name: string) => fs.readFileSync(path.join(ran.record.artifacts!.location, name), 'utf8').trim();
  assert.equal(out('who.txt'), '0');
  assert.notEqual(out('where.txt'), '/tmp');
  assert.equal(ran.record.artifacts!.name, 'art-ok');
  // Slipway wrote nobody's command files and word through none of the planted links, nor chowned their targets.
  tally('privilege (run-as carriers)', fs.statSync(victim).uid === 0);
  a.assertIntact('links planted in a run-as folder', { homeMayChange: true });
});

test('writeNewFile and readRegularFile: a planted link, a fifo, a folder swapped for a link are never followed', (t) => {
  const a = arena(t);
  const folder = path.join(a.dir, 'theirs');
  fs.mkdirSync(folder);
  a.baseline();
  fs.symlinkSync(path.join(a.victim, 'keep.txt'), path.join(folder, 'cmd.sh'));
  writeNewFile(path.join(folder, 'cmd.sh'), 'echo hi\n', 0o600);
  assert.equal(fs.readFileSync(path.join(folder, 'cmd.sh'), 'utf8'), 'echo hi\n');
  fs.rmSync(path.join(folder, 'cmd.sh'));
  fs.symlinkSync(path.join(a.victim, 'keep.txt'), path.join(folder, 'read'));
  assert.equal(readRegularFile(path.join(folder, 'read')), undefined, 'read through a link');
  execFileSync('mkfifo', [path.join(folder, 'fifo')]);
  assert.equal(readRegularFile(path.join(folder, 'fifo')), undefined, 'a fifo is not a file (and never blocks)');
  const swapped = path.join(a.dir, 'swapped');
  fs.symlinkSync(a.victim, swapped);
  assert.throws(() => writeNewFile(path.join(swapped, 'x.sh'), 'x', 0o600), /ELOOP|ENOTDIR/);
  for (const refused of [true, true, true]) tally('privilege (run-as carriers)', refused);
  a.assertIntact('writeNewFile', { homeMayChange: true });
});
