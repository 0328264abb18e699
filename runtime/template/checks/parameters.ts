import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { entries, entry, scalarString, type MapEntry, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf } from '../nodes';
import type { TemplateCheck } from './context';
import { AWS_PARAMETER_TYPE_NAMES } from '../aws-parameter-types';

const PARAMETER_KEYS = ['Type', 'Default', 'AllowedValues', 'AllowedPattern', 'MaxLength', 'MinLength', 'MaxValue', 'MinValue', 'Description', 'ConstraintDescription', 'NoEcho'];
const SIMPLE_TYPES = ['String', 'Number', 'List<Number>', 'List<String>', 'CommaDelimitedList'];
const AWS_TYPES = AWS_PARAMETER_TYPE_NAMES;

export function isValidParameterType(type: string): boolean {
  if (SIMPLE_TYPES.includes(type) || AWS_TYPES.includes(type)) return true;
  const list = /^List<(.+)>$/.exec(type);
  if (list && AWS_TYPES.includes(list[1])) return true;
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
  if (ssm) return ssm[1] === 'String' || ssm[1] === 'List<String>' || ssm[1] === 'CommaDelimitedList' || isValidParameterType(ssm[1]);
  return type === 'AWS::SSM::Parameter::Name';
}

type Kind = 'string' | 'scalar' | 'integer' | 'number' | 'boolean' | 'list';
const ATTRIBUTE_KINDS: Record<string, Kind> = {
  Type: 'string',
  Default: 'scalar',
  AllowedValues: 'list',
  AllowedPattern: 'string',
  MaxLength: 'integer',
  MinLength: 'integer',
  MaxValue: 'number',
  MinValue: 'number',
  Description: 'string',
  ConstraintDescription: 'string',
  NoEcho: 'boolean',
};
/** Attributes that only apply to one parameter type. */
const STRING_ONLY = ['AllowedPattern', 'MaxLength', 'MinLength'];
const NUMBER_ONLY = ['MaxValue', 'MinValue'];

type Context = Parameters<TemplateCheck['run']>[0];

function checkAttribute(name: string, type: string | undefined, item: MapEntry, model: Context['model'], report: Context['report']): void {
  const at = model.rangeOf(item.keyNode);
  const kind = Object.hasOwn(ATTRIBUTE_KINDS, item.key) ? ATTRIBUTE_KINDS[item.key] : undefined;
  if (!kind) {
    const guess = didYouMean(item.key, PARAMETER_KEYS);
    report('E2001', at, `unknown parameter attribute "${item.key}"${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
    return;
  }
  if ((type === 'Number' && STRING_ONLY.includes(item.key)) || (type === 'String' && NUMBER_ONLY.includes(item.key))) {
    report('E2001', at, `${item.key} does not apply to a ${type} parameter (${name})`);
    return;
  }
  const value = item.value;
  if (value === null || (isScalar(value) && value.value === null)) {
    report('E2001', at, `${item.key} of ${name} must have a value`);
    return;
  }
  if (intrinsicOf(value)) {
    if (item.key === 'Default' && value?.tag === '!Ref' && scalarString(value) === 'AWS::NoValue') return;
    report('E2001', at, `${item.key} of ${name} cannot use intrinsic functions; parameters are resolved before them`);
    return;
  }
  const scalar = isScalar(value) ? value.value : undefined;
  const ok =
    kind === 'list'
      ? isSeq(value)
      : kind === 'string'
        ? typeof scalar === 'string'
        : kind === 'scalar'
          ? isScalar(value)
          : kind === 'boolean'
            ? typeof scalar === 'boolean' || (typeof scalar === 'string' && /^(true|false)$/i.test(scalar))
            : isScalar(value) && typeof scalar !== 'boolean' && String(scalar).trim() !== '' && !Number.isNaN(Number(scalar)) && (kind === 'number' || Number.isInteger(Number(scalar)));
  if (!ok) {
    const wanted = { list: 'a list', string: 'a string', scalar: 'a string or number', boolean: 'true or false', integer: 'an integer', number: 'a number' }[kind];
    report('E2001', at, `${item.key} of ${name} must be ${wanted}`);
    return;
  }
  if (kind === 'list' && isSeq(value)) {
    for (const option of value.items) if (!isScalar(option)) report('E2001', model.rangeOf(option as YAML.Node), `AllowedValues of ${name} must be strings or numbers`);
  }
}

/** E2001 parameter shape, E2002 parameter type, E2015 Default within the constraints. */
export const parameters: TemplateCheck = {
  codes: ['E2001', 'E2002', 'E2015'],
  run({ model, report }) {
    for (const [name, parameter] of model.parameters) {
      if (!/^[a-zA-Z0-9]+$/.test(name)) report('E2001', parameter.keyRange, `parameter name "${name}" must be alphanumeric (A-Za-z0-9)`);
      if (!isMap(parameter.value)) {
        report('E2001', parameter.keyRange, `parameter ${name} must be a map with a Type`);
        continue;
      }
      const declaredType = scalarString(entry(parameter.value, 'Type')?.value);
      for (const item of entries(parameter.value)) checkAttribute(name, declaredType, item, model, report);
      const typeEntry = entry(parameter.value, 'Type');
      const type = scalarString(typeEntry?.value);
      if (!typeEntry) {
        report('E2001', parameter.keyRange, `parameter ${name} has no Type`);
        continue;
      }
      if (type === undefined) continue;
      if (!isValidParameterType(type)) {
        const guess = didYouMean(type, [...SIMPLE_TYPES, ...AWS_TYPES]);
        report('E2002', model.rangeOf(typeEntry.value), `"${type}" is not a parameter type${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
        continue;
      }
      checkDefault(name, parameter.value, type, model, report);
    }
  },
};

