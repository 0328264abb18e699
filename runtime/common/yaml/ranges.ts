import type * as YAML from 'yaml';
import type { Range } from '../diagnostics';
import type { LineIndex } from '../text';
import { isNode } from './nodes';

/** Where positioned `yaml` nodes sit in their text, as editor ranges and as 1-based lines for messages. */

export function rangeOfNode(node: YAML.Node | null | undefined, lines: LineIndex): Range | undefined {
  if (!node || !node.range) return undefined;
  return lines.rangeOf(node.range[0], node.range[1]);
}

/** The range of a node, trimmed to its own text (block collections otherwise run into the next key's line). */
export function rangeOf(node: unknown, lines: LineIndex, fallback?: Range): Range {
  const range = isNode(node) ? rangeOfNode(node, lines) : undefined;
  if (!range) return fallback ?? lines.rangeOf(0, 0);
  let { line, character } = range.end;
  while (line > range.start.line && lines.lineText(line).slice(0, character).trim() === '') {
    line--;
    character = lines.lineText(line).length;
  }
  return { start: range.start, end: { line, character } };
}

/** The 1-based line a node starts on, for `file:line` messages; undefined when it has no position. */
export function lineOfNode(node: unknown, lines: LineIndex): number | undefined {
  const range = (node as YAML.Node | null | undefined)?.range;
  return range ? lines.positionAt(range[0]).line + 1 : undefined;
}
