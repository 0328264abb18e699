import { entry, scalarString } from '../common/yaml/nodes';
import type { TemplateModel } from './model';

/** Parameter types whose value (and so whose `Ref`) is a list of strings. */
export function isListParameterType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<') || /^AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>$/.test(type);
}

/**
 * What `Ref name` gives: a list for list-typed parameters and AWS::NotificationARNs, a string
 * for other parameters, resources and pseudo parameters; undefined when the name is unknown
 * or the parameter's type is not written literally.
 */
export function refResult(model: TemplateModel, name: string): 'list' | 'string' | undefined {
  const parameter = model.parameters.get(name);
  if (parameter) {
    const type = scalarString(entry(parameter.value, 'Type')?.value);
    return type === undefined ? undefined : isListParameterType(type) ? 'list' : 'string';
  }
  if (name === 'AWS::NotificationARNs') return 'list';
  if (name.startsWith('AWS::') || model.resources.has(name)) return 'string';
  return undefined;
}
