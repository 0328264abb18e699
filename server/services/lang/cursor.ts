import * as YAML from 'yaml';
import type { ParsedDocument } from '../../../runtime/common/yaml/document';
import type { SchemaPath } from '../../../runtime/schema/lookup';
import { isMap, isNode, isScalar, isSeq } from '../../../runtime/common/yaml/nodes';

/** Where completion was asked for: the path of the map or value, and whether a key or a value is being typed. */
export interface CursorContext {
  path: SchemaPath;
  mode: 'key' | 'value';
  /** What is typed so far of the key or value (without an opening quote). */
  prefix: string;
  /** Offset where the typed key or value (with its opening quote, if any) starts: completions replace from here. */
  replaceFrom: number;
  /** Column the key starts at (YAML), for the indentation of inserted blocks. */
  column: number;
  /** The key whose value is typed (value mode). */
  key?: string;
  /** The typed text starts with a quote. */
  quoted: boolean;
}

/**
 * The completion context of a YAML document from its text alone (indentation), so it
 * works while the document is broken.
 */
export function yamlCursor(text: string, offset: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop();
  let match = /^(\s*)(-\s+)?(["']?)([\w.@/$-]*)$/.exec(before);
  if (match) {
    const dash = match[2] ?? '';
    const column = match[1].length + dash.length;
    const path = enclosingPath(lines, before);
    return { path, mode: 'key', prefix: match[4], replaceFrom: offset - match[4].length - match[3].length, column, quoted: !!match[3] };
  }
  match = /^(\s*)(-\s+)?(?:"([^"]*)"|'([^']*)'|([^\s:#"'][^:#]*?))\s*:\s+(["']?)([^#"']*)$/.exec(before);
  if (match) {
    const dash = match[2] ?? '';
    const column = match[1].length + dash.length;
    const key = match[3] ?? match[4] ?? match[5];
    const path = [...enclosingPath(lines, before), key];
    return { path, mode: 'value', prefix: match[7], replaceFrom: offset - match[7].length - match[6].length, column, key, quoted: !!match[6] };
  }
  return undefined;
}

/** A block line's shape: where its `- ` markers and its content start, and the key it opens, if any. */
interface BlockLine {
  /** Columns of the line's `- ` list markers, outermost first. */
  dashes: number[];
  /** Column where the content after the markers starts. */
  column: number;
  key?: string;
}

/** `key:` at the start of content: plain (`Fn::If:` included), double- or single-quoted. */
const KEY_START = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#"'[\]{},][^#]*?))\s*:(?:\s|$)/;

function blockLine(line: string): BlockLine {
  const dashes: number[] = [];
  let column = /^\s*/.exec(line)![0].length;
  for (let marker = /^-(\s+|$)/.exec(line.slice(column)); marker; marker = /^-(\s+|$)/.exec(line.slice(column))) {
    dashes.push(column);
    column += marker[0].length;
    if (!marker[1]) break;
  }
  const key = KEY_START.exec(line.slice(column));
  return { dashes, column, key: key ? (key[1] ?? key[2]?.replace(/''/g, "'") ?? key[3]) : undefined };
}

/**
 * The keys and list indexes (each list item as index 0) enclosing the content of `cursorLine`,
 * read upwards through `linesAbove` by indentation: a key encloses when it starts left of the
 * content (or at a list marker's own column: `Key:` then `- item` at the same indentation is
 * valid YAML), a `- ` marker when it starts left of it. Every document kind's completion
 * starts here, so it answers for documents that do not parse yet.
 */
export function enclosingPath(linesAbove: string[], cursorLine: string): SchemaPath {
  const own = blockLine(cursorLine);
  const path: SchemaPath = own.dashes.map(() => 0);
  let limit = own.dashes.length ? own.dashes[0] : own.column;
  let inclusive = own.dashes.length > 0;
  for (let i = linesAbove.length - 1; i >= 0 && (limit > 0 || inclusive); i--) {
    const text = linesAbove[i].replace(/\r$/, '');
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---') continue;
    const line = blockLine(text);
    if (line.key !== undefined && (inclusive ? line.column <= limit : line.column < limit)) {
      path.unshift(line.key);
      limit = line.column;
      inclusive = false;
    }
    const enclosing = line.dashes.filter((column) => column < limit);
    if (enclosing.length) {
      path.unshift(...enclosing.map(() => 0));
      limit = enclosing[0];
      inclusive = true;
    }
  }
  return path;
}

/** The chain of nodes from the root down to the one at `offset`, with the path to each. */
export interface NodeAt {
  path: SchemaPath;
  /** Maps and lists enclosing the offset, outermost first. */
  ancestors: unknown[];
  /** The key scalar under the cursor, when the cursor is on a key. */
  key?: YAML.Scalar;
  /** The scalar value under the cursor, when it is on one. */
  value?: YAML.Scalar;
  /** The pair whose key or value is under the cursor. */
  pair?: YAML.Pair;
}

function contains(node: unknown, offset: number): boolean {
  if (!isNode(node) || !node.range) return false;
  return node.range[0] <= offset && offset <= node.range[1];
}

/** What the positioned tree has at `offset` (hover, definition, JSON completion). */
export function nodeAt(parsed: ParsedDocument, offset: number): NodeAt {
  const result: NodeAt = { path: [], ancestors: [] };
  let node: unknown = parsed.doc.contents;
  for (let depth = 0; depth < 100 && node; depth++) {
    if (isMap(node)) {
      result.ancestors.push(node);
      const pair = node.items.find((p) => contains(p.key, offset) || contains(p.value, offset));
      if (!pair) return result;
      result.pair = pair;
      if (contains(pair.key, offset) && isScalar(pair.key)) {
        result.key = pair.key;
        result.path.push(String(pair.key.value));
        return result;
      }
      result.path.push(isScalar(pair.key) ? String(pair.key.value) : '');
      node = pair.value;
    } else if (isSeq(node)) {
      result.ancestors.push(node);
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return result;
      result.path.push(index);
      node = node.items[index];
    } else {
      if (isScalar(node)) result.value = node;
      return result;
    }
  }
  return result;
}

/** Completion context of a JSON document, from the tree and the text just before the cursor. */
export function jsonCursor(parsed: ParsedDocument, offset: number): CursorContext | undefined {
  const text = parsed.text;
  const before = text.slice(0, offset);
  const word = /"?([\w.@/$-]*)$/.exec(before)!;
  const start = offset - word[0].length;
  const previous = before.slice(0, start).trimEnd().slice(-1);
  const at = nodeAt(parsed, start);
  const path = [...at.path];
  if (previous === '{' || previous === ',') {
    // Typing a key: the path is the map's, not the key's.
    if (at.key) path.pop();
    const innermost = at.ancestors[at.ancestors.length - 1];
    if (isSeq(innermost)) path.push(0);
    return { path, mode: 'key', prefix: word[1], replaceFrom: start, column: 0, quoted: word[0].startsWith('"') };
  }
  if (previous === ':' || previous === '[') {
    const keyMatch = /"([^"]+)"\s*:\s*$/.exec(before.slice(0, start));
    if (previous === ':' && keyMatch) {
      if (!at.pair || path[path.length - 1] !== keyMatch[1]) path.push(keyMatch[1]);
      return { path, mode: 'value', prefix: word[1], replaceFrom: start, column: 0, key: keyMatch[1], quoted: word[0].startsWith('"') };
    }
    return { path: [...path, 0], mode: 'value', prefix: word[1], replaceFrom: start, column: 0, quoted: word[0].startsWith('"') };
  }
  return undefined;
}
