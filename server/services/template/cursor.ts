import type { Position } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../runtime/common/yaml/document';
import { enclosingPath } from '../lang/cursor';

/**
 * Where the cursor is in a template: the enclosing keys come from the one cursor analysis of
 * every document kind (`enclosingPath`, server/services/lang/cursor.ts); on top of it, what
 * only templates have: short-form tags, `${` of a Sub string, words with `::` (resource types,
 * `Fn::` keys). JSON templates are answered the same way from their key nesting.
 */
export interface TemplateCursor {
  /** Keys from the root to the map the cursor's line belongs to. */
  path: string[];
  /** Completing a key (true) or a value (false). */
  inKey: boolean;
  /** For a value: the key it belongs to (the last of `path` is its parent map). */
  key?: string;
  /** The word being typed, and where it starts (for the replace range). */
  prefix: string;
  prefixStart: Position;
  /** A short-form tag before the value (`!Ref`, `!GetAtt`…), if any. */
  tag?: string;
  /** The value is a list item (`- x`). */
  listItem: boolean;
  /** Inside `${` of a Sub string: the text typed after `${`. */
  subVariable?: string;
  /** The whole text of the line before the cursor. */
  before: string;
}

const KEY_LINE = /^(\s*)(-\s+)*(["']?)([^"'#:{}[\],]+?)\3\s*:(\s|$)/;

export function templateCursor(parsed: ParsedDocument, position: Position): TemplateCursor {
  if (parsed.format === 'json') return jsonContext(parsed, position);
  const lines = parsed.text.split('\n');
  const lineText = (lines[position.line] ?? '').replace(/\r$/, '');
  const before = lineText.slice(0, position.character);
  const path = enclosingPath(lines.slice(0, position.line), before.trim() ? lineText : before).filter((part): part is string => typeof part === 'string');
  const listItem = /^\s*-\s*/.test(before);
  const keyMatch = KEY_LINE.exec(before);
  const subOpen = before.lastIndexOf('${');
  const subVariable = subOpen >= 0 && before.indexOf('}', subOpen) < 0 && /Sub|\$\{/.test(before) ? before.slice(subOpen + 2) : undefined;
  const word = /[\w:.\-!]*$/.exec(before)![0];
  const prefixStart = { line: position.line, character: position.character - word.length };
  if (keyMatch) {
    // `Key: value|` — completing the value of Key.
    const afterColon = before.slice(keyMatch[0].length);
    const tag = /^(![A-Za-z]+)\s/.exec(afterColon.trimStart())?.[1];
    return { path, inKey: false, key: keyMatch[4].trim(), prefix: word, prefixStart, tag, listItem, subVariable, before };
  }
  const itemTag = /^\s*(?:-\s+)*(![A-Za-z]+)\s/.exec(before)?.[1];
  const onlyWord = /^\s*(?:-\s+)*[\w:.\-!"']*$/.test(before);
  if (listItem && !onlyWord) {
    return { path, inKey: false, key: path[path.length - 1], prefix: word, prefixStart, tag: itemTag, listItem, subVariable, before };
  }
  if (listItem && word.startsWith('!')) {
    return { path, inKey: false, key: path[path.length - 1], prefix: word, prefixStart, listItem, subVariable, before };
  }
  return { path, inKey: onlyWord, key: onlyWord ? undefined : path[path.length - 1], prefix: word.replace(/^["']/, ''), prefixStart, tag: itemTag, listItem, subVariable, before };
}

/** JSON: the keys of the objects around the cursor, from brace and quote structure. */
function jsonContext(parsed: ParsedDocument, position: Position): TemplateCursor {
  const offset = parsed.lines.offsetAt(position);
  const text = parsed.text.slice(0, offset);
  const stack: Array<{ kind: '{' | '['; key?: string }> = [];
  let lastString: string | undefined;
  let pendingKey: string | undefined;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        lastString = text.slice(start, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      start = i + 1;
    } else if (c === ':') pendingKey = lastString;
    else if (c === '{' || c === '[') {
      stack.push({ kind: c, key: pendingKey });
      pendingKey = undefined;
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') pendingKey = undefined;
  }
  const path = stack.map((s) => s.key).filter((k, i) => i > 0 && k !== undefined) as string[];
  const word = inString ? text.slice(start) : '';
  const prefixStart = parsed.lines.positionAt(offset - word.length);
  const inKey = inString ? pendingKey === undefined && stack[stack.length - 1]?.kind === '{' : false;
  const key = inKey ? undefined : (pendingKey ?? stack[stack.length - 1]?.key);
  const subOpen = word.lastIndexOf('${');
  return {
    path: inKey || pendingKey === undefined ? path : path,
    inKey,
    key,
    prefix: word,
    prefixStart,
    listItem: stack[stack.length - 1]?.kind === '[',
    subVariable: subOpen >= 0 && word.indexOf('}', subOpen) < 0 ? word.slice(subOpen + 2) : undefined,
    before: parsed.lines.lineText(position.line).slice(0, position.character),
  };
}
