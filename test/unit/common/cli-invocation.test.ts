// Hooks, SSH forced commands and pipeline drivers start the CLI the same way, with one
// SLIPWAY_CLI format (a JSON argv); anything else is refused with a message saying so. Hooks
// start their own entry point (SLIPWAY_HOOK, the same format), else the CLI's `repo hook`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { cliInvocation, hookInvocation } from '../../../runtime/common/cli-invocation';

const REPO = path.resolve(__dirname, '../../..');

function withEnv<T>(values: { SLIPWAY_CLI?: string; SLIPWAY_HOOK?: string }, run: () => T): T {
  const saved = { SLIPWAY_CLI: process.env.SLIPWAY_CLI, SLIPWAY_HOOK: process.env.SLIPWAY_HOOK };
  const set = (name: 'SLIPWAY_CLI' | 'SLIPWAY_HOOK', value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  set('SLIPWAY_CLI', values.SLIPWAY_CLI);
  set('SLIPWAY_HOOK', values.SLIPWAY_HOOK);
  try {
    return run();
  } finally {
    set('SLIPWAY_CLI', saved.SLIPWAY_CLI);
    set('SLIPWAY_HOOK', saved.SLIPWAY_HOOK);
  }
}

test('SLIPWAY_CLI is a JSON argv, used as given', () => {
  assert.deepEqual(withEnv({ SLIPWAY_CLI: '["/usr/bin/node","/opt/slipway/cli.js"]' }, cliInvocation), ['/usr/bin/node', '/opt/slipway/cli.js']);
});

test('a bare path, an empty array or non-strings in SLIPWAY_CLI or SLIPWAY_HOOK are refused naming the expected format', () => {
  for (const bad of ['/opt/slipway/cli.js', '[]', '[1]', '{"argv":[]}', '[""]']) {
    assert.throws(() => withEnv({ SLIPWAY_CLI: bad }, cliInvocation), /SLIPWAY_CLI must be a JSON array of the CLI's argv/, bad);
    assert.throws(() => withEnv({ SLIPWAY_HOOK: bad }, hookInvocation), /SLIPWAY_HOOK must be a JSON array of the hook entry point's argv/, bad);
    assert.throws(() => withEnv({ SLIPWAY_CLI: bad }, hookInvocation), /SLIPWAY_CLI must be a JSON array of the CLI's argv/, bad);
  }
});

test('without SLIPWAY_CLI, from the sources, the CLI is runtime/cli/cli-main.ts through tsx', () => {
  const argv = withEnv({}, cliInvocation);
  assert.equal(argv[0], process.execPath);
  assert.match(argv.at(-1)!, /runtime[\\/]cli[\\/]cli-main\.ts$/);
  assert.equal(argv[argv.indexOf('--require') + 1], require.resolve('tsx/cjs'));
});

test('from the editor\'s Electron, the hooks and the CLI run it as node (ELECTRON_RUN_AS_NODE), and that argv runs', () => {
  Object.defineProperty(process.versions, 'electron', { value: '35.0.0', configurable: true });
  try {
    for (const invocation of [cliInvocation, hookInvocation]) {
      const argv = withEnv({}, invocation);
      assert.deepEqual(argv.slice(0, 3), ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath]);
    }
    const [command, ...args] = withEnv({}, cliInvocation);
    const ran = spawnSync(command, [...args, '--version'], { encoding: 'utf8' });
    assert.equal(ran.status, 0, ran.stderr);
  } finally {
    delete (process.versions as Record<string, string | undefined>).electron;
  }
});

test('hooks run SLIPWAY_HOOK, else the CLI of SLIPWAY_CLI with `repo hook`, else runtime/cli/hook-main.ts through tsx', () => {
  assert.deepEqual(withEnv({ SLIPWAY_CLI: '["/usr/bin/node","/opt/slipway/cli.js"]', SLIPWAY_HOOK: '["/usr/bin/node","/opt/slipway/hook.js"]' }, hookInvocation), ['/usr/bin/node', '/opt/slipway/hook.js']);
  assert.deepEqual(withEnv({ SLIPWAY_CLI: '["/usr/bin/node","/opt/slipway/cli.js"]' }, hookInvocation), ['/usr/bin/node', '/opt/slipway/cli.js', 'repo', 'hook']);
  const argv = withEnv({}, hookInvocation);
  assert.match(argv.at(-1)!, /runtime[\\/]cli[\\/]hook-main\.ts$/);
  assert.equal(argv[argv.indexOf('--require') + 1], require.resolve('tsx/cjs'));
});

test('the built CLI installs hooks that run dist/hook.js: pre-receive enforces the branch rules, post-receive records the push', () => {
  // dist/ is what `npm run build` wrote (the unit layer runs after it).
  const cli = path.join(REPO, 'dist', 'cli.js');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hook-entry-'));
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: root, SLIPWAY_HOME: path.join(root, 'home'), SLIPWAY_USER: 'dev', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(root, 'gitconfig') };
    fs.writeFileSync(env.GIT_CONFIG_GLOBAL!, '[user]\n\tname = Dev\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n');
    const slipway = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
    slipway('repo', 'create', 'app');
    const gitDir = path.join(root, 'home', 'repos', 'app.git');
    const hook = fs.readFileSync(path.join(gitDir, 'hooks', 'pre-receive'), 'utf8');
    assert.ok(hook.includes(`--v8-pool-size=0 ${path.join(REPO, 'dist', 'hook.js')} pre-receive`), hook);
    slipway('repo', 'rule', 'add', 'app', '--branch', 'main', '--require-pull-request');
    const work = path.join(root, 'work');
    const git = (...args: string[]) => spawnSync('git', args, { cwd: work, env, encoding: 'utf8' });
    fs.mkdirSync(work);
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'first');
    const pushed = git('push', '-q', gitDir, 'HEAD:main');
    assert.notEqual(pushed.status, 0);
    assert.match(pushed.stderr, /slipway: push refused for dev: /);
    const other = git('push', '-q', gitDir, 'HEAD:feature');
    assert.equal(other.status, 0, other.stderr);
    assert.equal(JSON.parse(slipway('repo', 'describe', 'app', '--json')).repositoryMetadata.defaultBranch, 'feature', 'post-receive made the first branch pushed the default');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
