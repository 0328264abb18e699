import * as YAML from 'yaml';
import type { Diagnostic, Range } from '../../common/diagnostics';
import { suggest as didYouMean } from '../../schema/suggest';
import { actionType, BUILTIN_NAMESPACES } from './action-catalog';
import { actionsOf, runsBefore, type ActionView, type PipelineView } from './declaration';
import { isNode } from '../../common/yaml/nodes';

export const VARIABLE_REFERENCE = /#\{([A-Za-z0-9@_-]+)\.([A-Za-z0-9@_\-.]+)\}/g;

export interface VariableReference {
  namespace: string;
  variable: string;
  range: Range;
  /** Range of the namespace part only, for go-to-definition. */
  namespaceRange: Range;
}

/** `#{Namespace.Variable}` references in the scalars under a node, at their exact source positions. */
export function referencesIn(node: unknown, text: string, rangeAt: (start: number, end: number) => Range): VariableReference[] {
  const out: VariableReference[] = [];
  YAML.visit(isNode(node) ? node : new YAML.Scalar(null), {
    Scalar(_key, scalar) {
      if (!scalar.range || typeof scalar.value !== 'string' || !scalar.value.includes('#{')) return;
      // Search the source text, not the value: escapes in quoted strings would shift offsets.
      const source = text.slice(scalar.range[0], scalar.range[1]);
      for (const match of source.matchAll(VARIABLE_REFERENCE)) {
        const start = scalar.range[0] + match.index!;
        out.push({ namespace: match[1], variable: match[2], range: rangeAt(start, start + match[0].length), namespaceRange: rangeAt(start + 2, start + 2 + match[1].length) });
      }
    },
  });
  return out;
}

/**
 * Every `#{namespace.Variable}` in an action resolves (EP109): `variables.NAME` names
 * a pipeline variable; other namespaces belong to an action that finishes before this
 * one, and for source actions the variable is one they publish.
 */
export function checkVariableReferences(pipeline: PipelineView): Diagnostic[] {
  const actions = actionsOf(pipeline);
  const byNamespace = new Map<string, ActionView>();
  for (const action of actions) if (action.namespace !== undefined && !byNamespace.has(action.namespace)) byNamespace.set(action.namespace, action);
  const out: Diagnostic[] = [];
  const report = (range: Range, message: string, replacement?: string) =>
    out.push({ range, severity: 'error', code: 'EP109', message, ...(replacement ? { data: { replacement } } : {}) });
  const text = pipeline.lines.text;
  for (const action of actions) {
    for (const ref of referencesIn(action.node, text, (s, e) => pipeline.lines.rangeOf(s, e))) {
      const where = `#{${ref.namespace}.${ref.variable}}`;
      if (ref.namespace === 'variables') {
        const names = pipeline.variables.map((v) => v.name);
        if (!names.includes(ref.variable)) {
          const suggestion = didYouMean(ref.variable, names);
          report(ref.range, `${where}: the pipeline declares no variable "${ref.variable}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? `#{variables.${suggestion}}` : undefined);
        }
        continue;
      }
      const builtin = BUILTIN_NAMESPACES[ref.namespace];
      if (builtin) {
        if (!builtin.includes(ref.variable)) report(ref.range, `${where}: the ${ref.namespace} namespace has only ${builtin.join(', ')}`);
        continue;
      }
      const producer = byNamespace.get(ref.namespace);
      if (!producer) {
        const suggestion = didYouMean(ref.namespace, [...byNamespace.keys(), 'variables', ...Object.keys(BUILTIN_NAMESPACES)]);
        report(ref.range, `${where}: no action declares namespace "${ref.namespace}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? `#{${suggestion}.${ref.variable}}` : undefined);
        continue;
      }
      if (!runsBefore(producer, action)) {
        report(ref.range, `${where}: "${producer.name ?? 'the action'}" sets namespace "${ref.namespace}" but does not finish before "${action.name ?? 'this action'}" starts`);
        continue;
      }
      const published = actionType(producer.category, producer.provider)?.variables;
      if (Array.isArray(published) && !published.includes(ref.variable)) {
        const suggestion = didYouMean(ref.variable, published);
        report(ref.range, `${where}: ${producer.provider} actions publish ${published.join(', ')}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? `#{${ref.namespace}.${suggestion}}` : undefined);
      }
    }
  }
  return out;
}
