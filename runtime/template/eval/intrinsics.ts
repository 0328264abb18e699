import { subTokens } from '../intrinsics';
import { cidr } from './cidr';
import type { EvalContext } from './context';
import { TemplateEvalError } from './errors';
import { availabilityZones, pseudoRef } from './pseudo';
import { Unresolved, findUnresolved } from './unresolved';

/** `Ref: AWS::NoValue`: removes the property (or list item) it stands in. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

type Path = string[];

/**
 * Evaluates every intrinsic function in a template value with the results AWS
 * documents. `AWS::NoValue` removes keys and list items; values that depend on
 * resources not yet known come back as `Unresolved`.
 */
export function evaluate(value: unknown, ctx: EvalContext, path: Path = []): unknown {
  if (Array.isArray(value)) {
    const result: unknown[] = [];
    value.forEach((item, index) => {
      const v = evaluate(item, ctx, [...path, String(index)]);
      if (v !== NO_VALUE) result.push(v);
    });
    return result;
  }
  if (value && typeof value === 'object' && !(value instanceof Unresolved)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && isFunctionName(keys[0])) {
      return callFunction(keys[0], (value as Record<string, unknown>)[keys[0]], ctx, [...path, keys[0]]);
    }
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const v = evaluate((value as Record<string, unknown>)[key], ctx, [...path, key]);
      if (v !== NO_VALUE) result[key] = v;
    }
    return result;
  }
  return value;
}

function isFunctionName(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

function fail(path: Path, message: string): never {
  throw new TemplateEvalError(message, path);
}

function callFunction(name: string, arg: unknown, ctx: EvalContext, path: Path): unknown {
  switch (name) {
    case 'Ref':
      return ref(arg, ctx, path);
    case 'Condition':
      if (typeof arg !== 'string') fail(path, 'Condition expects the name of a condition');
      return evaluateCondition(arg, ctx, path);
    case 'Fn::GetAtt':
      return getAtt(arg, ctx, path);
    case 'Fn::Sub':
      return sub(arg, ctx, path);
    case 'Fn::Join':
      return join(arg, ctx, path);
    case 'Fn::Select':
      return select(arg, ctx, path);
    case 'Fn::Split':
      return split(arg, ctx, path);
    case 'Fn::If':
      return fnIf(arg, ctx, path);
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      return conditionFunction(name, arg, ctx, path);
    case 'Fn::FindInMap':
      return findInMap(arg, ctx, path);
    case 'Fn::Base64': {
      const text = evaluate(arg, ctx, path);
      if (text instanceof Unresolved) return text;
      if (typeof text !== 'string') fail(path, 'Fn::Base64 expects a string');
      return Buffer.from(text, 'utf8').toString('base64');
    }
    case 'Fn::Cidr':
      return fnCidr(arg, ctx, path);
    case 'Fn::GetAZs': {
      const region = evaluate(arg, ctx, path);
      if (region !== '' && region !== null && typeof region !== 'string') fail(path, 'Fn::GetAZs expects a region name or ""');
      return availabilityZones((region as string) || ctx.pseudo.region);
    }
    case 'Fn::ImportValue':
      return importValue(arg, ctx, path);
    case 'Fn::Length': {
      requireLanguageExtensions(name, ctx, path);
      const list = evaluate(arg, ctx, path);
      if (list instanceof Unresolved) return list;
      if (!Array.isArray(list)) fail(path, 'Fn::Length expects a list');
      return list.length;
    }
    case 'Fn::ToJsonString': {
      requireLanguageExtensions(name, ctx, path);
      const object = evaluate(arg, ctx, path);
      const unresolved = findUnresolved(object);
      if (unresolved) return unresolved;
      if (!object || typeof object !== 'object') fail(path, 'Fn::ToJsonString expects an object or a list');
      return JSON.stringify(object);
    }
    case 'Fn::Transform':
      return fail(path, 'Fn::Transform calls a macro, and macros run only in AWS; expand it before deploying locally');
    case 'Fn::ForEach':
      return fail(path, 'Fn::ForEach is expanded only in the Resources, Conditions and Outputs sections');
    default:
      return fail(path, `${name} is not an intrinsic function`);
  }
}

function requireLanguageExtensions(name: string, ctx: EvalContext, path: Path): void {
  if (!ctx.languageExtensions) fail(path, `${name} needs "Transform: AWS::LanguageExtensions" in the template`);
}

// --- Ref, GetAtt, Sub --------------------------------------------------------

function ref(arg: unknown, ctx: EvalContext, path: Path): unknown {
  const name = typeof arg === 'string' ? arg : evaluate(arg, ctx, path);
  if (typeof name !== 'string') fail(path, 'Ref expects the name of a parameter, resource or pseudo parameter');
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = pseudoRef(name, ctx.pseudo);
  if (pseudo !== undefined) return pseudo;
  if (name in ctx.parameters) return ctx.parameters[name].resolved;
  if (name in ctx.parameterDeclarations) fail(path, `parameter ${name} has no value`);
  return resourceValue(name, ctx, path, () => ctx.resolver!.ref(name));
}

function resourceValue(logicalId: string, ctx: EvalContext, path: Path, read: () => unknown): unknown {
  if (!ctx.resources.has(logicalId)) {
    if (ctx.declaredResources.has(logicalId)) fail(path, `resource ${logicalId} is not created because its condition is false`);
    fail(path, `Unresolved resource dependencies [${logicalId}] in the Resources block of the template`);
  }
  if (!ctx.resolver) return new Unresolved([logicalId]);
  return read();
}

function getAtt(arg: unknown, ctx: EvalContext, path: Path): unknown {
  let logicalId: unknown;
  let attribute: unknown;
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    if (dot < 0) fail(path, 'Fn::GetAtt expects [LogicalId, Attribute]');
    [logicalId, attribute] = [arg.slice(0, dot), arg.slice(dot + 1)];
  } else if (Array.isArray(arg) && arg.length === 2) {
    logicalId = arg[0];
    attribute = evaluate(arg[1], ctx, [...path, '1']);
  } else {
    fail(path, 'Fn::GetAtt expects [LogicalId, Attribute]');
  }
  if (typeof logicalId !== 'string' || typeof attribute !== 'string') fail(path, 'Fn::GetAtt expects [LogicalId, Attribute] as strings');
  return resourceValue(logicalId, ctx, path, () => ctx.resolver!.getAtt(logicalId as string, attribute as string));
}

