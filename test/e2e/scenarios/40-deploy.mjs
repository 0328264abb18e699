// Deploys examples/hello-service from its appspec.yml CodeLens to a group of two local
// instances: the deployment succeeds, the Deployments view shows it down to the
// lifecycle events, and each instance's service answers over HTTP.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands } from '../lib/commands.mjs';

export default async function deploy(wb, { env, run, repo }) {
  const { page } = wb;
  const { cli: slipway } = commands({ repo, cwd: wb.workspace, env });
  const cli = (...args) => slipway('deploy', ...args);
  const instances = ['a', 'b'].map((name) => ({ name, root: path.join(run, 'instances', name) }));
  cli('app', 'create', 'hello-e2e');
  cli('group', 'create', 'hello-e2e', 'local', ...instances.flatMap((i) => ['--instance', `${i.name}=${i.root}`]));
  const pids = () => instances.map((i) => path.join(i.root, 'srv/hello-service/service.pid')).filter((f) => fs.existsSync(f)).map((f) => Number(fs.readFileSync(f, 'utf8')));
  try {
    // Quick Open finds files once the workbench has indexed them; on a loaded machine a second try helps.
    await wb.openFile('appspec.yml').catch(() => wb.openFile('appspec.yml'));
    const lens = page.locator('.codelens-decoration a', { hasText: 'Deploy to a group' }).first();
    await lens.waitFor({ timeout: 60000 });
    await lens.click();
    await wb.pick('hello-e2e / local');
    await wb.waitForNotification(/deployment d-\S+ Succeeded/, 180000);
    await wb.screenshot('deploy-succeeded');

    await wb.openSlipway();
    await wb.expandView('Deployments');
    for (const other of ['Repositories', 'Builds', 'Stacks', 'Pipelines']) await wb.collapseView(other);
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Deployments' }) }).first();
    await pane.locator('.monaco-list-row[aria-level="2"]', { hasText: 'local' }).first().waitFor({ timeout: 30000 });
    // Down to an instance's lifecycle events: deployment → instance a → its events. An instance
    // row's click opens the service it serves (its row command), so rows expand by their twistie.
    await wb.expandRow(pane.locator('.monaco-list-row[aria-level="3"]', { hasText: 'Succeeded' }).first());
    await wb.expandRow(pane.locator('.monaco-list-row[aria-level="4"]', { hasText: /^a/ }).first());
    // An event row opens that event's output on this instance.
    await wb.clickUntil(pane.locator('.monaco-list-row[aria-level="5"]', { hasText: 'DownloadBundle' }).first(), page.locator('.tab', { hasText: 'DownloadBundle.log' }).first());
    await wb.screenshot('deploy-view');

    // The details page: per-instance lifecycle events, and where each instance serves (answering).
    await wb.runCommand('Slipway: Show Deployment Details');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hello-e2e/local' }).first().click();
    const details = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
    await details.locator('h1', { hasText: 'Deployment d-' }).waitFor({ timeout: 30000 });
    await details.locator('text=ValidateService').first().waitFor({ timeout: 30000 });
    await details.locator('text=(answering)').first().waitFor({ timeout: 30000 });
    await wb.screenshot('deploy-details');
    await wb.runCommand('View: Close All Editors');

    for (const instance of instances) {
      const port = fs.readFileSync(path.join(instance.root, 'srv/hello-service/port'), 'utf8').trim();
      const body = await (await fetch(`http://127.0.0.1:${port}/health`)).text();
      if (body.trim() !== 'ok') throw new Error(`instance ${instance.name} answered "${body}"`);
    }
  } finally {
    for (const pid of pids()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already stopped
      }
    }
    await page.keyboard.press('Escape');
  }
}
