// CloudFormation intelligence in the real editor: a misspelt property of the example's
// template shows in the Problems view with cfn-lint's rule id and a did-you-mean, and
// completion on a resource Type finds AWS::S3::Bucket from "s3buck".
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function langTemplate(wb) {
  const { page } = wb;
  const original = fs.readFileSync(path.join(wb.workspace, 'template.yaml'), 'utf8');
  const broken = path.join(wb.workspace, 'typo.template.yaml');
  fs.writeFileSync(broken, original.replace('BucketName: !Sub', 'BucketNam: !Sub'));
  await wb.openFile('typo.template.yaml');
  await wb.showProblems();
  await wb.waitForProblem('did you mean BucketName');
  await wb.screenshot('lang-template-diagnostic');

  const completing = path.join(wb.workspace, 'complete.template.yaml');
  fs.writeFileSync(completing, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Store:\n    Type: s3buck');
  await wb.openFile('complete.template.yaml');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.editor-widget.suggest-widget .monaco-list-row');
  await suggest.filter({ hasText: 'AWS::S3::Bucket' }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('lang-template-completion');
  await page.keyboard.press('Escape');

  fs.rmSync(broken);
  fs.rmSync(completing);
}
