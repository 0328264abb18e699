import * as YAML from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../runtime/common/yaml/document';
import { isMap, isScalar, isSeq } from '../../../runtime/common/yaml/nodes';

/**
 * The JSON form of "add missing required properties": finds the object the finding's key
 * (at `offset`) names, then adds `"Name": ""` members to it, or a `"Properties"` member to a
 * resource that has none, indented like the members around it.
 */
export function insertMissingJson(parsed: ParsedDocument, offset: number, missing: string[]): TextEdit | undefined {
  const pair = pairWithKeyAt(parsed.doc.contents, offset);
  if (!pair || !isMap(pair.value) || !pair.value.flow || !pair.value.range) return undefined;
  const target = pair.value;
  const hasType = target.items.some((item) => isScalar(item.key) && item.key.value === 'Type');
  const hasProperties = target.items.some((item) => isScalar(item.key) && item.key.value === 'Properties');
  const text = parsed.text;
  const indent = memberIndent(text, target);
  const members = (pad: string) => missing.map((name) => `${pad}${JSON.stringify(name)}: ""`);
  const body = hasType && !hasProperties ? [`${indent}"Properties": {\n${members(indent + '  ').join(',\n')}\n${indent}}`] : members(indent);
  const open = target.range![0] + 1; // just inside `{`
  const separator = target.items.length ? ',' : `\n${indent.slice(2)}`;
  return { range: { start: parsed.lines.positionAt(open), end: parsed.lines.positionAt(open) }, newText: `\n${body.join(',\n')}${separator}` };
}

function pairWithKeyAt(node: unknown, offset: number): YAML.Pair | undefined {
  const stack: unknown[] = [node];
  while (stack.length) {
    const current = stack.pop();
    if (isMap(current)) {
      for (const item of current.items) {
        const key = item.key as YAML.Node | null;
        if (key?.range && key.range[0] === offset) return item;
        stack.push(item.value);
      }
    } else if (isSeq(current)) stack.push(...current.items);
  }
  return undefined;
}

/** The indentation of the object's members: its first member's, else its own plus two spaces. */
function memberIndent(text: string, map: YAML.YAMLMap): string {
  const first = map.items[0]?.key as YAML.Node | undefined;
  const at = first?.range?.[0] ?? map.range![0];
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const leading = /^[ \t]*/.exec(text.slice(lineStart, at))![0];
  return first ? leading : leading + '  ';
}