function sub(arg: unknown, ctx: EvalContext, path: Path): unknown {
  let template: unknown = arg;
  let variables: Record<string, unknown> = {};
  if (Array.isArray(arg)) {
    if (arg.length !== 2 || !arg[1] || typeof arg[1] !== 'object' || Array.isArray(arg[1])) fail(path, 'Fn::Sub expects a string or [String, {Var: Value}]');
    template = arg[0];
    variables = {};
    for (const [key, value] of Object.entries(arg[1] as Record<string, unknown>)) variables[key] = evaluate(value, ctx, [...path, '1', key]);
  }
  if (typeof template !== 'string') fail(path, 'Fn::Sub expects a string');
  const causes: string[] = [];
  let out = '';
  let index = 0;
  for (const token of subTokens(template)) {
    out += template.slice(index, token.start);
    index = token.end;
    if (token.literal !== undefined) {
      out += token.literal;
      continue;
    }
    const value = subVariable(token.name, variables, ctx, path);
    if (value instanceof Unresolved) {
      causes.push(...value.causes);
      continue;
    }
    if (Array.isArray(value) || (value !== null && typeof value === 'object')) fail(path, `Fn::Sub variable ${template.slice(token.start, token.end)} is a list, not a string`);
    out += String(value);
  }
  out += template.slice(index);
  return causes.length ? new Unresolved([...new Set(causes)]) : out;
}

