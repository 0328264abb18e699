// A state home that never executes (issue 20, class 4): git on hosted repositories runs with
// program-running config neutralised, refuses config Slipway did not write, keeps only
// Slipway's own hooks, and never reads a ref or URL starting with "-" as an option.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseGitSource } from '../../../runtime/builds/workspace';
import { StateStore } from '../../../runtime/common/state';
import { neutralisedGitEnv } from '../../../runtime/common/git-safety';
import { createRepo, describeRepo, importRepo } from '../../../runtime/repos/repos';
import { repoPath } from '../../../runtime/repos/store';
import { installHooks } from '../../../runtime/repos/hooks';
import { securityBox } from './crafted-state';

/** A program that proves it ran by creating `marker`. */
function tattler(dir: string, marker: string): string {
  const script = path.join(dir, 'tattler.sh');
  fs.writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\ncat >/dev/null 2>&1\nexit 0\n`, { mode: 0o755 });
  return script;
}

const CRAFTED: Array<[string, (program: string) => string]> = [
  ['core.fsmonitor', (p) => `[core]\n\tfsmonitor = ${p}\n`],
  ['core.hooksPath', (p) => `[core]\n\thooksPath = ${path.dirname(p)}\n`],
  ['a textconv driver', (p) => `[diff "x"]\n\ttextconv = ${p}\n`],
  ['a merge driver', (p) => `[merge "x"]\n\tdriver = ${p} %O %A %B\n`],
  ['gpg.program with log.showSignature', (p) => `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${p}\n`],
  ['core.sshCommand', (p) => `[core]\n\tsshCommand = ${p}\n`],
  ['credential.helper', (p) => `[credential]\n\thelper = !${p}\n`],
  ['an include', (p) => `[include]\n\tpath = ${p}.cfg\n`],
  ['a conditional include', (p) => `[includeIf "gitdir:/"]\n\tpath = ${p}.cfg\n`],
  ['a key in other case', (p) => `[Core]\n\tFsMonitor = ${p}\n`],
  ['url.insteadOf turning a path into ext::', (p) => `[url "ext::${p} %S "]\n\tinsteadOf = /\n`],
  ['core.alternateRefsCommand', (p) => `[core]\n\talternateRefsCommand = ${p}\n`],
  // A bare clone's origin url is allowed; what a remote runs is not.
  ['a remote uploadpack beside an allowed origin url', (p) => `[remote "origin"]\n\turl = /elsewhere.git\n\tuploadpack = ${p}\n`],
];

test('a hosted repository whose config names a program is refused by read commands with one line, and nothing runs', async (t) => {
  const box = securityBox(t);
  const marker = path.join(box.dir, 'ran');
  const program = tattler(box.dir, marker);
  await createRepo(box.state, 'r1', { user: 'dev' });
  const config = path.join(repoPath(box.state, 'r1'), 'config');
  const original = fs.readFileSync(config, 'utf8');
  for (const [what, crafted] of CRAFTED) {
    fs.writeFileSync(config, original + crafted(program));
    await assert.rejects(describeRepo(box.state, 'r1'), (error: Error) => {
      assert.match(error.message, /has configuration Slipway did not write .*refusing to run git on it/, what);
      assert.equal(error.message.split('\n').length, 1);
      return true;
    });
    assert.ok(!fs.existsSync(marker), `${what}: nothing ran`);
  }
  fs.writeFileSync(config, original);
  assert.equal((await describeRepo(box.state, 'r1')).name, 'r1', 'the config Slipway wrote is accepted');
});

test('a hosted repository that points git at another repository (commondir, alternates) is refused: that config, refs and hooks were never checked', async (t) => {
  const box = securityBox(t);
  const marker = path.join(box.dir, 'ran');
  const program = tattler(box.dir, marker);
  await createRepo(box.state, 'r3', { user: 'dev' });
  const gitDir = repoPath(box.state, 'r3');
  const evil = path.join(box.dir, 'evil.git');
  spawnSync('git', ['init', '-q', '--bare', evil]);
  fs.appendFileSync(path.join(evil, 'config'), `[core]\n\tfsmonitor = ${program}\n[alias]\n\tlog = !${program}\n`);
  for (const [file, text] of [['commondir', evil], [path.join('objects', 'info', 'alternates'), path.join(evil, 'objects')], [path.join('objects', 'info', 'http-alternates'), 'http://127.0.0.1:9/']]) {
    fs.mkdirSync(path.dirname(path.join(gitDir, file)), { recursive: true });
    fs.writeFileSync(path.join(gitDir, file), text + '\n');
    await assert.rejects(describeRepo(box.state, 'r3'), (error: Error) => /points git at another repository's files; refusing to run git on it/.test(error.message) && error.message.split('\n').length === 1, file);
    fs.rmSync(path.join(gitDir, file));
    assert.ok(!fs.existsSync(marker), `${file}: nothing ran`);
  }
  assert.equal((await describeRepo(box.state, 'r3')).name, 'r3');
});

test('hooks that are not Slipway’s are removed before any command can trigger them; its own are rewritten by content', async (t) => {
  const box = securityBox(t);
  const marker = path.join(box.dir, 'ran');
  const program = tattler(box.dir, marker);
  await createRepo(box.state, 'r2', { user: 'dev' });
  const hooks = path.join(repoPath(box.state, 'r2'), 'hooks');
  const own = fs.readFileSync(path.join(hooks, 'pre-receive'), 'utf8');
  for (const hook of ['update', 'reference-transaction', 'post-update', 'proc-receive']) fs.copyFileSync(program, path.join(hooks, hook));
  fs.writeFileSync(path.join(hooks, 'pre-receive'), `#!/bin/sh\n${program}\n`, { mode: 0o755 });
  await describeRepo(box.state, 'r2');
  assert.deepEqual(fs.readdirSync(hooks).filter((f) => !f.endsWith('.sample')).sort(), ['post-receive', 'pre-receive']);
  assert.equal(fs.readFileSync(path.join(hooks, 'pre-receive'), 'utf8'), own);
  assert.ok(!fs.existsSync(marker));
});

