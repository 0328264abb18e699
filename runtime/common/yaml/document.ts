import * as fs from 'node:fs';
import * as YAML from 'yaml';
import { InputError } from '../errors';
import type { Diagnostic } from '../diagnostics';
import { CFN_SHORT_TAGS } from '../cfn-tags';
import { parseFast } from './fast-parse';
import { LineIndex } from '../text';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq } from './nodes';
import { rangeOfNode } from './ranges';

export type SourceFormat = 'yaml' | 'json';

/**
 * A YAML or JSON document with positions for every node. Broken documents still
 * yield whatever `yaml` could recover, so completion works while typing.
 */
export interface ParsedDocument {
  file: string;
  text: string;
  format: SourceFormat;
  lines: LineIndex;
  /** The recovered document (present even when there are syntax errors). */
  doc: YAML.Document.Parsed;
  /** Syntax errors as diagnostics (code E0000). */
  syntaxErrors: Diagnostic[];
}

export function formatOf(file: string, text: string): SourceFormat {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/** Deeper flow or JSON nesting is refused before parsing: the parsers and every check recurse. */
export const MAX_NESTING = 500;
/** Larger documents are refused before parsing: 4 MiB, four times CloudFormation's largest template (1 MB from S3). */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
/** More entries (lines with content plus flow-collection items) are refused: parsing costs about 10 µs and 150 bytes each. */
export const MAX_ENTRIES = 250_000;

/** Codes after which a scalar can start on the same line: `[ { , : - ?`. */
const SCALAR_AFTER = new Uint8Array(128);
for (const c of '[{,:-?') SCALAR_AFTER[c.charCodeAt(0)] = 1;

/** What `/\s/` matches among the characters a YAML or JSON text has before a comment. */
function isWhitespaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * Why a document is too large to analyse, and where, before any parser sees it: over
 * MAX_DOCUMENT_BYTES, nested deeper than MAX_NESTING, or holding more than MAX_ENTRIES
 * entries (a 1e6-item flow sequence fits in 2 MB); one linear pass, strings and comments skipped.
 */
export function sizeProblem(text: string): { offset: number; message: string } | undefined {
  if (text.length > MAX_DOCUMENT_BYTES || Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) {
    return { offset: 0, message: tooManyBytes(Buffer.byteLength(text)) };
  }
  // Each entry takes at least one character (its line break or comma) and each level of
  // nesting an opening bracket: most documents cannot be over either limit, which two native
  // searches show without the character loop below.
  if (text.length <= MAX_ENTRIES && openingBrackets(text, MAX_NESTING + 1) <= MAX_NESTING) return undefined;
  let depth = 0;
  let entries = 0;
  // The last character code on this line that is not blank (0: none yet): a quote opens a
  // string only where a scalar can start. Char codes, not one-character strings: this pass
  // reads every character of every document on every keystroke (bench/cfn-speed.ts's 90 KB
  // template: 0.6 ms with codes, 2.9 ms with strings; both corpora: 33 ms, 100 ms).
  let last = 0;
  const tooMany = (i: number) => ({ offset: i, message: `the document has more than ${MAX_ENTRIES} entries; it is not analysed` });
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      if (last !== 0 && ++entries > MAX_ENTRIES) return tooMany(i);
      last = 0;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    const scalarStart = last === 0 || SCALAR_AFTER[last] === 1;
    last = c;
    if ((c === 34 /* " */ || c === 39 /* ' */) && scalarStart) {
      // `\x` escapes in double quotes, `''` in single quotes.
      for (i++; i < length; i++) {
        const d = text.charCodeAt(i);
        if (c === 34 && d === 92 /* \ */) i++;
        else if (d === c && !(c === 39 && text.charCodeAt(i + 1) === 39)) break;
        else if (d === c) i++;
      }
    } else if (c === 35 /* # */ && (i === 0 || isWhitespaceCode(text.charCodeAt(i - 1)))) {
      while (i < length && text.charCodeAt(i + 1) !== 10) i++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_NESTING) return { offset: i, message: `nesting deeper than ${MAX_NESTING} levels; the document is not analysed` };
    } else if ((c === 93 /* ] */ || c === 125 /* } */) && depth > 0) depth--;
    else if (c === 44 /* , */ && depth > 0 && ++entries > MAX_ENTRIES) return tooMany(i);
  }
  return undefined;
}