function subVariable(name: string, variables: Record<string, unknown>, ctx: EvalContext, path: Path): unknown {
  if (name in variables) return variables[name];
  const pseudo = pseudoRef(name, ctx.pseudo);
  if (pseudo !== undefined) return pseudo;
  if (name in ctx.parameters) return ctx.parameters[name].resolved;
  if (ctx.resources.has(name) || ctx.declaredResources.has(name)) return ref(name, ctx, path);
  const dot = name.indexOf('.');
  if (dot > 0) {
    const logicalId = name.slice(0, dot);
    if (ctx.declaredResources.has(logicalId)) return getAtt([logicalId, name.slice(dot + 1)], ctx, path);
  }
  return fail(path, `Fn::Sub: \${${name}} is not a parameter, resource, resource attribute or variable`);
}

// --- lists and strings ----------------------------------------------------

function join(arg: unknown, ctx: EvalContext, path: Path): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) fail(path, 'Fn::Join expects [Delimiter, [Values]]');
  const delimiter = evaluate(arg[0], ctx, [...path, '0']);
  if (typeof delimiter !== 'string') fail(path, 'Fn::Join delimiter must be a string');
  const list = evaluate(arg[1], ctx, [...path, '1']);
  const unresolved = findUnresolved(list);
  if (unresolved) return unresolved;
  if (!Array.isArray(list)) fail(path, 'Fn::Join expects a list of values');
  return list
    .map((item) => {
      if (item !== null && typeof item === 'object') fail(path, 'Fn::Join values must be strings');
      return String(item);
    })
    .join(delimiter);
}

function select(arg: unknown, ctx: EvalContext, path: Path): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) fail(path, 'Fn::Select expects [Index, [Values]]');
  const index = evaluate(arg[0], ctx, [...path, '0']);
  const list = evaluate(arg[1], ctx, [...path, '1']);
  if (list instanceof Unresolved) return list;
  if (!Array.isArray(list)) fail(path, 'Fn::Select expects a list');
  const i = Number(index);
  if (!Number.isInteger(i) || (typeof index !== 'number' && typeof index !== 'string')) fail(path, `Fn::Select index must be an integer, not ${JSON.stringify(index)}`);
  if (i < 0 || i >= list.length) fail(path, `Fn::Select cannot select nonexistent value at index ${i}`);
  const selected = list[i];
  if (selected === null || selected === undefined) fail(path, `Fn::Select: the value at index ${i} is null`);
  return selected;
}

function split(arg: unknown, ctx: EvalContext, path: Path): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) fail(path, 'Fn::Split expects [Delimiter, String]');
  const delimiter = evaluate(arg[0], ctx, [...path, '0']);
  const source = evaluate(arg[1], ctx, [...path, '1']);
  if (source instanceof Unresolved) return source;
  if (typeof delimiter !== 'string' || typeof source !== 'string') fail(path, 'Fn::Split expects a string delimiter and a string');
  return source.split(delimiter);
}

function fnCidr(arg: unknown, ctx: EvalContext, path: Path): unknown {
  if (!Array.isArray(arg) || arg.length !== 3) fail(path, 'Fn::Cidr expects [IpBlock, Count, CidrBits]');
  const [block, count, bits] = arg.map((a, i) => evaluate(a, ctx, [...path, String(i)]));
  const unresolved = findUnresolved([block, count, bits]);
  if (unresolved) return unresolved;
  if (typeof block !== 'string') fail(path, 'Fn::Cidr ipBlock must be a string');
  try {
    return cidr(block, Number(count), Number(bits));
  } catch (error) {
    return fail(path, (error as Error).message);
  }
}

function importValue(arg: unknown, ctx: EvalContext, path: Path): unknown {
  const name = evaluate(arg, ctx, path);
  if (name instanceof Unresolved) return name;
  if (typeof name !== 'string') fail(path, 'Fn::ImportValue expects the name of an export');
  if (!ctx.importValue) fail(path, `Fn::ImportValue ${name}: no stacks to import from`);
  try {
    return ctx.importValue(name);
  } catch (error) {
    return fail(path, (error as Error).message);
  }
}

// --- mappings ---------------------------------------------------------------

