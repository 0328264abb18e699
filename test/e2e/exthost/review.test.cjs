// Pull-request diff tabs: their sides come from a content provider registered at activation,
// so a tab VS Code restores after a reload shows the file before any review command runs.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');

describe('Slipway review', () => {
  before(async () => {
    await vscode.extensions.getExtension('slipway.slipway').activate();
  });

  it('reads a pull-request diff side from git without a review command having run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-exthost-review-'));
    const git = (...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
    git('init', '--quiet');
    fs.writeFileSync(path.join(dir, 'app.js'), 'console.log("from git");\n');
    git('add', 'app.js');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'one');
    const commit = git('rev-parse', 'HEAD');
    const query = new URLSearchParams({ gitDir: path.join(dir, '.git'), commit, side: 'source', review: 'exthost/1' }).toString();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'slipway-git', path: '/app.js', query }));
    assert.equal(document.getText(), 'console.log("from git");\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
