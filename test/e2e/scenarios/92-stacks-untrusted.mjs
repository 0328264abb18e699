// In an untrusted workspace "Slipway: Deploy Stack…" refuses, saying why, and creates no stack.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function stacksUntrusted(wb) {
  await wb.runCommand('Slipway: Deploy Stack…');
  await wb.waitForNotification('not trusted');
  await wb.screenshot('stacks-untrusted-refusal');
  const stacks = path.join(wb.workspace, '.slipway', 'stacks');
  if (fs.existsSync(stacks) && fs.readdirSync(stacks).length > 0) throw new Error('a stack was deployed in an untrusted workspace');
  await wb.page.keyboard.press('Escape');
}