test('the neutralised environment overrides repository config that runs programs (the test fails without it)', (t) => {
  const box = securityBox(t);
  const marker = path.join(box.dir, 'ran');
  const program = tattler(box.dir, marker);
  const repo = path.join(box.dir, 'work');
  spawnSync('git', ['init', '-q', repo]);
  fs.writeFileSync(path.join(repo, 'a.txt'), 'a');
  spawnSync('git', ['-C', repo, 'config', 'core.fsmonitor', program]);
  spawnSync('git', ['-C', repo, 'config', 'core.hooksPath', path.dirname(program)]);
  fs.copyFileSync(program, path.join(box.dir, 'post-index-change'));
  spawnSync('git', ['-C', repo, 'status', '--porcelain'], { env: neutralisedGitEnv(process.env) });
  assert.ok(!fs.existsSync(marker), 'neutralised: nothing ran');
  spawnSync('git', ['-C', repo, 'status', '--porcelain'], { env: process.env });
  assert.ok(fs.existsSync(marker), 'without it the configured program runs (so the check above can fail)');
});

test('a build source whose ref or URL starts with "-" is refused before git sees it', (t) => {
  const box = securityBox(t);
  fs.mkdirSync(path.join(box.dir, 'repos', 'r.git'), { recursive: true });
  const marker = path.join(box.dir, 'ran');
  for (const spec of [`repo:r@--upload-pack=touch ${marker}`, `--upload-pack=touch ${marker};.git`, `-oProxyCommand=touch ${marker}.git`, `https://example.invalid/x.git#--orphan=x`]) {
    assert.throws(() => parseGitSource(spec, new StateStore(box.dir)), /starts with "-", which git would read as an option/, spec);
  }
  assert.ok(!fs.existsSync(marker));
});

test('repo import of a source that starts with "-" never lets git read it as an option', async (t) => {
  const box = securityBox(t);
  const marker = path.join(box.dir, 'ran');
  for (const from of [`--upload-pack=touch ${marker}`, `-u touch ${marker}`, `--config=core.fsmonitor=touch ${marker}`]) {
    await assert.rejects(importRepo(box.state, `i${from.length}`, from, { user: 'dev' }), /git clone failed/);
    assert.ok(!fs.existsSync(marker), from);
  }
});

test('a hosted repository whose hooks folder is a link outside is given its own hooks folder; the link target is untouched', (t) => {
  const box = securityBox(t);
  const store = new StateStore(path.join(box.dir, 'home'));
  const victim = path.join(box.dir, 'victim');
  fs.mkdirSync(victim);
  fs.writeFileSync(path.join(victim, 'keep.txt'), 'precious');
  const gitDir = repoPath(store, 'linked');
  fs.mkdirSync(gitDir, { recursive: true });
  spawnSync('git', ['init', '-q', '--bare', gitDir]);
  fs.rmSync(path.join(gitDir, 'hooks'), { recursive: true, force: true });
  fs.symlinkSync(victim, path.join(gitDir, 'hooks'));
  installHooks(gitDir);
  assert.equal(fs.readFileSync(path.join(victim, 'keep.txt'), 'utf8'), 'precious', 'nothing in the link target was deleted');
  assert.deepEqual(fs.readdirSync(victim), ['keep.txt'], 'no hook was written through the link');
  assert.ok(fs.lstatSync(path.join(gitDir, 'hooks')).isDirectory());
  assert.ok(fs.existsSync(path.join(gitDir, 'hooks', 'pre-receive')));
});
