import * as YAML from 'yaml';
import { CompletionItemKind, MarkupKind, SymbolKind, type CompletionItem, type DocumentSymbol, type Hover, type Location } from 'vscode-languageserver-types';
import { actionType, providersOf } from '../../../runtime/pipelines/checks/action-catalog';
import { actionsOf, declarationNode, field, readPipeline, templatePipelines, type PipelineView } from '../../../runtime/pipelines/checks/declaration';
import { producerOf } from '../../../runtime/pipelines/checks/input-artifacts';
import { PIPELINE_SCHEMA } from '../../../runtime/pipelines/checks/schema';
import { referencesIn, type VariableReference } from '../../../runtime/pipelines/checks/variable-references';
import { rangeOf } from '../../../runtime/common/yaml/ranges';
import { textOf, isMap, isNode } from '../../../runtime/common/yaml/nodes';
import type { Analysis } from '../../documents';
import type { FeatureRequest, KindFeatures } from '../../features';
import { nodeAt, type CursorContext } from '../lang/cursor';
import { replacementFixes } from '../lang/quick-fixes';
import { cursorOf, existingKeys, keyItem, schemaCompletion, schemaHover, valueItem } from '../lang/schema-features';
import { symbol } from '../structure';

function pipelineOf(analysis: Analysis): PipelineView | undefined {
  const node = declarationNode(analysis.parsed.doc.contents);
  return node ? readPipeline(node, analysis.parsed.lines) : undefined;
}

/**
 * An offset inside the map being completed: in YAML the key that opens it (the nearest
 * line above with less indentation), because a new blank line lies past the map's end.
 */
function anchorOffset(request: FeatureRequest, cursor?: CursorContext): number {
  if (!cursor || request.analysis.parsed.format === 'json') return request.offset;
  const lines = request.analysis.parsed.lines;
  for (let line = request.position.line - (cursor.mode === 'key' ? 1 : 0); line >= 0; line--) {
    const text = lines.lineText(line);
    const indent = text.length - text.trimStart().length;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    if (cursor.mode === 'value' || indent < cursor.column) return lines.offsetAt({ line, character: indent });
  }
  return request.offset;
}

/** The action map enclosing the cursor (the innermost map with an actionTypeId). */
function enclosingAction(request: FeatureRequest, cursor?: CursorContext): YAML.YAMLMap | undefined {
  const { ancestors } = nodeAt(request.analysis.parsed, anchorOffset(request, cursor));
  for (let i = ancestors.length - 1; i >= 0; i--) if (isMap(ancestors[i]) && field(ancestors[i], 'actionTypeId')) return ancestors[i] as YAML.YAMLMap;
  return undefined;
}

function typeOf(action: YAML.YAMLMap | undefined): { category?: string; provider?: string } {
  const type = field(action, 'actionTypeId')?.value;
  return { category: textOf(field(type, 'category')?.value), provider: textOf(field(type, 'provider')?.value) };
}

/** Providers of the action's category, or configuration keys of its provider (either casing). */
function actionCompletion(request: FeatureRequest, cursor: CursorContext): CompletionItem[] | undefined {
  const last = String(cursor.path[cursor.path.length - 1] ?? '');
  const parent = String(cursor.path[cursor.path.length - 2] ?? '');
  if (cursor.mode === 'value' && /^[pP]rovider$/.test(last) && /^[aA]ctionTypeId$/.test(parent)) {
    const { category } = typeOf(enclosingAction(request, cursor));
    return providersOf(category).map((t) => valueItem(request, cursor, t.provider, t.description, `${t.category} · owner ${t.owner}`));
  }
  if (cursor.mode === 'key' && /^[cC]onfiguration$/.test(last)) {
    const { category, provider } = typeOf(enclosingAction(request, cursor));
    const info = actionType(category, provider);
    if (!info) return [];
    const present = existingKeys(request, cursor.path);
    return [...info.required, ...info.optional]
      .filter((key) => !present.has(key))
      .map((key) => ({ ...keyItem(request, cursor, key, { type: 'string' }, PIPELINE_SCHEMA, info.required.includes(key) ? 'required' : 'optional'), sortText: `${info.required.includes(key) ? 0 : 1}${key}` }));
  }
  return undefined;
}

