// Slipway: Run Build from the palette builds examples/hello-service: the live log in a
// terminal, the result notification, the build in the Builds view, its JUnit report in
// the Test Explorer and the build detail panel.
export default async function build(wb) {
  const { page } = wb;
  await wb.openSlipway();
  await wb.runCommand('Slipway: Run Build');
  // With several buildspecs in the workspace the command asks which one.
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'buildspec.yml' }).first();
  const notification = page.locator('.notification-toast', { hasText: 'SUCCEEDED' }).first();
  await Promise.race([choice.waitFor({ timeout: 30000 }), notification.waitFor({ timeout: 30000 })]).catch(() => undefined);
  if (await choice.isVisible()) await choice.click();
  await page.locator('.terminal-tab, .tabs-container .tab, .single-terminal-tab', { hasText: 'Build hello-service' }).first().waitFor({ timeout: 60000 }).catch(() => undefined);
  await wb.waitForNotification('SUCCEEDED', 180000);
  await wb.screenshot('build-succeeded');

  await wb.expandView('Builds');
  await page.locator('.monaco-list-row', { hasText: '#1' }).filter({ hasText: 'SUCCEEDED' }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('build-view');

  // The JUnit report of the example reached the testing API.
  await wb.runCommand('Testing: Focus on Test Explorer View');
  await page.locator('.monaco-list-row', { hasText: 'unit-tests' }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('build-test-report');

  // The build detail panel opens from the Builds view.
  await wb.openSlipway();
  await wb.clickUntil(page.locator('.monaco-list-row', { hasText: '#1' }).filter({ hasText: 'SUCCEEDED' }).first(), page.locator('.tab', { hasText: 'Build hello-service #1' }).first());
  // The panel renders the phases and the report inside the webview's frames.
  const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
  await panel.locator('h2', { hasText: 'Phases' }).waitFor({ timeout: 30000 });
  await panel.locator('text=UPLOAD_ARTIFACTS').first().waitFor({ timeout: 30000 });
  await panel.locator('vscode-collapsible[title*="unit-tests"]').first().waitFor({ timeout: 30000 });
  await wb.screenshot('build-detail');
  // Leave the workbench as the next scenario expects it: Explorer shown, no editors, no panel.
  await wb.runCommand('View: Close All Editors');
  await wb.runCommand('View: Hide Panel');
  await wb.runCommand('View: Show Explorer');
}
