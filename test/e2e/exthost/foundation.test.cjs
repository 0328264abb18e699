// API-level checks of the foundation inside a real extension host.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'slipway.slipway';

function workspaceRoot() {
  return vscode.workspace.workspaceFolders[0].uri.fsPath;
}

/** Resolves with the diagnostics of a uri once they satisfy the predicate. */
function diagnosticsOf(uri, predicate) {
  return new Promise((resolve) => {
    const check = () => {
      const found = vscode.languages.getDiagnostics(uri);
      if (predicate(found)) {
        subscription.dispose();
        resolve(found);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(check);
    check();
  });
}

describe('Slipway foundation', () => {
  let api;

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    api = await extension.activate();
  });

  it('activates and reports its activation time', () => {
    assert.equal(typeof api.activationMs, 'number');
    // Recorded for bench/extension.ts (a figure, not an assertion).
    const results = path.resolve(__dirname, '../../../test-results/e2e');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'metrics.json'), JSON.stringify({ activationMs: api.activationMs, measuredAt: new Date().toISOString() }));
    assert.ok(api.ctx.stateHome.endsWith('.slipway'), api.ctx.stateHome);
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['slipway.validateWorkspace', 'slipway.showLog', 'slipway.refresh']) assert.ok(commands.includes(id), id);
  });

  it('publishes a syntax error for a broken buildspec and clears it when fixed', async () => {
    const file = path.join(workspaceRoot(), 'ci', 'buildspec-broken.yml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'version: 0.2\nphases:\n  build:\n    commands: [echo hi\n');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const errors = await diagnosticsOf(document.uri, (d) => d.length > 0);
    assert.equal(errors[0].source, 'slipway');
    assert.equal(errors[0].code, 'E0000');
    assert.equal(errors[0].range.start.line, 3);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), 'version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n');
    await vscode.workspace.applyEdit(edit);
    const cleared = await diagnosticsOf(document.uri, (d) => d.every((x) => x.code !== 'E0000'));
    assert.ok(cleared.every((x) => x.code !== 'E0000'));
  });

  it('validates the workspace files through the server', async () => {
    const result = await vscode.commands.executeCommand('slipway.validateWorkspace');
    assert.ok(result.filesChecked >= 4, `checked ${result.filesChecked}`);
  });
});