/** `#{Namespace.Variable}` completions for the namespaces the pipeline declares and its variables. */
function variableCompletion(request: FeatureRequest, pipeline: PipelineView): CompletionItem[] | undefined {
  const before = request.analysis.parsed.text.slice(Math.max(0, request.offset - 200), request.offset);
  const match = /#\{([\w@-]*)(?:\.([\w@.-]*))?$/.exec(before);
  if (!match) return undefined;
  const start = request.document.positionAt(request.offset - match[0].length);
  const item = (reference: string, detail: string): CompletionItem => ({
    label: reference,
    kind: CompletionItemKind.Variable,
    detail,
    textEdit: { range: { start, end: request.position }, newText: `${reference}` },
    filterText: reference,
  });
  const items = pipeline.variables.map((v) => item(`#{variables.${v.name}}`, 'pipeline variable'));
  items.push(item('#{codepipeline.PipelineExecutionId}', 'id of the running execution'));
  for (const action of actionsOf(pipeline)) {
    if (!action.namespace) continue;
    const published = actionType(action.category, action.provider)?.variables;
    const names = Array.isArray(published) ? published : [''];
    for (const name of names) items.push(item(name ? `#{${action.namespace}.${name}}` : `#{${action.namespace}.`, `${action.provider ?? 'action'} "${action.name ?? ''}" output variable`));
  }
  return items;
}

/** Go to the action producing an input artifact, the action owning a `#{Namespace.…}`, or a pipeline variable. */
export function definitionIn(pipeline: PipelineView, request: FeatureRequest): Location | null {
  const lines = request.analysis.parsed.lines;
  const at = nodeAt(request.analysis.parsed, request.offset);
  const name = textOf(at.value);
  const uri = request.document.uri;
  if (name !== undefined && at.path.some((p) => p === 'inputArtifacts' || p === 'InputArtifacts')) {
    const producer = producerOf(pipeline, name);
    const output = producer?.outputs.find((o) => o.name === name);
    if (output) return { uri, range: rangeOf(output.node, lines) };
  }
  const ref = referenceAt(request);
  if (!ref) return null;
  if (ref.namespace === 'variables') {
    const variable = pipeline.variables.find((v) => v.name === ref.variable);
    return variable ? { uri, range: rangeOf(variable.node, lines) } : null;
  }
  const action = actionsOf(pipeline).find((a) => a.namespace === ref.namespace);
  return action ? { uri, range: rangeOf(action.namespaceNode, lines) } : null;
}

/** The `#{Namespace.Variable}` reference under the cursor, if any. */
function referenceAt(request: FeatureRequest): VariableReference | undefined {
  const at = nodeAt(request.analysis.parsed, request.offset);
  if (!at.value) return undefined;
  const lines = request.analysis.parsed.lines;
  return referencesIn(at.value, request.analysis.parsed.text, (s, e) => lines.rangeOf(s, e)).find(
    (ref) => ref.range.start.line === request.position.line && ref.range.start.character <= request.position.character && request.position.character <= ref.range.end.character,
  );
}

/** Hover over `#{…}`: what sets the variable. */
function referenceHover(pipeline: PipelineView, request: FeatureRequest): Hover | null {
  const ref = referenceAt(request);
  if (!ref) return null;
  let value: string;
  if (ref.namespace === 'variables') {
    const variable = pipeline.variables.find((v) => v.name === ref.variable);
    value = variable ? `Pipeline variable **${ref.variable}**, set when a run starts.` : `No pipeline variable **${ref.variable}** is declared.`;
  } else if (ref.namespace === 'codepipeline') {
    value = 'Set by CodePipeline for every run.';
  } else {
    const action = actionsOf(pipeline).find((a) => a.namespace === ref.namespace);
    value = action ? `Output variable **${ref.variable}** of ${action.provider ?? ''} action **${action.name ?? ''}** (stage ${action.stage.name ?? action.stage.index + 1}).` : `No action declares namespace **${ref.namespace}**.`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: ref.range };
}

