import { entry, scalarString } from '../common/yaml/nodes';
import type { TemplateModel } from './model';

/**
 * A rule option set in the template the way cfn-lint reads it:
 * `Metadata: cfn-lint: config: configure_rules: <rule>: <option>: value`.
 */
export function ruleOption(model: TemplateModel, rule: string, option: string): string | undefined {
  const config = entry(entry(model.sections.get('Metadata')?.value, 'cfn-lint')?.value, 'config')?.value;
  return scalarString(entry(entry(entry(config, 'configure_rules')?.value, rule)?.value, option)?.value);
}

/** Whether a boolean rule option is on (`true`, `True`, `yes`…). */
export function ruleFlag(model: TemplateModel, rule: string, option: string): boolean {
  return /^(true|yes|on)$/i.test(ruleOption(model, rule, option) ?? '');
}
