import type { Range } from 'vscode-languageserver-types';
import { declarationFor, type Declaration, type NameReference, type TemplateModel } from '../../../runtime/template/model';
import { nodeAt } from '../lang/cursor';

/** What sits under the cursor, for hover and navigation. */
export type Target =
  | { kind: 'reference'; reference: NameReference; onAttribute: boolean }
  | { kind: 'declaration'; declaration: Declaration }
  | { kind: 'key'; path: string[]; range: Range }
  | { kind: 'type'; resourceId: string; type: string; range: Range };

function contains(range: Range, line: number, character: number): boolean {
  if (line < range.start.line || line > range.end.line) return false;
  if (line === range.start.line && character < range.start.character) return false;
  if (line === range.end.line && character > range.end.character) return false;
  return true;
}

export function targetAt(model: TemplateModel, position: { line: number; character: number }): Target | undefined {
  const { line, character } = position;
  for (const reference of model.references) {
    if (reference.attributeRange && contains(reference.attributeRange, line, character)) return { kind: 'reference', reference, onAttribute: true };
    if (contains(reference.range, line, character)) return { kind: 'reference', reference, onAttribute: false };
  }
  for (const map of [model.parameters, model.mappings, model.conditions, model.resources, model.outputs]) {
    for (const declaration of map.values()) if (contains(declaration.keyRange, line, character)) return { kind: 'declaration', declaration };
  }
  for (const [id, resource] of model.resources) {
    if (resource.type && resource.typeNode && contains(model.rangeOf(resource.typeNode), line, character)) {
      return { kind: 'type', resourceId: id, type: resource.type, range: model.rangeOf(resource.typeNode) };
    }
  }
  const offset = model.parsed.lines.offsetAt(position);
  // The keys from the root to the map key under the cursor (list indexes are skipped).
  const at = nodeAt(model.parsed, offset);
  return at.key ? { kind: 'key', path: at.path.filter((part): part is string => typeof part === 'string'), range: model.rangeOf(at.key) } : undefined;
}

/** The declaration a target names (for definition, references and rename). */
export function declarationOf(model: TemplateModel, target: Target | undefined): Declaration | undefined {
  if (!target) return undefined;
  if (target.kind === 'declaration') return target.declaration;
  if (target.kind === 'reference') {
    if (target.onAttribute) return model.resources.get(target.reference.name);
    return declarationFor(model, target.reference);
  }
  return undefined;
}

/** Every reference to a declaration, in the kinds of reference that can name its section. */
export function referencesTo(model: TemplateModel, declaration: Declaration): NameReference[] {
  return model.references.filter((reference) => {
    if (reference.name !== declaration.name) return false;
    return declarationFor(model, reference) === declaration;
  });
}

/** The range of the name itself inside a key or scalar range (quotes excluded). */
export function nameRange(model: TemplateModel, range: Range, name: string): Range {
  const text = model.parsed.lines.lineText(range.start.line);
  const at = text.indexOf(name, range.start.character);
  if (at < 0 || range.start.line !== range.end.line) return range;
  return { start: { line: range.start.line, character: at }, end: { line: range.start.line, character: at + name.length } };
}
