// Runs examples/hello-service/pipeline.json from the editor: the pipeline is created from
// the open declaration and starts at once (source from a hosted repository, CodeBuild,
// manual approval, CloudFormation stack, CodeDeploy). The pipeline view is screenshotted
// while it waits for approval, approved from its Review card, and screenshotted at the end;
// the deployed service answers over HTTP and the Pipelines view lists the execution.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands } from '../lib/commands.mjs';

export default async function pipeline(wb, { env, run, repo }) {
  const { page } = wb;
  const { cli } = commands({ repo, cwd: wb.workspace, env });
  const instanceRoot = path.join(run, 'instances', 'pipeline-web');
  const pidFile = path.join(instanceRoot, 'srv/hello-service/service.pid');
  // A workspace copied with an earlier run's .slipway (npm start writes one) starts from a clean account.
  const state = path.join(wb.workspace, '.slipway');
  if (fs.existsSync(path.join(state, 'pipelines', 'hello-service'))) cli('pipeline', 'delete', 'hello-service');
  if (fs.existsSync(path.join(state, 'repos', 'hello-service.git'))) cli('repo', 'delete', 'hello-service', '--yes');
  if (fs.existsSync(path.join(state, 'builds', 'projects', 'hello-service.json'))) cli('build', 'project', 'delete', 'hello-service');
  if (fs.existsSync(path.join(state, 'deployments', 'instances', 'pipeline-web.json'))) cli('deploy', 'instance', 'deregister', 'pipeline-web');
  cli('repo', 'import', 'hello-service', '--from', wb.workspace);
  cli('build', 'project', 'create', 'hello-service');
  cli('deploy', 'instance', 'register', 'pipeline-web', '--root', instanceRoot, '--tag', 'app=hello-service');
  try {
    await wb.openFile('pipeline.json');
    await wb.runCommand('Slipway: Create Pipeline from Declaration…');
    // The webview: VS Code nests the panel's page two frames deep.
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await view.locator('h1', { hasText: 'hello-service' }).waitFor({ timeout: 60000 });
    const review = view.locator('vscode-button', { hasText: 'Review' });
    await review.waitFor({ timeout: 240000 });
    await view.locator('blockquote', { hasText: 'Release build 1.0.0 of commit' }).waitFor({ timeout: 10000 });
    // The approval is announced with its next steps, wherever the user is looking.
    await wb.waitForNotification('waits for approval', 30000);
    await wb.screenshot('pipeline-waiting-for-approval');

    await review.click();
    await view.locator('vscode-textarea').click();
    await page.keyboard.type('Looks good');
    await view.locator('.review vscode-button', { hasText: 'Approve' }).click();
    await view.locator('section.stage[aria-label="Stage Deploy: Succeeded"]').waitFor({ timeout: 240000 });
    await wb.screenshot('pipeline-succeeded');

    const port = fs.readFileSync(path.join(instanceRoot, 'srv/hello-service/port'), 'utf8').trim();
    const body = await (await fetch(`http://127.0.0.1:${port}/health`)).text();
    if (body.trim() !== 'ok') throw new Error(`the deployed service answered "${body}"`);

    await wb.openSlipway();
    await wb.expandView('Pipelines');
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Pipelines' }) }).first();
    await pane.locator('.monaco-list-row', { hasText: 'hello-service' }).first().waitFor({ timeout: 30000 });
    await pane.locator('.monaco-list-row', { hasText: 'Succeeded' }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('pipeline-view');
  } finally {
    if (fs.existsSync(pidFile)) {
      try {
        process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
      } catch {
        // already stopped
      }
    }
    await page.keyboard.press('Escape');
  }
}
