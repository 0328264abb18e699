import type { ParameterStore } from '../../common/params';
import type { EvalContext, ResourceResolver } from './context';
import { TemplateEvalError } from './errors';
import { NO_VALUE, evaluate, evaluateCondition } from './intrinsics';
import { resolveParameters, type ParameterDeclaration, type ResolvedParameter } from './parameters';
import type { PseudoValues } from './pseudo';

/** One resource as the template declares it. */
export interface ResourceDeclaration {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: unknown;
}

export interface OutputDeclaration {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

export interface TemplateBody {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Transform?: unknown;
  Parameters?: Record<string, ParameterDeclaration>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, ResourceDeclaration>;
  Outputs?: Record<string, OutputDeclaration>;
}

export interface EvaluationInput {
  template: TemplateBody;
  parameters?: Record<string, string>;
  /** Parameter values of the stack being updated (used for parameters not given). */
  previousParameters?: Record<string, string>;
  pseudo: PseudoValues;
  params?: ParameterStore;
  importValue?(name: string): string;
  /** What exists in the local account for AWS-specific parameter types (see ParameterLookup.existing). */
  existing?(type: string): ReadonlySet<string> | undefined;
}

/** A template with its parameters resolved and its conditions decided. */
export interface EvaluatedTemplate {
  template: TemplateBody;
  ctx: EvalContext;
  parameters: Record<string, ResolvedParameter>;
  conditions: Record<string, boolean>;
  /** The resources whose condition holds, in template order. */
  resources: Record<string, ResourceDeclaration>;
}

export interface OutputValue {
  key: string;
  value: unknown;
  description?: string;
  exportName?: string;
}

function transforms(template: TemplateBody): string[] {
  const t = template.Transform;
  return (Array.isArray(t) ? t : t === undefined ? [] : [t]).filter((x): x is string => typeof x === 'string');
}

/** Resolves the parameters and the conditions, and selects the resources that exist. */
export function prepareTemplate(input: EvaluationInput): EvaluatedTemplate {
  const template = input.template;
  if (!template || typeof template !== 'object' || Array.isArray(template)) throw new TemplateEvalError('a template is a mapping with a Resources section');
  const declaredResources = template.Resources;
  if (!declaredResources || typeof declaredResources !== 'object' || Object.keys(declaredResources).length === 0) {
    throw new TemplateEvalError('Template format error: At least one Resources member must be defined.');
  }
  // CloudFormation quotas: 500 resources per template; DependsOn must name declared resources.
  const resourceCount = Object.keys(declaredResources).length;
  if (resourceCount > 500) throw new TemplateEvalError(`Template format error: Number of resources, ${resourceCount}, is greater than maximum allowed, 500`);
  const unresolved = Object.values(declaredResources)
    .flatMap((resource) => (typeof resource?.DependsOn === 'string' ? [resource.DependsOn] : Array.isArray(resource?.DependsOn) ? resource.DependsOn : []))
    .filter((target) => typeof target !== 'string' || !(target in declaredResources));
  if (unresolved.length) throw new TemplateEvalError(`Template format error: Unresolved resource dependencies [${[...new Set(unresolved)].join(', ')}] in the Resources block of the template`);
  const unsupported = transforms(template).filter((t) => t !== 'AWS::LanguageExtensions');
  if (unsupported.length) throw new TemplateEvalError(`Transform ${unsupported.join(', ')} runs only in AWS (macros); deploy its processed template instead`);
  const parameterDeclarations = template.Parameters ?? {};
  const lookup = { ...(input.params ? { ssm: (name: string) => input.params!.getParameter(name) } : {}), existing: input.existing };
  const parameters = resolveParameters(parameterDeclarations, input.parameters ?? {}, lookup, pickDeclared(input.previousParameters, parameterDeclarations));
  const ctx: EvalContext = {
    parameters,
    parameterDeclarations,
    mappings: template.Mappings ?? {},
    conditions: template.Conditions ?? {},
    conditionValues: new Map(),
    pseudo: input.pseudo,
    resources: new Set(),
    declaredResources: new Set(Object.keys(declaredResources)),
    importValue: input.importValue,
    languageExtensions: transforms(template).includes('AWS::LanguageExtensions'),
  };
  const conditions: Record<string, boolean> = {};
  for (const name of Object.keys(ctx.conditions)) conditions[name] = evaluateCondition(name, ctx);
  const resources: Record<string, ResourceDeclaration> = {};
  for (const [logicalId, resource] of Object.entries(declaredResources)) {
    if (!resource || typeof resource !== 'object' || typeof resource.Type !== 'string') {
      throw new TemplateEvalError('every resource needs a Type', ['Resources', logicalId]);
    }
    if (resource.Condition !== undefined && !conditionHolds(resource.Condition, ctx, ['Resources', logicalId, 'Condition'])) continue;
    resources[logicalId] = resource;
    ctx.resources.add(logicalId);
  }
  return { template, ctx, parameters, conditions, resources };
}

function pickDeclared(previous: Record<string, string> | undefined, declarations: Record<string, ParameterDeclaration>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(previous ?? {})) if (key in declarations) result[key] = value;
  return result;
}

