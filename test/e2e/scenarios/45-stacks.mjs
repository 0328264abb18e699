// Deploys examples/hello-service/template.yaml as a local stack from the template's
// CodeLens: "Preview changes" shows the change set (three Adds), Execute runs it, the
// notification, the page's live events and the Stacks view
// report CREATE_COMPLETE, and the SSM parameter is in the local parameter store.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands } from '../lib/commands.mjs';

export default async function stacks(wb, { env, repo }) {
  const { page } = wb;
  const { cli } = commands({ repo, cwd: wb.workspace, env });
  let failure;
  try {
    // From the Explorer (Quick Open depends on the file search having indexed the workspace).
    await wb.openExplorer();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'template.yaml' }).first().click();
    await page.locator('.tab.active', { hasText: 'template.yaml' }).waitFor({ timeout: 30000 });
    // The lens sits above line 1; an earlier scenario may have left this editor scrolled down.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    const lens = page.locator('.codelens-decoration a', { hasText: 'Preview changes' }).first();
    await lens.waitFor({ timeout: 60000 });
    await lens.click();
    await wb.answer('hello');
    await wb.pick('Use these parameters');

    const frame = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    await frame.locator('vscode-table-row', { hasText: 'ReleaseBucket' }).first().waitFor({ timeout: 60000 });
    await frame.locator('vscode-table-row', { hasText: 'AWS::CodeDeploy::Application' }).first().waitFor({ timeout: 10000 });
    await wb.screenshot('stack-changeset');
    await frame.locator('vscode-button#execute').click();
    await wb.waitForNotification(/stack hello is CREATE_COMPLETE/, 120000);
    await frame.locator('#stack-status', { hasText: 'CREATE_COMPLETE' }).waitFor({ timeout: 30000 });
    await wb.screenshot('stack-executed');

    await wb.openSlipway();
    await wb.expandView('Stacks');
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Stacks' }) }).first();
    await pane.locator('.monaco-list-row', { hasText: 'CREATE_COMPLETE' }).first().click();
    await pane.locator('.monaco-list-row', { hasText: 'Resources' }).first().click();
    await pane.locator('.monaco-list-row', { hasText: 'GreetingParameter' }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('stacks-view');

    const value = cli('param', 'get', '/hello-service/dev/greeting').trim();
    if (value !== 'Hello from hello-service') throw new Error(`the stack's SSM parameter holds "${value}"`);
    const [described] = JSON.parse(cli('stack', 'describe', 'hello', '--json')).Stacks;
    if (described.StackStatus !== 'CREATE_COMPLETE') throw new Error(`stack hello is ${described.StackStatus}`);
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    await page.keyboard.press('Escape');
    // The pipeline scenario deploys this template again under its own stack name with the same
    // resource names; as on AWS, names must be free: delete this stack and the bucket its
    // Retain policy keeps.
    try {
      cli('stack', 'delete', 'hello');
    } catch (error) {
      // A scenario that failed before creating the stack reports why, not that there was nothing to delete.
      if (!failure) throw error;
      wb.log(`cleanup after the failure: ${error.message.split('\n')[0]}`);
    } finally {
      fs.rmSync(path.join(wb.workspace, '.slipway', 's3', 'hello-service-dev-releases'), { recursive: true, force: true });
    }
  }
}
