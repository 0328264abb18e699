import type * as YAML from 'yaml';
import { InputError } from '../errors';
import { parseDocument, type ParsedDocument } from './document';
import { isMap, isNode, isScalar, isSeq, keyText } from './nodes';
import { lineOfNode } from './ranges';

/** A string of a document with the 1-based line it is written on (a buildspec command, say). */
export interface LineText {
  text: string;
  line: number;
}

/** A path of keys and list indexes from the document's root. */
export type NodePath = (string | number)[];

/**
 * Reads a positioned YAML (or JSON) document into a model that something runs (a buildspec,
 * an appspec, a pipeline declaration): every value of the wrong shape becomes an InputError
 * naming the file and the line of its node. What is only stylistic is the checks' business.
 */
export class YamlReader {
  /** Parses `text`; the first syntax error is an InputError at its line. */
  static parse(file: string, text: string): YamlReader {
    const parsed = parseDocument(file, text);
    const syntax = parsed.syntaxErrors.find((d) => d.severity === 'error');
    if (syntax) throw new InputError(syntax.message, file, syntax.range.start.line + 1);
    return new YamlReader(parsed);
  }

  constructor(readonly parsed: ParsedDocument) {}

  get file(): string {
    return this.parsed.file;
  }

  get root(): unknown {
    return this.parsed.doc.contents;
  }

  /** The 1-based line of a node; line 1 for a missing node (the document as a whole). */
  line(node: unknown): number {
    return lineOfNode(node, this.parsed.lines) ?? 1;
  }

  /** The line of the deepest node that exists on `path` (a missing key points at its parent). */
  lineAt(path: NodePath): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.parsed.doc.getIn(path.slice(0, depth), true) as YAML.Node | undefined;
      if (isNode(node) && node.range) return this.line(node);
    }
    return undefined;
  }

  error(message: string, node: unknown): InputError {
    return new InputError(message, this.file, this.line(node));
  }

  errorAt(path: NodePath, message: string): InputError {
    return new InputError(message, this.file, this.lineAt(path));
  }

  fail(message: string, node: unknown): never {
    throw this.error(message, node);
  }

  map(node: unknown, what: string): YAML.YAMLMap {
    if (!isMap(node)) this.fail(`${what} must be a mapping`, node);
    return node;
  }

  scalar(node: unknown, what: string): string | number | boolean {
    if (!isScalar(node)) this.fail(`${what} must be a single value`, node);
    const value = node.value;
    if (value === null || value === undefined) return '';
    if (typeof value === 'object') this.fail(`${what} must be a single value`, node);
    return value as string | number | boolean;
  }

  optionalString(node: unknown, what: string): string | undefined {
    if (isEmpty(node)) return undefined;
    return String(this.scalar(node, what));
  }

  bool(node: unknown, what: string): boolean {
    const text = this.optionalString(node, what);
    if (text === undefined) return false;
    if (/^(true|yes)$/i.test(text)) return true;
    if (/^(false|no)$/i.test(text)) return false;
    this.fail(`${what} must be yes or no, not "${text}"`, node);
  }

  /** A list of strings; a single string counts as a list of one (as CodeBuild accepts). */
  strings(node: unknown, what: string): LineText[] {
    if (isEmpty(node)) return [];
    if (isScalar(node)) return [{ text: String(this.scalar(node, what)), line: this.line(node) }];
    if (!isSeq(node)) this.fail(`${what} must be a list`, node);
    return node.items.map((item) => {
      if (isMap(item)) this.fail(`${what} entries are strings; quote a command that contains ": "`, item);
      return { text: String(this.scalar(item, what)), line: this.line(item) };
    });
  }

  stringMap(node: unknown, what: string): Record<string, string> {
    const result: Record<string, string> = {};
    if (isEmpty(node)) return result;
    for (const pair of this.map(node, what).items) {
      result[keyText(pair)] = String(this.scalar(pair.value, `${what}.${keyText(pair)}`));
    }
    return result;
  }
}

/** An absent key or a key with no value. */
function isEmpty(node: unknown): boolean {
  return node === undefined || node === null || (isScalar(node) && node.value === null);
}
