// The review's diff editor reads file versions of a hosted repository through
// `slipway-git:` URIs (client/repos/review/git-content.ts), with runtime/repos/git.ts
// (simple-git). A URI is data anyone can write: its commit never becomes a git option.
import './recording-vscode';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { GitContentProvider } from '../../../client/repos/review/git-content';

function uri(gitDir: string, commit: string, file: string): vscode.Uri {
  return { path: `/${file}`, query: new URLSearchParams({ gitDir, commit, side: 'source', review: 'r#1' }).toString() } as unknown as vscode.Uri;
}

test('a file version is read from the hosted repository; a missing one is empty; a commit beginning with "-" writes nothing', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-review-content-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const gitDir = path.join(root, 'r.git');
  execFileSync('git', ['init', '-q', '--bare', gitDir]);
  const blob = execFileSync('git', ['--git-dir', gitDir, 'hash-object', '-w', '--stdin'], { input: 'hello\n', encoding: 'utf8' }).trim();
  const tree = execFileSync('git', ['--git-dir', gitDir, 'mktree'], { input: `100644 blob ${blob}\tREADME.md\n`, encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['--git-dir', gitDir, 'commit-tree', tree, '-m', 'c'], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x' } }).trim();
  const provider = new GitContentProvider();
  assert.equal(await provider.provideTextDocumentContent(uri(gitDir, commit, 'README.md')), 'hello\n');
  assert.equal(await provider.provideTextDocumentContent(uri(gitDir, commit, 'gone.md')), '');
  const written = path.join(root, 'written');
  assert.equal(await provider.provideTextDocumentContent(uri(gitDir, `--output=${written}`, 'README.md')), '');
  assert.deepEqual(fs.readdirSync(root).filter((name) => name.startsWith('written')), [], 'git show wrote its output to a file the URI named');
});
