// The Slipway container and its five views render; a palette command runs; the
// server's diagnostic for a broken buildspec shows in the Problems view.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function foundation(wb) {
  const { page } = wb;
  await wb.openSlipway();
  for (const title of ['Repositories', 'Builds', 'Stacks', 'Deployments', 'Pipelines']) {
    await page.locator('.pane-header', { hasText: title }).first().waitFor({ timeout: 30000 });
  }
  // An empty view shows its welcome content with the action that fills it.
  await wb.expandView('Builds');
  await page.locator('.welcome-view-content', { hasText: 'No builds yet' }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('foundation-views');

  await wb.runCommand('Slipway: Validate Workspace Files');
  await wb.waitForNotification('files checked');

  fs.writeFileSync(path.join(wb.workspace, 'buildspec-broken.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - "unterminated\n');
  await wb.openFile('buildspec-broken.yml');
  await wb.showProblems();
  await wb.waitForProblem('Missing closing');
  await wb.screenshot('foundation-problems');
}
