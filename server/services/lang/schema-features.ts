import * as YAML from 'yaml';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover, type TextEdit } from 'vscode-languageserver-types';
import { documentValue } from '../../../runtime/common/yaml/document';
import { rangeOfNode } from '../../../runtime/common/yaml/ranges';
import { propertiesOf, schemasAt, valuesOf, type SchemaPath } from '../../../runtime/schema/lookup';
import { deref, describe, typesOf, type JsonSchema } from '../../../runtime/schema/types';
import type { FeatureRequest } from '../../features';
import { jsonCursor, nodeAt, yamlCursor, type CursorContext } from './cursor';
import { isMap, isNode, isScalar, isSeq } from '../../../runtime/common/yaml/nodes';

/** The completion context at the request's position, for YAML (by indentation) or JSON (by tree). */
export function cursorOf(request: FeatureRequest): CursorContext | undefined {
  const parsed = request.analysis.parsed;
  return parsed.format === 'json' ? jsonCursor(parsed, request.offset) : yamlCursor(parsed.text, request.offset);
}

export function plainValue(request: FeatureRequest): unknown {
  try {
    return documentValue(request.analysis.parsed);
  } catch {
    return undefined;
  }
}

/** The keys already present in the map at `path`, so completion does not offer them again. */
export function existingKeys(request: FeatureRequest, path: SchemaPath): Set<string> {
  let node: unknown = request.analysis.parsed.doc.contents;
  for (const part of path) {
    if (typeof part === 'number') node = isSeq(node) ? nodeInSeqAt(node, request.offset) : undefined;
    else node = isMap(node) ? node.get(part, true) : undefined;
  }
  const keys = new Set<string>();
  if (isMap(node)) for (const pair of node.items) if (isScalar(pair.key)) keys.add(String(pair.key.value));
  return keys;
}

function nodeInSeqAt(seq: YAML.YAMLSeq, offset: number): unknown {
  let best: unknown;
  for (const item of seq.items) if (isNode(item) && item.range && item.range[0] <= offset) best = item;
  return best;
}

function markdown(text: string | undefined) {
  return text ? { kind: MarkupKind.Markdown, value: text } : undefined;
}

function edit(request: FeatureRequest, cursor: CursorContext, newText: string): TextEdit {
  const document = request.document;
  // Typing inside a pair of quotes: the completion replaces the closing quote too.
  const closing = cursor.quoted && request.analysis.parsed.text[request.offset] === request.analysis.parsed.text[cursor.replaceFrom];
  const end = closing ? document.positionAt(request.offset + 1) : request.position;
  return { range: { start: document.positionAt(cursor.replaceFrom), end }, newText };
}

/** A completion item for a key, inserting the block its schema calls for. */
export function keyItem(request: FeatureRequest, cursor: CursorContext, name: string, schema: JsonSchema | undefined, root: JsonSchema, detail?: string): CompletionItem {
  const resolved = schema ? deref(schema, root) : undefined;
  const types = resolved ? typesOf(resolved) : [];
  const json = request.analysis.parsed.format === 'json';
  const pad = ' '.repeat(cursor.column + 2);
  let snippet: string;
  if (json) snippet = types[0] === 'object' ? `"${name}": {$0}` : types[0] === 'array' ? `"${name}": [$0]` : `"${name}": $0`;
  else if (types[0] === 'object') snippet = `${name}:\n${pad}$0`;
  else if (types[0] === 'array') snippet = `${name}:\n${pad}- $0`;
  else snippet = `${name}: $0`;
  return {
    label: name,
    kind: CompletionItemKind.Property,
    detail,
    documentation: markdown(resolved ? describe(resolved) : undefined),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: edit(request, cursor, snippet),
    filterText: cursor.quoted ? `"${name}` : name,
    sortText: `0${name}`,
    ...(types[0] === 'object' || types[0] === 'array' ? { command: { title: 'suggest', command: 'editor.action.triggerSuggest' } } : {}),
  };
}

/** A completion item for a scalar value, quoted as the format needs. */
export function valueItem(request: FeatureRequest, cursor: CursorContext, value: unknown, documentation?: string, detail?: string): CompletionItem {
  const json = request.analysis.parsed.format === 'json';
  const text = String(value);
  const needsQuotes = typeof value === 'string' && (json || cursor.quoted || /^[\s!&*%@`|>{}[\],#'"?:-]|:\s|\s#|^(true|false|yes|no|null|~|[-+]?\d[\d.e+-]*)$/i.test(text));
  const newText = needsQuotes ? JSON.stringify(text) : text;
  return {
    label: text,
    kind: CompletionItemKind.Value,
    detail,
    documentation: markdown(documentation),
    textEdit: edit(request, cursor, newText),
    filterText: cursor.quoted ? `"${text}` : text,
  };
}

/** Keys or values the schema allows at the cursor. */
export function schemaCompletion(request: FeatureRequest, root: JsonSchema, cursor: CursorContext): CompletionItem[] {
  const schemas = schemasAt(root, cursor.path, plainValue(request));
  if (cursor.mode === 'key') {
    const present = existingKeys(request, cursor.path);
    return propertiesOf(schemas, root)
      .filter((p) => !present.has(p.name))
      .map((p) => keyItem(request, cursor, p.name, p.schema, root));
  }
  const items = valuesOf(schemas).map((v) => valueItem(request, cursor, v, schemas.map(describe).find(Boolean)));
  if (items.length === 0 && schemas.some((s) => typesOf(s).includes('boolean'))) items.push(valueItem(request, cursor, true), valueItem(request, cursor, false));
  return items;
}

/** Hover over a key (its description) or a value (the key's description and the allowed values). */
export function schemaHover(request: FeatureRequest, root: JsonSchema): Hover | null {
  const at = nodeAt(request.analysis.parsed, request.offset);
  if (!at.key && !at.value) return null;
  const schemas = schemasAt(root, at.path, plainValue(request));
  const text = schemas.map(describe).find(Boolean);
  if (!text) return null;
  const node = (at.key ?? at.value)!;
  const name = at.path[at.path.length - 1];
  const values = at.value ? valuesOf(schemas).map(String) : [];
  const lines = [`**${typeof name === 'number' ? 'item' : name}**`, '', text];
  if (values.length) lines.push('', `Values: ${values.map((v) => `\`${v}\``).join(', ')}`);
  const range = rangeOfNode(node, request.analysis.parsed.lines);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, ...(range ? { range } : {}) };
}
