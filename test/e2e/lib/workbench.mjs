// Helpers that drive the VS Code workbench (code-server) through playwright-core the
// way a person does: the command palette, Quick Open, the Problems view, the sidebar.
// Every wait is on something the UI shows, never a fixed sleep.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class Workbench {
  constructor(page, { workspace, screenshots, log }) {
    this.page = page;
    this.workspace = workspace;
    this.screenshots = screenshots;
    this.log = log;
  }

  /** Runs a command by its palette title (e.g. "Slipway: Run Build"). */
  async runCommand(title) {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 20000 });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 20000 });
    await this.page.keyboard.press('Enter');
    this.log(`ran command "${title}"`);
  }

  /** Picks an entry in an open quick pick by its visible text. */
  async pick(text) {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 30000 });
    await row.click();
  }

  /** Types into an open input box and accepts it. */
  async answer(text) {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20000 });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Opens a workspace file through Quick Open and waits for its editor. A file a scenario has
   * just written may not be in Quick Open's file list yet (the file watcher reports it
   * asynchronously, and a query does not re-run): then it asks again, as a person would.
   */
  async openFile(relative, attempts = 3) {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 20000 });
      await input.fill(relative);
      try {
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relative) }).first().waitFor({ timeout: 8000 });
        break;
      } catch (error) {
        if (attempt >= attempts) throw error;
        this.log(`Quick Open does not list ${relative} yet (attempt ${attempt}); asking again`);
      }
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: path.basename(relative) }).waitFor({ timeout: 20000 });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 20000 });
    this.log(`opened ${relative}`);
  }

  /** Replaces the active editor's text by typing (as a user would) — the editor must be focused. */
  async replaceEditorText(text) {
    await this.page.locator('.monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  async showProblems() {
    await this.runCommand('View: Focus Problems');
    await this.page.locator('.markers-panel').first().waitFor({ timeout: 20000 });
  }

  /** Waits until a row of the Problems view shows the text. */
  async waitForProblem(text, timeout = 60000) {
    await this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first().waitFor({ timeout });
  }

  /** Opens the Slipway container in the activity bar. */
  async openSlipway() {
    const builds = this.page.locator('.pane-header', { hasText: 'Builds' }).first();
    // Clicking the icon of the container already shown would hide the sidebar.
    if (!(await builds.isVisible())) await this.page.locator('.activitybar .action-item a[aria-label^="Slipway"]').first().click();
    await builds.waitFor({ timeout: 30000 });
  }

  /** Shows the Explorer (scenarios that click files in it do not depend on what the last one left open). */
  async openExplorer() {
    await this.runCommand('View: Show Explorer');
    await this.page.locator('.explorer-folders-view').first().waitFor({ timeout: 30000 });
    await this.page.keyboard.press('Escape');
  }

  /** Expands a view of the Slipway container by its title if it is collapsed. */
  async expandView(title) {
    const header = this.page.locator('.pane-header', { hasText: title }).first();
    await header.waitFor({ timeout: 30000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    return header;
  }

  /**
   * Clicks a tree row until what it opens appears: a click that lands while the tree is
   * still re-rendering (the state home changes under it) only selects the row.
   */
  async clickUntil(row, opened, attempts = 3) {
    for (let attempt = 1; ; attempt++) {
      await row.click();
      try {
        await opened.waitFor({ timeout: 10000 });
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        this.log(`click did not open it yet (attempt ${attempt}; ${await this.describe()}); clicking again`);
      }
    }
  }

  /**
   * Expands a tree row by its twistie until the tree says it is expanded: a click that lands
   * while the view re-renders (the state home changed under it) may be lost.
   */
  async expandRow(row, attempts = 4) {
    await row.waitFor({ timeout: 30000 });
    for (let attempt = 1; (await row.getAttribute('aria-expanded')) !== 'true'; attempt++) {
      if (attempt > attempts) throw new Error(`the row "${(await row.innerText()).split('\n')[0]}" did not expand after ${attempts} clicks`);
      if (attempt > 1) this.log(`the row did not expand yet (attempt ${attempt - 1}); clicking its twistie again`);
      await row.locator('.monaco-tl-twistie').click();
      await this.page.waitForFunction((element) => element.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: 5000 }).catch(() => undefined);
    }
  }

  /** What the screen shows, in one line for the log: the editor tabs and the notifications. */
  async describe() {
    const texts = async (selector) => (await this.page.locator(selector).allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    const tabs = await texts('.tabs-container .tab .label-name');
    const notes = await texts('.notification-toast .notification-list-item-message');
    return `tabs [${tabs.join(' | ')}], notifications [${notes.join(' | ')}]`;
  }

  /** Collapses a view of the sidebar so the others have room (earlier scenarios leave views expanded). */
  async collapseView(title) {
    const header = this.page.locator('.pane-header', { hasText: title }).first();
    if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }

  /**
   * Trusts the workspace as a person does from Restricted Mode: Manage Workspace Trust, then
   * its Trust button. Trust takes effect without a reload; waits until the editor says so.
   */
  async trustWorkspace() {
    // The status bar's Restricted Mode item opens the trust editor; the palette's command may not be
    // listed yet right after the workbench loads (seen on a run that trusted at once).
    const editor = this.page.locator('.workspace-trust-editor');
    const restricted = this.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first();
    if (await restricted.isVisible()) await restricted.click();
    else await this.runCommand('Workspaces: Manage Workspace Trust');
    await editor.waitFor({ timeout: 30000 });
    await editor.locator('.monaco-button', { hasText: /^Trust/ }).first().click();
    await editor.getByText('You trust this folder').first().waitFor({ timeout: 30000 });
    await this.runCommand('View: Close All Editors');
    this.log('trusted the workspace');
  }

  async waitForNotification(text, timeout = 60000) {
    await this.page.locator('.notification-toast, .notifications-center', { hasText: text }).first().waitFor({ timeout });
  }

  async screenshot(name) {
    fs.mkdirSync(this.screenshots, { recursive: true });
    const file = path.join(this.screenshots, `${name}.png`);
    await this.page.screenshot({ path: file });
    this.log(`screenshot ${file}`);
    return file;
  }
}
