// Buildspec intelligence in the real editor: a misspelt key shows in the Problems view
// with its did-you-mean, and completion inside a phase offers the phase's keys.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function langBuildspec(wb) {
  const { page } = wb;
  const broken = path.join(wb.workspace, 'buildspec-typo.yml');
  const completing = path.join(wb.workspace, 'buildspec-complete.yml');
  fs.writeFileSync(broken, 'version: 0.2\nphases:\n  build:\n    comands:\n      - npm test\n');
  fs.writeFileSync(completing, 'version: 0.2\nphases:\n  build:\n    ');
  await openFromExplorer(wb, 'buildspec-typo.yml');
  await wb.showProblems();
  await wb.waitForProblem('did you mean "commands"');
  await wb.screenshot('lang-buildspec-diagnostic');

  await openFromExplorer(wb, 'buildspec-complete.yml');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.editor-widget.suggest-widget .monaco-list-row');
  for (const key of ['commands', 'finally', 'on-failure', 'run-as']) await suggest.filter({ hasText: key }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('lang-buildspec-completion');
  await page.keyboard.press('Escape');

  await wb.runCommand('View: Close All Editors');
  fs.rmSync(broken);
  fs.rmSync(completing);
}

/** Opens a file the scenario just wrote through the Explorer, which watches the disk (quick open's file list may lag). */
async function openFromExplorer(wb, name) {
  await wb.runCommand('View: Show Explorer');
  const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  await wb.page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20000 });
}
