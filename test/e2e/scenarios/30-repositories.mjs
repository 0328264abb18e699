// Hosted repositories and review: the example is pushed to a hosted repository whose
// main needs a pull request; in the workbench the current branch is pushed, a pull
// request is created from it, its changed file opens in the diff editor and a review
// comment is left on a line through the Comments API.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands } from '../lib/commands.mjs';

export default async function repositories(wb, { env, repo }) {
  const { page } = wb;
  const ws = wb.workspace;
  const { cli, git } = commands({ repo, cwd: ws, env });

  const created = JSON.parse(cli('repo', 'create', 'hello-service', '--description', 'the example service', '--json'));
  git('remote', 'add', 'hosted', created.repositoryMetadata.cloneUrlHttp);
  git('push', '-q', 'hosted', 'main');
  cli('repo', 'rule', 'add', 'hello-service', '--branch', 'main', '--require-pull-request', '--approvals', '1');
  git('checkout', '-q', '-b', 'greeting');
  const server = path.join(ws, 'src', 'server.js');
  fs.appendFileSync(server, '// Greets the caller by name when one is given.\n');
  git('commit', '-qam', 'Friendlier greeting');

  await wb.openSlipway();
  await wb.expandView('Repositories');
  await page.locator('.monaco-list-row', { hasText: 'hello-service' }).first().waitFor({ timeout: 30000 });

  await wb.runCommand('Slipway: Push Current Branch to Hosted Repository');
  await wb.waitForNotification('pushed greeting');

  await wb.runCommand('Slipway: Create Pull Request from Current Branch');
  await wb.pick('main');
  // Each input box replaces the previous one: answer only once its own prompt shows.
  await page.locator('.quick-input-widget', { hasText: 'Pull request title' }).waitFor({ timeout: 30000 });
  await wb.answer('Friendlier greeting');
  await page.locator('.quick-input-widget', { hasText: 'Description (optional' }).waitFor({ timeout: 30000 });
  await wb.answer('Says hello by name.');
  await page.locator('.tab', { hasText: '#1 Friendlier greeting' }).first().waitFor({ timeout: 30000 });
  // The description page (a webview: two nested iframes) shows the approval the rule asks for.
  const description = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await description.locator('h1', { hasText: '#1 Friendlier greeting' }).waitFor({ timeout: 30000 });
  await description.locator('li', { hasText: '0/1 — rule main' }).waitFor({ timeout: 30000 });
  await wb.screenshot('repositories-pull-request');

  // The changed file from the pull request's row in the Repositories view.
  const repoRow = page.locator('.monaco-list-row', { hasText: 'hello-service' }).first();
  if ((await repoRow.getAttribute('aria-expanded')) !== 'true') await repoRow.locator('.monaco-tl-twistie').click();
  const prRow = page.locator('.monaco-list-row', { hasText: '#1 Friendlier greeting' }).first();
  await prRow.waitFor({ timeout: 30000 });
  await prRow.locator('.monaco-tl-twistie').click();
  // A click while the tree re-renders (the pull request's refs just changed) only selects the row.
  await wb.clickUntil(page.locator('.monaco-list-row', { hasText: 'server.js' }).first(), page.locator('.tab.active', { hasText: 'server.js' }).first());
  // The gutter shows the commenting ranges (source side only) once the comment controller has answered.
  const glyphs = page.locator('.comment-range-glyph');
  await glyphs.first().waitFor({ state: 'attached', timeout: 30000 });
  // Only the source side of the diff has the added line.
  const added = page.getByText('Greets the caller by name').last();
  try {
    await added.waitFor({ timeout: 30000 });
  } catch (error) {
    wb.log(`editor lines: ${JSON.stringify(await page.locator('.monaco-editor .view-line').allTextContents())}`);
    throw error;
  }
  await added.click();

  await wb.runCommand('Comments: Add Comment on Current Selection');
  const form = page.locator('.review-widget .comment-form').first();
  await form.waitFor({ timeout: 30000 });
  await form.locator('.monaco-editor').first().click();
  await page.keyboard.type('Should this also trim the name?');
  await page.locator('.review-widget').getByRole('button', { name: 'Add Comment' }).first().click();
  await page.locator('.review-widget .review-comment', { hasText: 'Should this also trim the name?' }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('repositories-review-comment');

  // GetPullRequest's shape, the comments as GetCommentsForPullRequest has them (under slipway).
  const { pullRequest } = JSON.parse(cli('pr', 'describe', 'hello-service', '1', '--json'));
  const threads = pullRequest.slipway.commentsForPullRequestData;
  const thread = threads.find((t) => t.comments.some((c) => c.content === 'Should this also trim the name?'));
  if (!thread || thread.location?.filePath !== 'src/server.js' || !thread.comments[0].authorArn.endsWith(':user/e2e')) throw new Error(`the comment was not stored as expected: ${JSON.stringify(threads)}`);
  const lines = fs.readFileSync(server, 'utf8').split('\n');
  if (!lines[thread.location.filePosition - 1]?.includes('Greets the caller by name')) throw new Error(`the comment is on line ${thread.location.filePosition}, not on the added line`);

  await page.keyboard.press('Escape');
  await wb.runCommand('View: Close All Editors');
  git('checkout', '-q', 'main');
  // Later scenarios (the pipeline) reuse this repository: lift the rule this one added.
  cli('repo', 'rule', 'remove', 'hello-service', '--branch', 'main');
}
