// In an untrusted workspace: language features still work (a diagnostic appears), and a
// command that would run workspace content refuses, saying why.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function untrusted(wb) {
  const { page } = wb;
  // The restricted-mode banner says the workspace is not trusted.
  await page.locator('.monaco-workbench', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60000 });

  fs.writeFileSync(path.join(wb.workspace, 'buildspec-untrusted.yml'), 'version: 0.2\nphases:\n  build:\n    commands: [echo\n');
  await wb.openFile('buildspec-untrusted.yml');
  await wb.showProblems();
  await wb.waitForProblem('Flow sequence');

  await wb.runCommand('Slipway: Run Build');
  await wb.waitForNotification('not trusted');
  await wb.screenshot('untrusted-refusal');
  if (fs.existsSync(path.join(wb.workspace, '.slipway', 'builds')) && fs.readdirSync(path.join(wb.workspace, '.slipway', 'builds')).length > 0) {
    throw new Error('a build ran in an untrusted workspace');
  }
  // The trusted scenarios that follow in this workbench list the workspace's buildspecs.
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('View: Close All Editors');
  fs.rmSync(path.join(wb.workspace, 'buildspec-untrusted.yml'));
}
