import { NotFoundError } from '../../common/errors';
import { awsParameterType, type AwsParameterType } from '../aws-parameter-types';
import { TemplateEvalError } from './errors';

/** A parameter as a template declares it. */
export interface ParameterDeclaration {
  Type?: string;
  Default?: unknown;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinLength?: number | string;
  MaxLength?: number | string;
  MinValue?: number | string;
  MaxValue?: number | string;
  NoEcho?: boolean | string;
  ConstraintDescription?: string;
  Description?: string;
}

/** A parameter with its value: `value` is what was given, `resolved` is what `Ref` returns. */
export interface ResolvedParameter {
  key: string;
  type: string;
  value: string;
  resolved: string | string[];
  noEcho: boolean;
  /** For AWS::SSM::Parameter::Value<…> types: the value read from the parameter store. */
  resolvedFromStore?: string;
}

export interface ParameterLookup {
  /** Reads the local parameter store (AWS::SSM::Parameter::Value<…> types). */
  ssm?(name: string): { value: string; secure: boolean };
  /**
   * The values of an AWS-specific parameter type (`AWS::EC2::VPC::Id`, …) that exist in the local
   * account and region; undefined when nothing local can say (only the value's form is checked).
   */
  existing?(type: string): ReadonlySet<string> | undefined;
}

const SSM_VALUE = /^AWS::SSM::Parameter::Value<(.+)>$/;

export function isListType(type: string): boolean {
  const inner = SSM_VALUE.exec(type)?.[1] ?? type;
  return inner === 'CommaDelimitedList' || inner.startsWith('List<');
}

/** Parameters masked by NoEcho show as this, as CloudFormation shows them. */
export const NO_ECHO_MASK = '****';

export function isNoEcho(declaration: ParameterDeclaration): boolean {
  return declaration.NoEcho === true || String(declaration.NoEcho).toLowerCase() === 'true';
}

/**
 * Gives every declared parameter its value: the given one, else the previous one
 * (updates keep values not given, as `aws cloudformation deploy` does), else the
 * Default. Every constraint is checked; all failures are reported together, with
 * CloudFormation's messages, before anything changes.
 */
