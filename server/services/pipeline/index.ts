import * as YAML from 'yaml';
import { CompletionItemKind, MarkupKind, SymbolKind, type CompletionItem, type DocumentSymbol, type Location } from 'vscode-languageserver-types';
import { actionType, providersOf } from '../../../runtime/pipeline/checks/action-catalog';
import { actionsOf, declarationNode, field, readPipeline, type PipelineView } from '../../../runtime/pipeline/checks/declaration';
import { producerOf } from '../../../runtime/pipeline/checks/input-artifacts';
import { PIPELINE_SCHEMA } from '../../../runtime/pipeline/checks/schema';
import { referencesIn } from '../../../runtime/pipeline/checks/variable-references';
import { rangeOf, textOf } from '../../../runtime/schema/ast';
import type { Analysis } from '../../documents';
import type { FeatureRequest, KindFeatures } from '../../features';
import { nodeAt } from '../lang/cursor';
import { replacementFixes } from '../lang/quick-fixes';
import { cursorOf, existingKeys, keyItem, schemaCompletion, schemaHover, valueItem } from '../lang/schema-features';
import { symbol } from '../structure';

function pipelineOf(analysis: Analysis): PipelineView | undefined {
  const node = declarationNode(analysis.parsed.doc.contents);
  return node ? readPipeline(node, analysis.parsed.lines) : undefined;
}

/** The action map enclosing the cursor (the innermost map with an actionTypeId). */
function enclosingAction(request: FeatureRequest): YAML.YAMLMap | undefined {
  const { ancestors } = nodeAt(request.analysis.parsed, request.offset);
  for (let i = ancestors.length - 1; i >= 0; i--) if (YAML.isMap(ancestors[i]) && field(ancestors[i], 'actionTypeId')) return ancestors[i] as YAML.YAMLMap;
  return undefined;
}

function typeOf(action: YAML.YAMLMap | undefined): { category?: string; provider?: string } {
  const type = field(action, 'actionTypeId')?.value;
  return { category: textOf(field(type, 'category')?.value), provider: textOf(field(type, 'provider')?.value) };
}

/** `#{Namespace.Variable}` completions for the namespaces the pipeline declares and its variables. */
function variableCompletion(request: FeatureRequest): CompletionItem[] | undefined {
  const before = request.analysis.parsed.text.slice(Math.max(0, request.offset - 200), request.offset);
  const match = /#\{([\w@-]*)(?:\.([\w@.-]*))?$/.exec(before);
  if (!match) return undefined;
  const pipeline = pipelineOf(request.analysis);
  if (!pipeline) return [];
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

/** Completion (schema, providers of the category, configuration keys of the provider, #{…}), hover, outline, definitions. */
export const pipelineFeatures: KindFeatures = {
  completion(request) {
    const variables = variableCompletion(request);
    if (variables) return variables;
    const cursor = cursorOf(request);
    if (!cursor) return [];
    const last = cursor.path[cursor.path.length - 1];
    const parent = cursor.path[cursor.path.length - 2];
    if (cursor.mode === 'value' && last === 'provider' && parent === 'actionTypeId') {
      const { category } = typeOf(enclosingAction(request));
      return providersOf(category).map((t) => valueItem(request, cursor, t.provider, t.description, `${t.category} · owner ${t.owner}`));
    }
    if (cursor.mode === 'key' && last === 'configuration') {
      const { category, provider } = typeOf(enclosingAction(request));
      const info = actionType(category, provider);
      if (!info) return [];
      const present = existingKeys(request, cursor.path);
      return [...info.required, ...info.optional]
        .filter((key) => !present.has(key))
        .map((key) => ({ ...keyItem(request, cursor, key, { type: 'string' }, PIPELINE_SCHEMA, info.required.includes(key) ? 'required' : 'optional'), sortText: `${info.required.includes(key) ? 0 : 1}${key}` }));
    }
    return schemaCompletion(request, PIPELINE_SCHEMA, cursor);
  },
  hover(request) {
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
    if (!pipeline) return null;
    const lines = request.analysis.parsed.lines;
    const at = nodeAt(request.analysis.parsed, request.offset);
    const name = textOf(at.value);
    const uri = request.document.uri;
    if (name !== undefined && at.path.includes('inputArtifacts')) {
      const producer = producerOf(pipeline, name);
      const output = producer?.outputs.find((o) => o.name === name);
      if (output) return { uri, range: rangeOf(output.node, lines) } satisfies Location;
    }
    if (at.value) {
      for (const ref of referencesIn(at.value, request.analysis.parsed.text, (s, e) => lines.rangeOf(s, e))) {
        const inside = ref.range.start.line === request.position.line && ref.range.start.character <= request.position.character && request.position.character <= ref.range.end.character;
        if (!inside) continue;
        if (ref.namespace === 'variables') {
          const variable = pipeline.variables.find((v) => v.name === ref.variable);
          return variable ? { uri, range: rangeOf(variable.node, lines) } : null;
        }
        const action = actionsOf(pipeline).find((a) => a.namespace === ref.namespace);
        return action ? { uri, range: rangeOf(action.namespaceNode, lines) } : null;
      }
    }
    return null;
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
