/**
 * Issue 13, "links and archive entries escape roots" and "containment by real paths":
 * every write, delete, chmod and chown into an instance root, a revision folder or the
 * state home goes through ContainedRoot (runtime/common/contained.ts), which resolves
 * the real parent and never follows a link at the last component.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ContainedRoot, resolveReal } from '../../../runtime/common/contained';
import { DeployEngine } from '../../../runtime/deployments/engine';
import { arena, refuses, tally, treeState } from './fs-helpers';

function deploySetup(a: ReturnType<typeof arena>, root: string) {
  const engine = new DeployEngine(a.store);
  engine.registry.createApplication('app');
  engine.registry.putGroup({ application: 'app', name: 'g', instances: [{ name: 'i1', root }], tagFilters: [], config: 'CodeDeployDefault.OneAtATime', autoRollback: false }, 'create');
  return engine;
}

/** Deploys and returns the refusal: the start rejects, or the deployment fails with the reason. */
async function deployRefusal(engine: DeployEngine, revision: string): Promise<string> {
  try {
    const deployment = await engine.start('app', 'g', { revision });
    assert.notEqual(deployment.status, 'Succeeded', 'the deployment must not succeed');
    return JSON.stringify(deployment);
  } catch (error) {
    return (error as Error).message;
  }
}

test('issue 13: d1/d2/lnk -> ../../victim installed at / with other/lnk/keep.txt and permissions on /lnk touches nothing outside', async (t) => {
  const a = arena(t);
  const root = path.join(a.dir, 'x', 'inst'); // <root>/../../victim is the victim folder
  const engine = deploySetup(a, root);
  const rev = path.join(a.dir, 'rev');
  fs.mkdirSync(path.join(rev, 'd1', 'd2'), { recursive: true });
  fs.mkdirSync(path.join(rev, 'victim'), { recursive: true });
  fs.mkdirSync(path.join(rev, 'other', 'lnk'), { recursive: true });
  fs.symlinkSync('../../victim', path.join(rev, 'd1', 'd2', 'lnk')); // inside the revision: <rev>/victim
  fs.writeFileSync(path.join(rev, 'other', 'lnk', 'keep.txt'), 'overwritten');
  fs.writeFileSync(
    path.join(rev, 'appspec.yml'),
    'version: 0.0\nos: linux\nfiles:\n  - source: d1/d2\n    destination: /\n  - source: other\n    destination: /\npermissions:\n  - object: /lnk\n    mode: 777\n    type: [file, directory]\n',
  );
  a.baseline();
  const refusal = await deployRefusal(engine, rev);
  tally('containment', /outside the instance root/.test(refusal));
  assert.match(refusal, /outside the instance root/);
  a.assertIntact('d1/d2/lnk', { homeMayChange: true });
});

test('variants: a link installed by one files entry never redirects a later write, and permissions never follow a link', async (t) => {
  const variants: Array<{ name: string; build: (rev: string) => void; appspec: string }> = [
    {
      name: 'absolute link to the victim',
      build: (rev) => fs.symlinkSync('/etc', path.join(rev, 'app', 'etc')),
      appspec: 'files:\n  - source: app\n    destination: /srv\n',
    },
    {
      name: 'link chain l1 -> ., z -> l1/.. at the root',
      build: (rev) => {
        fs.symlinkSync('.', path.join(rev, 'app', 'l1'));
        fs.symlinkSync('l1/..', path.join(rev, 'app', 'z'));
      },
      appspec: 'files:\n  - source: app\n    destination: /\n',
    },
    {
      name: 'link whose target is fine in the revision but outside once installed deeper',
      build: (rev) => {
        fs.mkdirSync(path.join(rev, 'app', 'deep'), { recursive: true });
        fs.symlinkSync('../../..', path.join(rev, 'app', 'deep', 'up'));
      },
      appspec: 'files:\n  - source: app/deep\n    destination: /\n',
    },
  ];
  for (const variant of variants) {
    const a = arena(t);
    const root = path.join(a.dir, 'inst');
    const engine = deploySetup(a, root);
    const rev = path.join(a.dir, 'rev');
    fs.mkdirSync(path.join(rev, 'app'), { recursive: true });
    fs.writeFileSync(path.join(rev, 'app', 'index.html'), 'hi');
    variant.build(rev);
    fs.writeFileSync(path.join(rev, 'appspec.yml'), `version: 0.0\nos: linux\n${variant.appspec}`);
    a.baseline();
    const refusal = await deployRefusal(engine, rev);
    tally('containment', /outside/.test(refusal));
    assert.match(refusal, /outside/, variant.name);
    a.assertIntact(variant.name, { homeMayChange: true });
  }
});

