// Builds through the real extension API: the Run Build command with a buildspec uri,
// the slipway-build task type, and the build record in the workspace's state home.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

describe('Slipway builds', () => {
  before(async () => {
    await vscode.extensions.getExtension('slipway.slipway').activate();
  });

  it('runs the example buildspec and parses its JUnit report', async function () {
    this.timeout(180000);
    const root = vscode.workspace.workspaceFolders[0].uri.fsPath;
    const record = await vscode.commands.executeCommand('slipway.runBuild', vscode.Uri.file(path.join(root, 'buildspec.yml')));
    assert.equal(record.status, 'SUCCEEDED');
    // A buildspec report group named by a plain name is the project's `<project>-<name>`
    // (CodeBuild User Guide, "Create a report group"; runtime/builds/reports/index.ts).
    const report = record.reports.find((r) => r.name === `${record.project}-unit-tests`);
    assert.ok(report, `no ${record.project}-unit-tests report in ${JSON.stringify(record.reports.map((r) => r.name))}`);
    assert.equal(report.totals.failed, 0);
    assert.ok(report.totals.passed >= 2);
    assert.ok(fs.existsSync(record.logFile));
    assert.ok(record.logFile.startsWith(path.join(root, '.slipway')));
    assert.ok(record.exportedVariables.BUILT_AT);
  });

  it('offers every buildspec as a slipway-build task', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'slipway-build' });
    assert.ok(tasks.some((t) => t.definition.buildspec === 'buildspec.yml'), tasks.map((t) => t.name).join(', '));
  });
});
