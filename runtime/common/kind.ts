import * as path from 'node:path';

export type DocumentKind = 'template' | 'buildspec' | 'appspec' | 'pipeline';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['template', 'buildspec', 'appspec', 'pipeline'];

const NAME_RULES: Array<[RegExp, DocumentKind]> = [
  [/^buildspec[^/]*\.ya?ml$/i, 'buildspec'],
  [/^appspec\.(ya?ml|json)$/i, 'appspec'],
  [/(^|[.-])pipeline[^/]*\.(ya?ml|json)$/i, 'pipeline'],
  [/(^|[.-])(template|cfn|cloudformation|stack)[^/]*\.(ya?ml|json)$/i, 'template'],
];

/** The kind a file name alone says, if any. */
export function kindFromName(file: string): DocumentKind | undefined {
  const base = path.basename(file);
  for (const [pattern, kind] of NAME_RULES) if (pattern.test(base)) return kind;
  return undefined;
}

/**
 * The kind from content: cheap textual probes so that broken documents are still
 * recognised while they are typed.
 */
export function kindFromContent(text: string): DocumentKind | undefined {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (/^\s*"?AWSTemplateFormatVersion"?\s*:/m.test(head)) return 'template';
  if (/^\s*"?Resources"?\s*:/m.test(head) && /^\s+"?Type"?\s*:\s*["']?(AWS|Custom|Alexa|Slipway)::/m.test(head)) {
    return 'template';
  }
  if (/^\s*"?version"?\s*:\s*["']?0\.[12]["']?\s*,?\s*$/m.test(head) && /^\s*"?phases"?\s*:/m.test(head)) return 'buildspec';
  if (/^\s*"?version"?\s*:\s*["']?0\.0["']?\s*,?\s*$/m.test(head) && /^\s*"?(hooks|files|Hooks|Resources)"?\s*:/m.test(head)) {
    return 'appspec';
  }
  if (/^\s*"?stages"?\s*:/m.test(head) && /"?actionTypeId"?\s*:/m.test(head)) return 'pipeline';
  return undefined;
}

export function detectKind(file: string, text: string): DocumentKind | undefined {
  return kindFromName(file) ?? kindFromContent(text);
}
