import type { Definition, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { templateModel } from '../../../runtime/template/model';
import type { FeatureRequest } from '../../features';
import { declarationOf, nameRange, referencesTo, targetAt } from './locate';

const LOGICAL_ID = /^[A-Za-z0-9]+$/;

/** Go to definition of a logical id, parameter, condition or mapping from any reference. */
export function templateDefinition(request: FeatureRequest): Definition | null {
  const model = templateModel(request.analysis.parsed);
  const target = targetAt(model, request.position);
  if (!target || target.kind === 'declaration') return null;
  const declaration = declarationOf(model, target);
  return declaration ? { uri: request.document.uri, range: nameRange(model, declaration.keyRange, declaration.name) } : null;
}

export function templateReferences(request: FeatureRequest, includeDeclaration: boolean): Location[] {
  const model = templateModel(request.analysis.parsed);
  const declaration = declarationOf(model, targetAt(model, request.position));
  if (!declaration) return [];
  const uri = request.document.uri;
  const found: Location[] = referencesTo(model, declaration)
    .map((reference) => ({ uri, range: reference.range }))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  if (includeDeclaration) found.unshift({ uri, range: nameRange(model, declaration.keyRange, declaration.name) });
  return found;
}

export function templatePrepareRename(request: FeatureRequest): Range | null {
  const model = templateModel(request.analysis.parsed);
  const target = targetAt(model, request.position);
  const declaration = declarationOf(model, target);
  if (!declaration || !target) return null;
  if (target.kind === 'reference' && !target.onAttribute) return target.reference.range;
  return nameRange(model, declaration.keyRange, declaration.name);
}

/** Renames a declaration and every reference to it (Ref, GetAtt, ${} in Sub, DependsOn, Condition, If, FindInMap). */
export function templateRename(request: FeatureRequest, newName: string): WorkspaceEdit | null {
  const model = templateModel(request.analysis.parsed);
  const declaration = declarationOf(model, targetAt(model, request.position));
  if (!declaration) return null;
  if (!LOGICAL_ID.test(newName)) throw new Error(`"${newName}" is not a valid name: use letters and digits only`);
  const edits: TextEdit[] = [{ range: nameRange(model, declaration.keyRange, declaration.name), newText: newName }];
  for (const reference of referencesTo(model, declaration)) edits.push({ range: reference.range, newText: newName });
  return { changes: { [request.document.uri]: edits } };
}
