/**
 * Issue 20 class 5, contained reads: what Slipway reads into artifacts, reports, caches
 * and stack values stays inside its source, and what blue/green deletes is its own.
 * CodeBuild buildspec reference: base-directory, cache paths, enable-symlinks;
 * CodePipeline CloudFormation action reference: TemplatePath, TemplateConfiguration,
 * OutputFileName are ArtifactName::path inside an input artifact.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkArtifactRelative } from '../../../runtime/pipelines/actions/cloudformation';
import { isOwnRelease } from '../../../runtime/deployments/bluegreen';
import { DeployEngine } from '../../../runtime/deployments/engine';
import { build, write } from '../builds/helpers';
import { tracedRevision } from '../deployments/helpers';
import { arena, refuses, tally } from './fs-helpers';

const SECRET = 'victim-content-never-read';

function secretVictim(a: ReturnType<typeof arena>): void {
  fs.writeFileSync(path.join(a.victim, 'secret.txt'), SECRET);
  a.baseline();
}

/** No file under the state home holds the victim's content. */
function assertNotCopied(a: ReturnType<typeof arena>, what: string): void {
  for (const entry of fs.readdirSync(a.home, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    assert.ok(!fs.readFileSync(file, 'utf8').includes(SECRET), `${what}: ${file} holds the victim's content`);
  }
}

test('artifacts and reports: base-directory through a link, and links in the source leading outside, are not read', async (t) => {
  const cases: Array<{ name: string; setup: (src: string, victim: string) => void; artifacts: string; expect: RegExp }> = [
    { name: 'base-directory is a link to the victim', setup: (src, v) => fs.symlinkSync(v, path.join(src, 'dist')), artifacts: '  files: ["**/*"]\n  base-directory: dist\n', expect: /base-directory .* outside the source folder/ },
    { name: 'a file link to the victim (no enable-symlinks)', setup: (src, v) => fs.symlinkSync(path.join(v, 'secret.txt'), path.join(src, 'leak.txt')), artifacts: '  files: [leak.txt]\n', expect: /symbolic link to .* outside the source folder/ },
    { name: 'a file link to the victim (enable-symlinks)', setup: (src, v) => fs.symlinkSync(path.join(v, 'secret.txt'), path.join(src, 'leak.txt')), artifacts: '  files: [leak.txt]\n  enable-symlinks: yes\n', expect: /symbolic link to .* outside the source folder/ },
    { name: 'a relative link climbing out', setup: (src) => fs.symlinkSync('../victim/secret.txt', path.join(src, 'up.txt')), artifacts: '  files: [up.txt]\n', expect: /outside the source folder/ },
  ];
  for (const c of cases) {
    const a = arena(t);
    secretVictim(a);
    const src = path.join(a.dir, 'src');
    write(src, { 'in.txt': 'x' });
    c.setup(src, a.victim);
    const ran = await build(a.store, src, `version: 0.2\nphases:\n  build:\n    commands:\n      - "true"\nartifacts:\n${c.artifacts}`);
    const reason = JSON.stringify(ran.record.phases);
    tally('contained reads (artifacts)', ran.record.status === 'FAILED' && c.expect.test(reason));
    assert.equal(ran.record.status, 'FAILED', c.name);
    assert.match(reason, c.expect, c.name);
    assertNotCopied(a, c.name);
    a.assertIntact(c.name, { homeMayChange: true });
  }
  // A link that stays inside the source is kept as a link with enable-symlinks.
  const a = arena(t);
  const src = path.join(a.dir, 'src');
  write(src, { 'real.txt': 'inside' });
  fs.symlinkSync('real.txt', path.join(src, 'alias.txt'));
  const ok = await build(a.store, src, 'version: 0.2\nphases:\n  build:\n    commands:\n      - "true"\nartifacts:\n  files: ["*.txt"]\n  enable-symlinks: yes\n');
  assert.equal(ok.record.status, 'SUCCEEDED', JSON.stringify(ok.record.phases));
  assert.equal(fs.readlinkSync(path.join(ok.record.artifacts!.location, 'alias.txt')), 'real.txt');
});

test('reports: a report base-directory through a link is refused, the group is INCOMPLETE', async (t) => {
  const a = arena(t);
  secretVictim(a);
  fs.writeFileSync(path.join(a.victim, 'report.xml'), `<testsuite name="${SECRET}"><testcase name="x"/></testsuite>`);
  a.baseline();
  const src = path.join(a.dir, 'src');
  write(src, { 'in.txt': 'x' });
  fs.symlinkSync(a.victim, path.join(src, 'reports'));
  const ran = await build(a.store, src, 'version: 0.2\nphases:\n  build:\n    commands:\n      - "true"\nreports:\n  unit:\n    files: ["*.xml"]\n    base-directory: reports\n    file-format: JUNITXML\n');
  const group = ran.record.reports[0];
  tally('contained reads (reports)', group?.status === 'INCOMPLETE');
  assert.equal(group.status, 'INCOMPLETE');
  assert.match(group.problems.join(' '), /outside the source folder/);
  assertNotCopied(a, 'report base-directory');
});

test('caches: cache paths outside the source, by name or through a link, are not saved', async (t) => {
  for (const [name, paths, link] of [
    ['../victim', '["../victim/**/*"]', false],
    ['link to the victim', '["lnk/**/*"]', true],
  ] as const) {
    const a = arena(t);
    secretVictim(a);
    const src = path.join(a.dir, 'src');
    write(src, { 'in.txt': 'x' });
    if (link) fs.symlinkSync(a.victim, path.join(src, 'lnk'));
    const ran = await build(a.store, src, `version: 0.2\nphases:\n  build:\n    commands:\n      - "true"\ncache:\n  paths: ${paths}\n`);
    const reason = JSON.stringify(ran.record.phases);
    tally('contained reads (cache)', ran.record.status === 'FAILED' && /cache path .*outside the source folder/.test(reason));
    assert.match(reason, /cache path .*outside the source folder/, name);
    assertNotCopied(a, name);
    a.assertIntact(name, { homeMayChange: true });
  }
});

test('CloudFormation action: TemplatePath, TemplateConfiguration and OutputFileName stay inside their artifact', async () => {
  for (const bad of ['../x', 'a/../../x', '/etc/passwd', './../x', 'a//b', '..\\x', '.']) {
    await refuses('contained reads (artifact paths)', bad, () => checkArtifactRelative(bad, 'TemplatePath'), /TemplatePath: ".*" is not a path inside the artifact/);
  }
  assert.equal(checkArtifactRelative('./infra/template.yml', 'TemplatePath'), 'infra/template.yml');
});

test('revisions: an absolute link pointing back into the revision is refused (it would point at the source, not the copy)', async (t) => {
  const a = arena(t);
  const engine = new DeployEngine(a.store);
  engine.registry.createApplication('app');
  engine.registry.putGroup({ application: 'app', name: 'g', instances: [{ name: 'i1', root: path.join(a.dir, 'inst') }], tagFilters: [], config: 'CodeDeployDefault.OneAtATime', autoRollback: false }, 'create');
  const rev = path.join(a.dir, 'rev');
  write(rev, { 'appspec.yml': 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv\n', 'app/real.txt': 'r' });
  fs.symlinkSync(path.join(rev, 'app', 'real.txt'), path.join(rev, 'app', 'abs.txt'));
  await refuses('contained reads (revisions)', 'absolute link into the revision', () => engine.start('app', 'g', { revision: rev }), /symbolic link leads outside the revision \(the absolute target/);
});

/** An arena with a blue/green group `bg` of application `app` over one local instance at `<arena>/bg`. */
function blueGreenArena(t: { after: (fn: () => void) => void }) {
  const a = arena(t);
  const engine = new DeployEngine(a.store);
  const root = path.join(a.dir, 'bg');
  engine.registry.createApplication('app');
  engine.registry.putGroup({ application: 'app', name: 'bg', instances: [{ name: 'i1', root }], tagFilters: [], config: 'CodeDeployDefault.AllAtOnce', autoRollback: false, blueGreen: { terminationWaitSeconds: 0 } }, 'create');
  return { a, engine, root };
}

test('blue/green: a planted `current` link is resolved and never makes the victim an original to delete', async (t) => {
  const { a, engine, root } = blueGreenArena(t);
  for (const [n, planted] of [a.victim, path.join(root, 'releases', '..', '..', 'victim')].entries()) {
    fs.mkdirSync(root, { recursive: true });
    fs.rmSync(path.join(root, 'current'), { force: true });
    fs.symlinkSync(planted, path.join(root, 'current'));
    a.baseline();
    const deployment = await engine.start('app', 'bg', { revision: tracedRevision(path.join(a.dir, `v${n}`), path.join(a.dir, 'trace'), 'v') });
    tally('contained reads (blue/green)', !deployment.instances.some((r) => r.role === 'original'));
    assert.equal(deployment.status, 'Succeeded');
    assert.ok(!deployment.instances.some((r) => r.role === 'original'), 'the planted target is not treated as an original');
    a.assertIntact(`current -> ${planted}`, { homeMayChange: true });
  }
});

test('blue/green: a `releases` folder that is a link is refused before anything is written there or deleted through it', async (t) => {
  const { a, engine, root } = blueGreenArena(t);
  fs.mkdirSync(root, { recursive: true });
  // The victim's folder poses as the releases, and `current` names one of its folders as the original.
  fs.symlinkSync(a.victim, path.join(root, 'releases'));
  fs.symlinkSync(path.join('releases', 'sub'), path.join(root, 'current'));
  assert.equal(isOwnRelease(root, path.join(root, 'releases', 'sub')), false, 'a folder reached through a releases link is not a release');
  a.baseline();
  await refuses('contained reads (blue/green)', 'releases -> victim', () => engine.start('app', 'bg', { revision: tracedRevision(path.join(a.dir, 'v'), path.join(a.dir, 'trace'), 'v') }), /releases is a symbolic link/);
  a.assertIntact('releases -> victim', { homeMayChange: true });
});
