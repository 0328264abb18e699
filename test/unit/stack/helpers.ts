import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument, documentValue } from '../../../runtime/common/document';
import { pseudoValues, prepareTemplate, type EvaluationInput, type TemplateBody } from '../../../runtime/template/eval';

/** A YAML template (short tags allowed) as the plain value the engine reads. */
export function yamlTemplate(text: string): TemplateBody {
  return documentValue(parseDocument('test.yaml', text)) as TemplateBody;
}

export function prepare(text: string, extra: Partial<EvaluationInput> = {}) {
  return prepareTemplate({ template: yamlTemplate(text), pseudo: pseudoValues('test-stack', 'arn:aws:cloudformation:us-east-1:000000000000:stack/test-stack/1'), ...extra });
}

/** A fresh state home and KMS key for one test. */
export function tempHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-stack-'));
  process.env.SLIPWAY_HOME = path.join(dir, 'home');
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(dir, 'kms.key');
  return dir;
}
