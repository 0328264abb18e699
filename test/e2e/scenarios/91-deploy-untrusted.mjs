// In an untrusted workspace "Slipway: Deploy…" refuses, saying why, and deploys nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function deployUntrusted(wb) {
  await wb.runCommand('Slipway: Deploy…');
  await wb.waitForNotification('not trusted');
  await wb.screenshot('deploy-untrusted-refusal');
  const runs = path.join(wb.workspace, '.slipway', 'deployments', 'runs');
  if (fs.existsSync(runs) && fs.readdirSync(runs).length > 0) throw new Error('a deployment ran in an untrusted workspace');
  await wb.page.keyboard.press('Escape');
}
