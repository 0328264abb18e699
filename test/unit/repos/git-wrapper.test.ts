// runtime/repos/git.ts runs git through simple-git (and, for silent hot-path commands, the
// hand-written spawn). Both must keep issue #20's hygiene: the neutralising settings reach
// git, a hook's variables do not, refs beginning with "-" stay operands, and simple-git's
// own guards still refuse the options Slipway never passes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { gitResult, resolveRef } from '../../../runtime/repos/git';

function bareRepo(t: { after: (fn: () => void) => void }): { root: string; gitDir: string; commit: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-git-wrapper-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const gitDir = path.join(root, 'r.git');
  execFileSync('git', ['init', '-q', '--bare', gitDir]);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x' };
  const tree = execFileSync('git', ['--git-dir', gitDir, 'mktree'], { input: '', encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['--git-dir', gitDir, 'commit-tree', tree, '-m', 'first'], { env, encoding: 'utf8' }).trim();
  execFileSync('git', ['--git-dir', gitDir, 'update-ref', 'refs/heads/main', commit]);
  return { root, gitDir, commit };
}

for (const quiet of [false, true]) {
  const via = quiet ? 'the hand-written spawn' : 'simple-git';
  test(`through ${via}, a hosted-repository command gets the neutralising settings and none of a hook's variables`, async (t) => {
    const { root, gitDir } = bareRepo(t);
    const hooksPath = await gitResult(['--git-dir', gitDir, 'config', '--get', 'core.hooksPath'], { quiet });
    assert.equal(hooksPath.stdout.trim(), process.platform === 'win32' ? 'NUL' : '/dev/null');
    const helper = await gitResult(['--git-dir', gitDir, 'config', '--get-all', 'credential.helper'], { quiet });
    assert.equal(helper.stdout.trim(), '');
    // A git started from a hook inherits GIT_DIR & co.; Slipway's git never acts on them.
    const other = path.join(root, 'other.git');
    execFileSync('git', ['init', '-q', '--bare', other]);
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = other;
    t.after(() => (saved === undefined ? delete process.env.GIT_DIR : (process.env.GIT_DIR = saved)));
    const shown = await gitResult(['rev-parse', '--absolute-git-dir'], { cwd: gitDir, quiet });
    assert.equal(fs.realpathSync(shown.stdout.trim()), fs.realpathSync(gitDir));
  });

  test(`through ${via}, exit codes that are answers come back, others throw with git's reason`, async (t) => {
    const { gitDir, commit } = bareRepo(t);
    const missing = await gitResult(['--git-dir', gitDir, 'merge-base', '--is-ancestor', commit, '0000000000000000000000000000000000000001'], { okCodes: [1, 128], quiet });
    assert.notEqual(missing.code, 0);
    await assert.rejects(gitResult(['--git-dir', gitDir, 'cat-file', '-t', 'no-such-object'], { quiet }), /git --git-dir failed: /);
  });
}

test('a ref beginning with "-" stays an operand: resolveRef never lets git read it as an option', async (t) => {
  const { root, gitDir } = bareRepo(t);
  const written = path.join(root, 'written');
  assert.equal(await resolveRef(gitDir, `--output=${written}`), undefined);
  assert.equal(await resolveRef(gitDir, '--all'), undefined);
  assert.equal(fs.existsSync(written), false);
});

test('simple-git still refuses the program-running options Slipway never passes (its guards are opened only for Slipway’s own settings)', async (t) => {
  const { root, gitDir } = bareRepo(t);
  const ran = path.join(root, 'ran');
  const attacks: string[][] = [
    ['--git-dir', gitDir, 'fetch', `--upload-pack=touch ${ran}`, gitDir],
    ['-c', `core.pager=touch ${ran}`, '--git-dir', gitDir, 'log'],
    ['-c', `alias.x=!touch ${ran}`, '--git-dir', gitDir, 'x'],
    ['-c', `diff.external=touch ${ran}`, '--git-dir', gitDir, 'log', '-p'],
    ['--exec-path=/tmp', '--git-dir', gitDir, 'log'],
  ];
  for (const args of attacks) await assert.rejects(gitResult(args), /not permitted|blocked/, args.join(' '));
  assert.equal(fs.existsSync(ran), false);
});