/** Pipelines declared as AWS::CodePipeline::Pipeline resources: providers, configuration keys and `#{…}` completion, hover and go to definition inside them. */
export const templatePipelineFeatures: KindFeatures = {
  completion(request) {
    const pipeline = templatePipelineAt(request);
    if (!pipeline) return [];
    const variables = variableCompletion(request, pipeline);
    if (variables) return variables;
    const cursor = cursorOf(request);
    return (cursor && actionCompletion(request, cursor)) ?? [];
  },
  definition(request) {
    const pipeline = templatePipelineAt(request);
    return pipeline ? definitionIn(pipeline, request) : null;
  },
  hover(request) {
    const pipeline = templatePipelineAt(request);
    return pipeline ? referenceHover(pipeline, request) : null;
  },
};

/** The pipeline resource the cursor is in: the last resource that starts before it, if it is a pipeline. */
function templatePipelineAt(request: FeatureRequest): PipelineView | undefined {
  const root = request.analysis.parsed.doc.contents;
  const resources = isMap(root) ? root.get('Resources', true) : undefined;
  if (!isMap(root) || !isMap(resources)) return undefined;
  const section = root.items.filter((pair) => isNode(pair.key) && pair.key.range && pair.key.range[0] <= request.offset).pop();
  if (section?.value !== resources) return undefined;
  let current: unknown;
  for (const pair of resources.items) if (isNode(pair.key) && pair.key.range && pair.key.range[0] <= request.offset) current = pair.value;
  const pipeline = templatePipelines(root).find((p) => isMap(current) && (current.get('Properties', true) as unknown) === p.properties);
  return pipeline ? readPipeline(pipeline.properties, request.analysis.parsed.lines) : undefined;
}

/** Completion (schema, providers of the category, configuration keys of the provider, #{…}), hover, outline, definitions. */
export const pipelineFeatures: KindFeatures = {
  completion(request) {
    const pipeline = pipelineOf(request.analysis);
    const variables = pipeline ? variableCompletion(request, pipeline) : undefined;
    if (variables) return variables;
    const cursor = cursorOf(request);
    if (!cursor) return [];
    return actionCompletion(request, cursor) ?? schemaCompletion(request, PIPELINE_SCHEMA, cursor);
  },
  hover(request) {
    const pipeline = pipelineOf(request.analysis);
    const reference = pipeline ? referenceHover(pipeline, request) : null;
    if (reference) return reference;
    const at = nodeAt(request.analysis.parsed, request.offset);
    const last = at.path[at.path.length - 1];
    if (at.value && last === 'provider') {
      const { category } = typeOf(enclosingAction(request));
      const info = actionType(category, textOf(at.value));
      if (info) {
        const config = [...info.required.map((k) => `\`${k}\` (required)`), ...info.optional.map((k) => `\`${k}\``)].join(', ');
        const value = `**${info.provider}** (${info.category})\n\n${info.description}${config ? `\n\nConfiguration: ${config}` : ''}`;
        return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(at.value, request.analysis.parsed.lines) };
      }
    }
    return schemaHover(request, PIPELINE_SCHEMA);
  },
  definition(request) {
    const pipeline = pipelineOf(request.analysis);
    return pipeline ? definitionIn(pipeline, request) : null;
  },
  documentSymbols(_document, analysis) {
    const pipeline = pipelineOf(analysis);
    if (!pipeline) return [];
    const lines = analysis.parsed.lines;
    return pipeline.stages.map((stage): DocumentSymbol => {
      const children = stage.actions.map((action) =>
        symbol(action.name ?? '(unnamed)', SymbolKind.Function, rangeOf(action.node, lines), rangeOf(action.nameNode, lines), undefined, [action.category, action.provider].filter(Boolean).join(' · ')),
      );
      return symbol(stage.name ?? `stage ${stage.index + 1}`, SymbolKind.Class, rangeOf(stage.node, lines), rangeOf(stage.nameNode, lines), children, `${stage.actions.length} action${stage.actions.length === 1 ? '' : 's'}`);
    });
  },
  codeActions(document, _analysis, diagnostics) {
    return replacementFixes(document, diagnostics);
  },
};
