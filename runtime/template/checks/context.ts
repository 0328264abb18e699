import type { Diagnostic, Range, Severity } from '../../common/diagnostics';
import type { CfnSpec } from '../spec';
import type { TemplateModel } from '../model';

/** What a template check receives: the positioned model, the resource specification and a way to report. */
export interface CheckContext {
  model: TemplateModel;
  spec: CfnSpec;
  /** True when the template declares a transform (SAM, macros): it then names resources the text does not. */
  transformed: boolean;
  /** True when `AWS::LanguageExtensions` is declared (Fn::ForEach, Fn::Length, Fn::ToJsonString). */
  languageExtensions: boolean;
  report(code: string, range: Range, message: string, options?: { severity?: Severity; data?: Diagnostic['data'] }): void;
}

/** One semantic check: a small unit with one concern, reporting under cfn-lint's rule ids. */
export interface TemplateCheck {
  /** The rule ids this check can report (for documentation and ignore lists). */
  codes: string[];
  run(context: CheckContext): void;
}

/** Rule severity follows the id's first letter, as in cfn-lint (E error, W warning, I info). */
export function severityOf(code: string): Severity {
  return code.startsWith('W') ? 'warning' : code.startsWith('I') ? 'info' : 'error';
}