function findInMap(arg: unknown, ctx: EvalContext, path: Path): unknown {
  if (!Array.isArray(arg) || (arg.length !== 3 && arg.length !== 4)) fail(path, 'Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey]');
  let fallback: { value: unknown } | undefined;
  if (arg.length === 4) {
    requireLanguageExtensions('Fn::FindInMap with a DefaultValue', ctx, path);
    const options = arg[3] as Record<string, unknown> | null;
    if (!options || typeof options !== 'object' || !('DefaultValue' in options)) fail(path, 'Fn::FindInMap: the fourth argument must be {DefaultValue: …}');
    fallback = { value: evaluate(options.DefaultValue, ctx, [...path, '3', 'DefaultValue']) };
  }
  const [mapName, top, second] = arg.slice(0, 3).map((a, i) => evaluate(a, ctx, [...path, String(i)]));
  for (const key of [mapName, top, second]) {
    if (typeof key !== 'string' && typeof key !== 'number') fail(path, 'Fn::FindInMap keys must be strings');
  }
  const map = ctx.mappings[String(mapName)];
  const value = map?.[String(top)]?.[String(second)];
  if (value !== undefined) return value;
  if (fallback) return fallback.value;
  if (!map) fail(path, `Fn::FindInMap: mapping ${mapName} does not exist`);
  if (!map[String(top)]) fail(path, `Fn::FindInMap: key '${top}' not found in mapping '${mapName}'`);
  return fail(path, `Fn::FindInMap: key '${second}' not found in mapping '${mapName}' under '${top}'`);
}

// --- conditions ---------------------------------------------------------------

function fnIf(arg: unknown, ctx: EvalContext, path: Path): unknown {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') fail(path, 'Fn::If expects [ConditionName, ValueIfTrue, ValueIfFalse]');
  const chosen = evaluateCondition(arg[0], ctx, path) ? 1 : 2;
  return evaluate(arg[chosen], ctx, [...path, String(chosen)]);
}

/** A named condition's value (evaluated once per context; cycles are refused). */
export function evaluateCondition(name: string, ctx: EvalContext, path: Path = []): boolean {
  const cached = ctx.conditionValues.get(name);
  if (cached !== undefined) return cached;
  if (!(name in ctx.conditions)) fail(path, `condition ${name} is not declared in Conditions`);
  if (evaluating.has(ctx) && evaluating.get(ctx)!.has(name)) fail(path, `condition ${name} depends on itself`);
  const stack = evaluating.get(ctx) ?? new Set<string>();
  evaluating.set(ctx, stack);
  stack.add(name);
  try {
    const value = evaluate(ctx.conditions[name], ctx, ['Conditions', name]);
    if (typeof value !== 'boolean') fail(['Conditions', name], 'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition');
    ctx.conditionValues.set(name, value);
    return value;
  } finally {
    stack.delete(name);
  }
}

const evaluating = new WeakMap<EvalContext, Set<string>>();

function conditionFunction(name: string, arg: unknown, ctx: EvalContext, path: Path): boolean {
  if (!Array.isArray(arg)) fail(path, `${name} expects a list`);
  if (name === 'Fn::Equals') {
    if (arg.length !== 2) fail(path, 'Fn::Equals expects two values');
    const [a, b] = arg.map((v, i) => evaluate(v, ctx, [...path, String(i)]));
    if (findUnresolved([a, b])) fail(path, 'Fn::Equals cannot compare values of resources');
    return comparable(a) === comparable(b);
  }
  const values = arg.map((v, i) => {
    const result = evaluate(v, ctx, [...path, String(i)]);
    if (typeof result !== 'boolean') fail(path, `${name} expects conditions`);
    return result;
  });
  if (name === 'Fn::Not') {
    if (values.length !== 1) fail(path, 'Fn::Not expects one condition');
    return !values[0];
  }
  if (values.length < 2 || values.length > 10) fail(path, `${name} expects between 2 and 10 conditions`);
  return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
}

/** Fn::Equals compares values as CloudFormation does: scalars by their string form. */
function comparable(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value, (_key, v) => (v !== null && typeof v !== 'object' ? String(v) : v));
}