test('ContainedRoot refuses writes, deletes, chmod, chown and mkdir through links that leave the root', async (t) => {
  const a = arena(t);
  const dir = path.join(a.dir, 'root');
  fs.mkdirSync(dir);
  fs.symlinkSync(a.victim, path.join(dir, 'out'));
  fs.symlinkSync(path.join(a.victim, 'keep.txt'), path.join(dir, 'file-link'));
  fs.symlinkSync(path.join(a.victim, 'new.txt'), path.join(dir, 'dangling'));
  fs.symlinkSync('.', path.join(dir, 'l1'));
  fs.symlinkSync('l1/..', path.join(dir, 'z'));
  const root = new ContainedRoot(dir, 'test root');
  a.baseline();
  await refuses('containment', 'write through a linked folder', () => root.writeFile(path.join(dir, 'out', 'keep.txt'), 'x'), /refused to write .* outside the test root/);
  await refuses('containment', 'write through a chain', () => root.writeFile(path.join(dir, 'z', 'victim', 'keep.txt'), 'x'), /refused/);
  await refuses('containment', 'lexical escape', () => root.writeFile(path.join(dir, '..', 'victim', 'keep.txt'), 'x'), /outside the test root/);
  await refuses('containment', 'delete through a linked folder', () => root.remove(path.join(dir, 'out', 'sub')), /refused to delete/);
  await refuses('containment', 'delete the root itself', () => root.remove(dir), /refused to delete/);
  await refuses('containment', 'chmod through a file link', () => root.chmod(path.join(dir, 'file-link'), 0o777), /refused to change the mode/);
  await refuses('containment', 'chown through a file link', () => root.chown(path.join(dir, 'file-link'), 0, 0), /refused to change the owner/);
  await refuses('containment', 'mkdir through a linked folder', () => root.mkdir(path.join(dir, 'out', 'new', 'deeper')), /refused|outside/);
  await refuses('containment', 'a link to outside', () => root.symlink('../victim', path.join(dir, 'new-link')), /outside the test root/);
  await refuses('containment', 'a chained link to outside', () => root.symlink('z/victim', path.join(dir, 'chained')), /outside the test root/);
  a.assertIntact('ContainedRoot attacks');
  // A link at the last component is replaced, never written through (the dangling one would create a file outside).
  root.writeFile(path.join(dir, 'dangling'), 'inside');
  root.copyFile(path.join(a.victim, 'keep.txt'), path.join(dir, 'file-link'));
  assert.equal(fs.lstatSync(path.join(dir, 'dangling')).isFile(), true);
  assert.equal(fs.existsSync(path.join(a.victim, 'new.txt')), false);
  a.assertIntact('links replaced at the last component');
  assert.equal(resolveReal(path.join(dir, 'z')), a.dir, 'resolveReal follows l1/.. the way the kernel does');
});

test('a state home with planted links: writes through them are refused and the target is unchanged', async (t) => {
  const a = arena(t);
  fs.mkdirSync(a.home, { recursive: true });
  fs.symlinkSync(a.victim, path.join(a.home, 'params'));
  fs.mkdirSync(path.join(a.home, 'builds'), { recursive: true });
  fs.symlinkSync(path.join(a.victim, 'sub'), path.join(a.home, 'builds', 'projects'));
  fs.mkdirSync(path.join(a.home, 'deployments'), { recursive: true });
  fs.symlinkSync(a.victim, path.join(a.home, 'deployments', 'applications'));
  a.baseline();
  for (const args of [
    ['param', 'put', 'x', 'y'],
    ['secret', 'put', 'x', 'y'],
    ['build', 'project', 'create', 'p1', '--source', a.dir],
    ['build', 'project', 'delete', 'px'],
    ['deploy', 'app', 'create', 'sub'],
    ['deploy', 'app', 'delete', 'sub'],
  ]) {
    const r = await a.cli(args);
    tally('containment (state home links)', r.code !== 0 && /refused|outside|no /.test(r.stderr));
    assert.notEqual(r.code, 0, `${args.join(' ')} must fail: ${r.stdout}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    a.assertIntact(args.join(' '));
  }
  assert.deepEqual(treeState(a.victim)['sub/x.json']?.slice(0, 4), 'file');
});
