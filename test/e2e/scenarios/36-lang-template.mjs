// CloudFormation intelligence in the real editor, on the example's template.yaml: a
// misspelt property shows in the Problems view with a did-you-mean, and completion on a
// resource Type finds AWS::S3::Bucket from "s3buck". The file is restored afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';

export default async function langTemplate(wb) {
  const { page } = wb;
  const file = path.join(wb.workspace, 'template.yaml');
  const original = fs.readFileSync(file, 'utf8');
  try {
    // Edited on disk (the editor reloads it): typing YAML would be re-indented by the editor.
    fs.writeFileSync(file, original.replace('BucketName: !Sub', 'BucketNam: !Sub'));
    // The Explorer opens it without waiting for Quick Open's file search to index the folder.
    await page.keyboard.press('Escape');
    await page.getByRole('treeitem', { name: 'template.yaml', exact: true }).first().click();
    await page.locator('.tab.active', { hasText: 'template.yaml' }).waitFor({ timeout: 30000 });
    await wb.showProblems();
    await wb.waitForProblem('did you mean BucketName');
    await wb.screenshot('lang-template-diagnostic');

    fs.writeFileSync(file, `${original.replace(/\nOutputs:[\s\S]*$/, '\n')}  Store:\n    Type: s3buck`);
    await wb.waitForProblem('s3buck');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget .monaco-list-row');
    await suggest.filter({ hasText: 'AWS::S3::Bucket' }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('lang-template-completion');
    await page.keyboard.press('Escape');
  } finally {
    fs.writeFileSync(file, original);
  }
}
