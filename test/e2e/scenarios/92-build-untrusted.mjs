// In an untrusted workspace, Slipway: Run Build refuses and says why; no build is recorded.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function buildUntrusted(wb) {
  await wb.runCommand('Slipway: Run Build');
  await wb.waitForNotification('not trusted');
  await wb.screenshot('build-untrusted-refusal');
  await wb.page.keyboard.press('Escape');
  const runs = path.join(wb.workspace, '.slipway', 'builds', 'runs');
  if (fs.existsSync(runs) && fs.readdirSync(runs).length > 0) throw new Error('a build ran in an untrusted workspace');
}