/** How many `[` and `{` the text holds, counted up to `stop`. */
function openingBrackets(text: string, stop: number): number {
  let count = 0;
  for (const bracket of ['[', '{']) {
    for (let at = text.indexOf(bracket); at >= 0 && count < stop; at = text.indexOf(bracket, at + 1)) count++;
  }
  return count;
}

/** A document file over MAX_DOCUMENT_BYTES; `reason` is the finding without the file name. */
export class DocumentTooLargeError extends InputError {
  constructor(
    readonly reason: string,
    file: string,
  ) {
    super(reason, file, 1);
  }
}

function tooManyBytes(bytes: number): string {
  return `the document is ${bytes} bytes, over the limit of ${MAX_DOCUMENT_BYTES}; it is not analysed`;
}

/**
 * A document file's text, refused by its size before it is read (a huge file would be
 * read whole into memory first); `missing` is the error for a file that cannot be read.
 */
export function readDocumentFile(file: string, missing: string, shownAs = file): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new InputError(missing, shownAs);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(tooManyBytes(size), shownAs);
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export function parseDocument(file: string, text: string): ParsedDocument {
  const format = formatOf(file, text);
  const lines = new LineIndex(text);
  const tooLarge = sizeProblem(text);
  if (tooLarge) {
    const at = lines.positionAt(tooLarge.offset);
    return { file, text, format, lines, doc: parseYaml(''), syntaxErrors: [{ range: { start: at, end: at }, severity: 'error', code: 'E0000', message: tooLarge.message }] };
  }
  const doc = parseYaml(text);
  const syntaxErrors: Diagnostic[] = [];
  for (const error of doc.errors) syntaxErrors.push(yamlErrorToDiagnostic(error, lines));
  syntaxErrors.push(...duplicateKeys(doc, lines));
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED' && isKnownShortTag(warning.message)) continue;
    syntaxErrors.push({ ...yamlErrorToDiagnostic(warning, lines), severity: 'warning' });
  }
  if (format === 'json' && syntaxErrors.length === 0) {
    const strict = strictJsonError(text, lines);
    if (strict) syntaxErrors.push(strict);
  }
  return { file, text, format, lines, doc, syntaxErrors };
}

/**
 * The fast parser takes the documents it can (nearly all real ones, on every keystroke);
 * `yaml` takes the rest and is the one that explains what is wrong with a broken document.
 */
function parseYaml(text: string): YAML.Document.Parsed {
  const fast = parseFast(text);
  if (fast) {
    const doc = new YAML.Document() as YAML.Document.Parsed;
    doc.contents = fast as YAML.Document.Parsed['contents'];
    return doc;
  }
  // Duplicate keys are found below in one pass: yaml's own uniqueKeys check compares every
  // key with all earlier ones (minutes on 10,000-resource templates).
  return YAML.parseDocument(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false, strict: false });
}

/** Every occurrence of a key that appears more than once in the same map (E0000, as cfn-lint). */
function duplicateKeys(doc: YAML.Document.Parsed, lines: LineIndex): Diagnostic[] {
  const found: Diagnostic[] = [];
  // An explicit stack rather than YAML.visit: this runs on every keystroke over every node.
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) if (isCollection(item)) stack.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    const items = node.items;
    for (const pair of items) if (isCollection(pair.value)) stack.push(pair.value);
    if (items.length < 2 || !hasDuplicateKey(items)) continue;
    const seen = new Map<string, YAML.Node[]>();
    for (const pair of items) {
      const key = pair.key as YAML.Node | null;
      if (!isScalar(key)) continue;
      const name = String(key.value);
      const list = seen.get(name);
      if (list) list.push(key);
      else seen.set(name, [key]);
    }
    for (const [name, keys] of seen) {
      if (keys.length < 2) continue;
      const at = keys.map((k) => lines.positionAt(k.range?.[0] ?? 0).line + 1);
      for (const key of keys) {
        const range = rangeOfNode(key, lines) ?? lines.rangeOf(0, 0);
        const others = at.filter((line) => line !== range.start.line + 1);
        found.push({ range, severity: 'error', code: 'E0000', message: `Map keys must be unique: "${name}" is also on line ${others.join(', ')}` });
      }
    }
  }
  return found;
}

