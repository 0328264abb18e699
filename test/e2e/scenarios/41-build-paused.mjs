// Stepping into a paused build: a buildspec with codebuild-breakpoint pauses; the
// notification's Open Terminal attaches a terminal to the build's own shell state; a command
// typed there changes the rest of the build; codebuild-resume continues it to SUCCEEDED.
import * as fs from 'node:fs';
import * as path from 'node:path';

const BUILDSPEC = [
  'version: 0.2',
  'phases:',
  '  build:',
  '    commands:',
  '      - export BEFORE=set-before-the-pause',
  '      - codebuild-breakpoint',
  '      - test "$GREETING" = hello',
  "      - 'echo \"greeted after the pause: $GREETING\"'",
  '',
].join('\n');

export default async function buildPaused(wb) {
  const { page } = wb;
  const dir = path.join(wb.workspace, 'debug-demo');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'buildspec.yml'), BUILDSPEC);
  try {
    await wb.openSlipway();
    await wb.runCommand('Slipway: Run Build');
    await wb.pick('debug-demo');
    const paused = page.locator('.notification-toast', { hasText: 'paused at BUILD: codebuild-breakpoint' }).first();
    await paused.waitFor({ timeout: 120000 });
    await wb.expandView('Builds');
    await page.locator('.monaco-list-row', { hasText: 'Paused at BUILD' }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('build-paused-notification');

    await paused.locator('.monaco-button', { hasText: 'Open Terminal' }).first().click();
    await page.locator('.terminal-tab, .tabs-container .tab, .single-terminal-tab, .terminal-tabs-entry', { hasText: 'Paused build' }).first().waitFor({ timeout: 30000 }).catch(() => undefined);
    await page.locator('.terminal-wrapper.active .xterm, .terminal .xterm').first().waitFor({ timeout: 30000 });
    await page.locator('.terminal-wrapper.active .xterm, .terminal .xterm').first().click();
    await page.keyboard.type('echo "in the build: $BEFORE"\n');
    await page.keyboard.type('export GREETING=hello\n');
    await wb.screenshot('build-paused-terminal');
    await page.keyboard.type('codebuild-resume\n');
    await wb.waitForNotification(/build debug-demo #\d+ SUCCEEDED/, 120000);
    await wb.screenshot('build-resumed-succeeded');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    // Tidy for the next scenario without hiding this one's own failure (the panel may not be open).
    await page.keyboard.press('Escape');
    for (const command of ['View: Close All Editors', 'View: Hide Panel', 'View: Show Explorer']) await wb.runCommand(command).catch(() => page.keyboard.press('Escape'));
  }
}
