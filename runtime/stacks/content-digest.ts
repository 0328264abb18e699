import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A digest of content a resource reads from outside its properties: a nested stack's
 * local template. A change there updates the resource although no property changed
 * (CloudFormation's "Automatic" change source for nested stacks).
 */
export function contentDigest(type: string, properties: Record<string, unknown>, templateDir: string): string | undefined {
  if (type !== 'AWS::CloudFormation::Stack') return undefined;
  const url = properties.TemplateURL;
  if (typeof url !== 'string' || /^https?:\/\//.test(url)) return undefined;
  try {
    return createHash('sha256').update(fs.readFileSync(path.resolve(templateDir, url.replace(/^file:\/\//, '')))).digest('hex');
  } catch {
    return undefined; // a missing template fails the resource itself, with its own message
  }
}