function conditionHolds(name: unknown, ctx: EvalContext, path: string[]): boolean {
  if (typeof name !== 'string') throw new TemplateEvalError('Condition must name a condition', path);
  return evaluateCondition(name, ctx, path);
}

/** A resource's properties with every intrinsic evaluated (dynamic references left for the provider call). */
export function resourceProperties(evaluated: EvaluatedTemplate, logicalId: string, resolver?: ResourceResolver): Record<string, unknown> {
  const declaration = evaluated.resources[logicalId];
  const ctx = { ...evaluated.ctx, resolver };
  const value = evaluate(declaration.Properties ?? {}, ctx, ['Resources', logicalId, 'Properties']);
  if (value === NO_VALUE || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new TemplateEvalError('Properties must be a mapping', ['Resources', logicalId]);
  return value as Record<string, unknown>;
}

/** The outputs whose condition holds, evaluated, with their export names. */
export function evaluateOutputs(evaluated: EvaluatedTemplate, resolver?: ResourceResolver): OutputValue[] {
  const ctx = { ...evaluated.ctx, resolver };
  const result: OutputValue[] = [];
  for (const [key, output] of Object.entries(evaluated.template.Outputs ?? {})) {
    const path = ['Outputs', key];
    if (output?.Condition !== undefined && !conditionHolds(output.Condition, ctx, [...path, 'Condition'])) continue;
    if (!output || !('Value' in output)) throw new TemplateEvalError('an output needs a Value', path);
    const value = evaluate(output.Value, ctx, [...path, 'Value']);
    const entry: OutputValue = { key, value: Array.isArray(value) ? value.join(',') : value };
    if (output.Description !== undefined) entry.description = String(output.Description);
    if (output.Export) {
      const name = evaluate(output.Export.Name, ctx, [...path, 'Export', 'Name']);
      entry.exportName = typeof name === 'string' ? name : String(name);
    }
    result.push(entry);
  }
  return result;
}

/** Fn::ImportValue names used anywhere in a template's active resources and outputs. */
export function importedNames(evaluated: EvaluatedTemplate): string[] {
  const names = new Set<string>();
  const walk = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)]));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'Fn::ImportValue') {
          const name = evaluate(v, { ...evaluated.ctx, importValue: undefined }, path);
          if (typeof name === 'string') names.add(name);
        } else walk(v, [...path, key]);
      }
    }
  };
  for (const [logicalId, resource] of Object.entries(evaluated.resources)) walk(resource.Properties, ['Resources', logicalId, 'Properties']);
  walk(evaluated.template.Outputs, ['Outputs']);
  return [...names];
}
