// CloudFormation intelligence in the real editor, on the example's template.yaml: a
// misspelt property shows in the Problems view with a did-you-mean, and completion on a
// resource Type finds AWS::S3::Bucket from "s3buck". The file is reverted afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function langTemplate(wb) {
  const { page } = wb;
  const original = fs.readFileSync(path.join(wb.workspace, 'template.yaml'), 'utf8');
  await wb.openFile('template.yaml');
  await wb.replaceEditorText(original.replace('BucketName: !Sub', 'BucketNam: !Sub'));
  await wb.showProblems();
  await wb.waitForProblem('did you mean BucketName');
  await wb.screenshot('lang-template-diagnostic');

  await wb.replaceEditorText(`${original.trimEnd()}\n\n  Store:\n    Type: s3buck`.replace(/\nOutputs:[\s\S]*?(\n\n  Store:)/, '$1'));
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.editor-widget.suggest-widget .monaco-list-row');
  await suggest.filter({ hasText: 'AWS::S3::Bucket' }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('lang-template-completion');
  await page.keyboard.press('Escape');
  await wb.runCommand('File: Revert File');
}
