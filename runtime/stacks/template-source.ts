import * as path from 'node:path';
import { documentValue, parseDocument, readDocumentFile } from '../common/yaml/document';
import { isSeq, pairOf } from '../common/yaml/nodes';
import { lineOfNode } from '../common/yaml/ranges';
import { InputError } from '../common/errors';
import type { TemplateBody } from '../template/eval';

export interface LoadedTemplate {
  path: string;
  body: TemplateBody;
}

/** Reads a template file (YAML with short tags, or JSON); syntax errors name the file and line. */
export function loadTemplate(file: string, cwd = process.cwd()): LoadedTemplate {
  const full = path.resolve(cwd, file);
  const text = readDocumentFile(full, 'no such template file', file);
  // A template file is read as CloudFormation reads one from S3: at most 1 MB (CloudFormation quotas).
  const bytes = Buffer.byteLength(text);
  if (bytes > 1_000_000) throw new InputError(`Template may not exceed 1000000 bytes in size (this one has ${bytes})`, file);
  return { path: full, body: parseTemplate(text, full, file) };
}

/** A template's text (YAML with short tags, or JSON) as a template body; `shownAs` names it in errors. */
export function parseTemplate(text: string, name: string, shownAs = name): TemplateBody {
  const parsed = parseDocument(name, text);
  const error = parsed.syntaxErrors.find((d) => d.severity === 'error');
  if (error) throw new InputError(error.message, shownAs, error.range.start.line + 1);
  const body = documentValue(parsed);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InputError('a template is a mapping with a Resources section', shownAs, 1);
  return body as TemplateBody;
}

/**
 * The 1-based line of a path (`['Outputs', 'Name', 'Value']`, list items by index) in a template
 * file, for `file:line` in errors found after the body was read: the deepest part of the path
 * the file has (a short-form tag such as `!Select` has no `Fn::Select` key); undefined when the
 * file or the path's first key is not there.
 */
export function lineInTemplateFile(file: string, keys: string[]): number | undefined {
  let parsed: ReturnType<typeof parseDocument>;
  try {
    parsed = parseDocument(file, readDocumentFile(file, 'no such template file'));
  } catch {
    return undefined;
  }
  let node: unknown = parsed.doc.contents;
  let line: number | undefined;
  for (const key of keys) {
    if (isSeq(node) && /^\d+$/.test(key)) {
      node = node.items[Number(key)];
      if (node === undefined) break;
      line = lineOfNode(node, parsed.lines) ?? line;
      continue;
    }
    const pair = pairOf(node, key);
    if (!pair) break;
    line = lineOfNode(pair.key, parsed.lines) ?? line;
    node = pair.value;
  }
  return line;
}