function checkDefault(name: string, node: YAML.YAMLMap, type: string, model: Parameters<TemplateCheck['run']>[0]['model'], report: Parameters<TemplateCheck['run']>[0]['report']): void {
  const defaultEntry = entry(node, 'Default');
  const value = scalarString(defaultEntry?.value);
  if (!defaultEntry || value === undefined) return;
  const at = model.rangeOf(defaultEntry.value);
  const isList = type === 'CommaDelimitedList' || type.startsWith('List<') || /Value<List</.test(type) || /Value<CommaDelimitedList>/.test(type);
  const values = isList ? value.split(',').map((v) => v.trim()) : [value];
  const allowed = entry(node, 'AllowedValues')?.value;
  if (isSeq(allowed)) {
    const options = allowed.items.map((i) => scalarString(i as YAML.Node)).filter((v): v is string => v !== undefined);
    if (!options.includes(value)) for (const v of values) if (!options.includes(v)) report('E2015', at, `Default "${v}" of ${name} is not one of its AllowedValues (${options.join(', ')})`);
  }
  const pattern = scalarString(entry(node, 'AllowedPattern')?.value);
  if (pattern !== undefined) {
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      regex = undefined;
    }
    if (regex) for (const v of values) if (!regex.test(v)) report('E2015', at, `Default "${v}" of ${name} does not match its AllowedPattern ${pattern}`);
  }
  const number = (key: string) => {
    const raw = entry(node, key)?.value;
    const n = isScalar(raw) ? Number(raw.value) : NaN;
    return Number.isNaN(n) ? undefined : n;
  };
  const minLength = number('MinLength');
  const maxLength = number('MaxLength');
  if (minLength !== undefined && value.length < minLength) report('E2015', at, `Default of ${name} is shorter than its MinLength ${minLength}`);
  if (maxLength !== undefined && value.length > maxLength) report('E2015', at, `Default of ${name} is longer than its MaxLength ${maxLength}`);
  if (type === 'Number' || type === 'List<Number>') {
    const minValue = number('MinValue');
    const maxValue = number('MaxValue');
    for (const v of values) {
      const n = Number(v);
      if (Number.isNaN(n) || v === '') report('E2015', at, `Default "${v}" of ${name} is not a number`);
      else if (minValue !== undefined && n < minValue) report('E2015', at, `Default ${v} of ${name} is below its MinValue ${minValue}`);
      else if (maxValue !== undefined && n > maxValue) report('E2015', at, `Default ${v} of ${name} is above its MaxValue ${maxValue}`);
    }
  }
}