export function resolveParameters(
  declarations: Record<string, ParameterDeclaration>,
  given: Record<string, string>,
  lookup: ParameterLookup = {},
  previous: Record<string, string> = {},
): Record<string, ResolvedParameter> {
  const unknown = Object.keys(given).filter((key) => !(key in declarations));
  if (unknown.length) throw new TemplateEvalError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing: string[] = [];
  const problems: string[] = [];
  const result: Record<string, ResolvedParameter> = {};
  for (const [key, declaration] of Object.entries(declarations)) {
    const type = String(declaration?.Type ?? 'String');
    let value: string | undefined = given[key] ?? previous[key];
    if (value === undefined && declaration?.Default !== undefined && declaration.Default !== null) value = scalarText(declaration.Default);
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    try {
      result[key] = resolveOne(key, type, value, declaration ?? {}, lookup);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (missing.length) problems.unshift(`Parameters: [${missing.join(', ')}] must have values`);
  if (problems.length) throw new TemplateEvalError(problems.join('; '));
  return result;
}

function scalarText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function resolveOne(key: string, type: string, value: string, declaration: ParameterDeclaration, lookup: ParameterLookup): ResolvedParameter {
  const noEcho = isNoEcho(declaration);
  const ssm = SSM_VALUE.exec(type);
  let effective = value;
  let resolvedFromStore: string | undefined;
  let innerType = type;
  if (ssm) {
    if (!lookup.ssm) throw new TemplateEvalError(`Parameter '${key}' needs the local parameter store to resolve ${type}`);
    const stored = lookupSsm(key, value, lookup);
    if (stored.secure) throw new TemplateEvalError(`Parameter '${key}': SecureString parameters are not supported for ${type} (use a {{resolve:ssm-secure:…}} dynamic reference)`);
    effective = stored.value;
    resolvedFromStore = stored.value;
    innerType = ssm[1];
  }
  // AWS::SSM::Parameter::Name: the value is the name, and the parameter must exist.
  if (type === 'AWS::SSM::Parameter::Name' && lookup.ssm) lookupSsm(key, value, lookup);
  const list = isListType(innerType);
  const items = list ? (effective === '' ? [] : effective.split(',').map((item) => item.trim())) : [effective];
  checkConstraints(key, innerType, items, declaration);
  const aws = awsParameterType(innerType);
  if (aws) for (const item of items) checkExisting(key, item, aws.name, aws.spec, lookup);
  return { key, type, value, resolved: list ? items : effective, noEcho, resolvedFromStore };
}

function lookupSsm(key: string, name: string, lookup: ParameterLookup): { value: string; secure: boolean } {
  try {
    return lookup.ssm!(name);
  } catch (error) {
    // CloudFormation's ValidationError for a Systems Manager parameter that is not there.
    if (error instanceof NotFoundError) throw new TemplateEvalError(`Unable to fetch parameters [${name}] from parameter store for this account (parameter ${key}; add it with: slipway param put ${name} VALUE)`);
    throw new TemplateEvalError(`Parameter '${key}': ${(error as Error).message}`);
  }
}

/** An AWS-specific value must have its type's form and, where the local account can tell, exist (CloudFormation's create-time check). */
function checkExisting(key: string, item: string, type: string, spec: AwsParameterType, lookup: ParameterLookup): void {
  const known = lookup.existing?.(type);
  if ((spec.format && !spec.format.test(item)) || (known && !known.has(item))) {
    throw new TemplateEvalError(`Parameter validation failed: parameter value ${item} for parameter name ${key} does not exist`);
  }
}

function checkConstraints(key: string, type: string, items: string[], d: ParameterDeclaration): void {
  const numeric = type === 'Number' || type === 'List<Number>';
  const described = (fallback: string) => d.ConstraintDescription ?? fallback;
  for (const item of items) {
    if (numeric && (item.trim() === '' || !Number.isFinite(Number(item)))) {
      throw new TemplateEvalError(`Parameter '${key}' must be a number${type === 'List<Number>' ? ' list' : ''}`);
    }
    if (Array.isArray(d.AllowedValues) && !d.AllowedValues.map(String).includes(item)) {
      throw new TemplateEvalError(`Parameter '${key}' must be one of AllowedValues`);
    }
    if (typeof d.AllowedPattern === 'string' && !fullMatch(d.AllowedPattern, item)) {
      throw new TemplateEvalError(`Parameter ${key} failed to satisfy constraint: ${described(`Malformed input-Parameter ${key} must match pattern ${d.AllowedPattern}`)}`);
    }
    if (!numeric && d.MinLength !== undefined && item.length < Number(d.MinLength)) {
      throw new TemplateEvalError(`Parameter '${key}' ${d.ConstraintDescription ? `failed to satisfy constraint: ${d.ConstraintDescription}` : `must contain at least ${d.MinLength} characters`}`);
    }
    if (!numeric && d.MaxLength !== undefined && item.length > Number(d.MaxLength)) {
      throw new TemplateEvalError(`Parameter '${key}' ${d.ConstraintDescription ? `failed to satisfy constraint: ${d.ConstraintDescription}` : `cannot contain more than ${d.MaxLength} characters`}`);
    }
    if (numeric && d.MinValue !== undefined && Number(item) < Number(d.MinValue)) {
      throw new TemplateEvalError(`Parameter '${key}' ${d.ConstraintDescription ? `failed to satisfy constraint: ${d.ConstraintDescription}` : `must be a number not less than ${d.MinValue}`}`);
    }
    if (numeric && d.MaxValue !== undefined && Number(item) > Number(d.MaxValue)) {
      throw new TemplateEvalError(`Parameter '${key}' ${d.ConstraintDescription ? `failed to satisfy constraint: ${d.ConstraintDescription}` : `must be a number not greater than ${d.MaxValue}`}`);
    }
  }
}

/** AllowedPattern must match the whole value (CloudFormation anchors it). */
function fullMatch(pattern: string, value: string): boolean {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    regex = new RegExp(`^(?:${pattern})$`);
  }
  return regex.test(value);
}

/** What the stack shows for a parameter: NoEcho values masked. */
export function displayValue(parameter: ResolvedParameter): string {
  return parameter.noEcho ? NO_ECHO_MASK : parameter.value;
}