/** The cheap question first: most maps are small and have no duplicate. */
function hasDuplicateKey(items: YAML.Pair[]): boolean {
  const keyOf = (pair: YAML.Pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined);
  if (items.length <= 8) {
    for (let i = 1; i < items.length; i++) {
      const key = keyOf(items[i]);
      if (key === undefined) continue;
      for (let j = 0; j < i; j++) if (keyOf(items[j]) === key) return true;
    }
    return false;
  }
  const seen = new Set<string>();
  for (const pair of items) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

function isKnownShortTag(message: string): boolean {
  const match = /Unresolved tag: (\S+)/.exec(message);
  return !!match && match[1] in CFN_SHORT_TAGS;
}

function yamlErrorToDiagnostic(error: YAML.YAMLError, lines: LineIndex): Diagnostic {
  const [start, end] = openerOf(error, lines.text) ?? error.pos;
  const firstLine = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {
    range: lines.rangeOf(start, Math.max(end, start + 1)),
    severity: 'error',
    code: 'E0000',
    message: firstLine,
  };
}

/**
 * `yaml` reports an unterminated quote or flow collection where it gave up (often the
 * end of the file); the user needs the place where it was opened.
 */
function openerOf(error: YAML.YAMLError, text: string): [number, number] | undefined {
  const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
  const bracket = /end with an? ([\]}])/.exec(error.message)?.[1];
  if (!quote && !bracket) return undefined;
  const open = quote ?? (bracket === ']' ? '[' : '{');
  const close = quote ?? bracket!;
  let depth = 0;
  for (let i = Math.min(error.pos[0], text.length - 1); i >= 0; i--) {
    const c = text[i];
    if (!quote && c === close) depth++;
    else if (c === open) {
      if (!quote && depth > 0) {
        depth--;
        continue;
      }
      const before = i === 0 ? '\n' : text[i - 1];
      if (quote && !/[\s:,[{-]/.test(before)) continue;
      const lineEnd = text.indexOf('\n', i);
      return [i, lineEnd < 0 ? text.length : lineEnd];
    }
  }
  return undefined;
}

/** `yaml` accepts JSON that JSON.parse refuses (trailing commas, comments); report those. */
function strictJsonError(text: string, lines: LineIndex): Diagnostic | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : text.length;
    return {
      range: lines.rangeOf(offset, offset + 1),
      severity: 'error',
      code: 'E0000',
      message: message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, ''),
    };
  }
}

/**
 * Converts a node to plain JavaScript, turning CloudFormation short tags into their
 * long form (`!Ref X` → `{ Ref: 'X' }`, `!GetAtt A.B` → `{ 'Fn::GetAtt': ['A', 'B'] }`).
 */
export function toPlain(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return null;
  let value: unknown;
  if (isMap(node)) {
    const result: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toPlain(pair.key));
      result[key] = toPlain(pair.value);
    }
    value = result;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toPlain(item));
  } else if (isScalar(node)) {
    value = node.value;
  } else if (isPair(node)) {
    value = toPlain(node.value);
  } else {
    value = node;
  }
  const tag = (node as YAML.Node).tag;
  if (tag && tag in CFN_SHORT_TAGS) return shortTagToLong(tag, value);
  return value;
}

function shortTagToLong(tag: string, value: unknown): Record<string, unknown> {
  const name = CFN_SHORT_TAGS[tag];
  if (name === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [name]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (name === 'Fn::GetAZs' && value === null) return { [name]: '' };
  return { [name]: value };
}

/** The document's value as plain JavaScript (short tags expanded). */
export function documentValue(parsed: ParsedDocument): unknown {
  return toPlain(parsed.doc.contents);
}
