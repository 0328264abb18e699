import { InputError } from '../../common/errors';
import { VARIABLE_REFERENCE } from '../model';
import type { ExecutionRecord } from './records';

/** Every variable an action of this execution can reference, keyed `Namespace.Name`. */
export function visibleVariables(execution: ExecutionRecord): Record<string, string> {
  const result: Record<string, string> = {
    'codepipeline.PipelineExecutionId': execution.executionId,
  };
  for (const [name, value] of Object.entries(execution.variables)) result[`variables.${name}`] = value;
  for (const [namespace, values] of Object.entries(execution.namespaces)) {
    for (const [name, value] of Object.entries(values)) result[`${namespace}.${name}`] = value;
  }
  return result;
}

export class UnresolvedVariableError extends Error {}

/** Substitutes `#{Namespace.Variable}` references; an unknown one fails the action, as in AWS. */
export function resolveConfiguration(configuration: Record<string, string>, variables: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(configuration)) {
    result[key] = value.replace(VARIABLE_REFERENCE, (reference, namespace: string, name: string) => {
      const found = variables[`${namespace}.${name}`];
      if (found === undefined) throw new UnresolvedVariableError(`${key}: ${reference} has no value in this execution`);
      return found;
    });
  }
  return result;
}

/** Pipeline variables for a new execution: declared defaults, then the start overrides. */
export function startVariables(
  declared: { name: string; defaultValue?: string }[],
  overrides: Record<string, string>,
): Record<string, string> {
  const result: Record<string, string> = {};
  const known = new Set(declared.map((v) => v.name));
  for (const name of Object.keys(overrides)) {
    if (!known.has(name)) throw new InputError(`the pipeline declares no variable "${name}" (declared: ${[...known].join(', ') || 'none'})`);
  }
  for (const variable of declared) {
    const value = overrides[variable.name] ?? variable.defaultValue;
    if (value === undefined) throw new InputError(`variable "${variable.name}" has no default value; pass --variable ${variable.name}=VALUE`);
    result[variable.name] = value;
  }
  return result;
}
