import { isRuleIgnored, type Diagnostic, type Range } from '../common/diagnostics';
import type { ParsedDocument } from '../common/yaml/document';
import { registerValidator } from '../validate';
import { TEMPLATE_CHECKS } from './checks';
import { severityOf, type CheckContext } from './checks/context';
import { templateModel, type TemplateModel } from './model';
import { entry, scalarString, type Node, isSeq } from '../common/yaml/nodes';
import { loadSpec } from './spec';

/** Runs every template check; a failing check reports itself and never hides the others. */
export function validateTemplate(parsed: ParsedDocument): Diagnostic[] {
  const model = templateModel(parsed);
  const spec = loadSpec();
  const diagnostics: Diagnostic[] = [];
  const context: CheckContext = {
    model,
    spec,
    // Transforms (SAM, macros) and modules add resources the text does not declare.
    transformed:
      model.transforms.some((t) => t !== 'AWS::LanguageExtensions') ||
      (model.sections.has('Transform') && model.transforms.length === 0) ||
      [...model.resources.values()].some((r) => r.type?.endsWith('::MODULE')),
    languageExtensions: model.transforms.includes('AWS::LanguageExtensions'),
    report(code, range, message, options = {}) {
      diagnostics.push({ range, severity: options.severity ?? severityOf(code), code, message, ...(options.data ? { data: options.data } : {}) });
    },
  };
  for (const check of TEMPLATE_CHECKS) {
    try {
      check.run(context);
    } catch (error) {
      diagnostics.push({
        range: model.range(0, 0),
        severity: 'error',
        code: 'SLIPWAY-INTERNAL',
        message: `internal error in template check ${check.codes.join('/')}: ${(error as Error).message}`,
      });
    }
  }
  return withoutIgnored(model, diagnostics);
}

/**
 * Honours cfn-lint's `Metadata: cfn-lint: config: ignore_checks` at the template level and
 * per resource (then only for findings inside that resource). Ids match exactly or by prefix.
 */
function withoutIgnored(model: TemplateModel, diagnostics: Diagnostic[]): Diagnostic[] {
  const global = ignoreList(model.sections.get('Metadata')?.value);
  const scoped: Array<{ range: Range; ids: string[] }> = [];
  for (const resource of model.resources.values()) {
    const ids = ignoreList(entry(resource.value, 'Metadata')?.value);
    if (ids.length) scoped.push({ range: resource.range, ids });
  }
  if (!global.length && !scoped.length) return diagnostics;
  return diagnostics.filter((d) => {
    if (isRuleIgnored(d.code, global)) return false;
    return !scoped.some((s) => isRuleIgnored(d.code, s.ids) && contains(s.range, d.range));
  });
}

function ignoreList(metadata: Node): string[] {
  const config = entry(entry(metadata, 'cfn-lint')?.value, 'config')?.value;
  const ignore = entry(config, 'ignore_checks')?.value;
  if (isSeq(ignore)) return ignore.items.map((i) => scalarString(i as Node)).filter((v): v is string => !!v);
  const single = scalarString(ignore);
  return single ? [single] : [];
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

registerValidator('template', validateTemplate);
