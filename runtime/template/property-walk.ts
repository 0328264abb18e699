import * as YAML from 'yaml';
import { type CfnSpec, type PropertySpec, type ValueLimits, type ValueType, describeType } from './spec';
import { limitViolation, type LimitViolation } from './value-limits';
import { ruleFlag } from './lint-config';
import { entries, pairOf, scalarString, type Node, isCollection, isMap, isScalar, isSeq } from '../common/yaml/nodes';
import { hasDynamicReference, hasForeignTag, intrinsicOf } from './nodes';
import type { TemplateModel, ResourceDeclaration } from './model';

/**
 * Walks each resource's Properties against the specification once and records what
 * does not fit; the E3002/E3003/E3012/E3030 checks each report their own kind.
 *
 * Why this walk and not ajv over the registry schemas: the build has no registry schemas to
 * compile. @aws-cdk/aws-service-spec gives types, required, update behaviour and enums;
 * @awboost/cfn-resource-types gives only the length, pattern and range JSDoc tags (no
 * uniqueItems, oneOf/anyOf, dependentRequired or format), which value-limits.ts applies here.
 * With the schemas in a package, ajv could take over the keyword checks.
 */
export type PropertyFinding =
  | { kind: 'unknown'; resourceId: string; keyNode: YAML.Node; name: string; known: string[]; owner: string }
  | { kind: 'required'; resourceId: string; at: YAML.Node; missing: string[]; owner: string }
  | { kind: 'type'; resourceId: string; at: YAML.Node; expected: string; found: string; path: string }
  | { kind: 'allowed'; resourceId: string; at: YAML.Node; value: string; allowed: string[]; path: string }
  /** A function that cannot give an object where the specification wants one (`FindInMap` for a structure). */
  | { kind: 'intrinsic'; resourceId: string; at: YAML.Node; function: string; expected: string; path: string }
  | ({ kind: 'limit'; resourceId: string; at: YAML.Node; path: string } & LimitViolation);

/** Functions whose result is a string or a list, never an object (`Ref AWS::NoValue` removes the property instead). */
const NEVER_OBJECTS = new Set(['Fn::FindInMap', 'Fn::Join', 'Fn::Sub', 'Fn::Split', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Base64', 'Fn::ImportValue', 'Fn::Length', 'Fn::ToJsonString']);

const MAX_DEPTH = 60;
/** Shared, not a literal per call: intrinsicOf is asked for every value the walk meets. */
const NO_CONDITION = { allowCondition: false } as const;
const NO_BRANCHES: { branches: Node[] } = { branches: [] };
const CUSTOM_RESOURCE = /^(Custom::.+|AWS::CloudFormation::CustomResource)$/;
const TAG_KEYS = ['Key', 'Value'];

/**
 * Properties that `aws cloudformation package` (and `sam package`) rewrite from a local path
 * to an S3 location: a string is accepted where the specification wants an object.
 */
const PACKAGEABLE = new Set([
  'AWS::Lambda::Function.Code',
  'AWS::Lambda::LayerVersion.Content',
  'AWS::ApiGateway::RestApi.BodyS3Location',
  'AWS::AppSync::GraphQLSchema.DefinitionS3Location',
  'AWS::AppSync::Resolver.RequestMappingTemplateS3Location',
  'AWS::AppSync::Resolver.ResponseMappingTemplateS3Location',
  'AWS::AppSync::FunctionConfiguration.RequestMappingTemplateS3Location',
  'AWS::AppSync::FunctionConfiguration.ResponseMappingTemplateS3Location',
  'AWS::ElasticBeanstalk::ApplicationVersion.SourceBundle',
  'AWS::StepFunctions::StateMachine.DefinitionS3Location',
  'AWS::CodeCommit::Repository.Code',
  'AWS::ApiGatewayV2::Api.BodyS3Location',
]);
const cache = new WeakMap<TemplateModel, PropertyFinding[]>();

export function propertyFindings(model: TemplateModel, spec: CfnSpec, transformed: boolean): PropertyFinding[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const findings: PropertyFinding[] = [];
  // cfn-lint's E3012 `strict` option: numbers and booleans written as strings are type errors.
  const strict = ruleFlag(model, 'E3012', 'strict');
  for (const [id, resource] of model.resources) walkResource(id, resource, spec, transformed, strict, findings);
  cache.set(model, findings);
  return findings;
}

function walkResource(id: string, resource: ResourceDeclaration, spec: CfnSpec, transformed: boolean, strict: boolean, out: PropertyFinding[]): void {
  const type = resource.type;
  if (!type || (transformed && type.startsWith('AWS::Serverless::'))) return;
  if (CUSTOM_RESOURCE.test(type)) {
    // A custom resource takes any properties besides its ServiceToken, which it needs
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-customresource.html).
    const properties = resource.properties;
    if (!properties) out.push({ kind: 'required', resourceId: id, at: resource.keyNode, missing: ['ServiceToken'], owner: type });
    else if (isMap(properties.value) && !entries(properties.value).some((e) => e.key === 'ServiceToken' || e.key.startsWith('Fn::'))) {
      out.push({ kind: 'required', resourceId: id, at: properties.keyNode, missing: ['ServiceToken'], owner: type });
    }
    return;
  }
  const typeSpec = spec.resource(type);
  if (!typeSpec) return;
  const walker = new Walker(id, type, spec, strict, out);
  const properties = resource.properties;
  if (!properties) {
    const missing = requiredOf(typeSpec.properties);
    if (missing.length) out.push({ kind: 'required', resourceId: id, at: resource.keyNode, missing, owner: type });
    return;
  }
  walker.object(properties.value, typeSpec.properties, type, properties.keyNode, 'Properties', 0);
}

/** Required property names per (cached, shared) property table of the spec. */
const requiredNames = new WeakMap<Record<string, PropertySpec>, string[]>();

/**
 * The required properties of an object type, listed once per type: the walk asks for every
 * object it meets (about 3% of a warm run of the 90 KB bench template in the profile; p50 within noise, 35–45 → 27–42 ms).
 */
function requiredOf(properties: Record<string, PropertySpec>): string[] {
  let names = requiredNames.get(properties);
  if (!names) {
    names = Object.values(properties)
      .filter((p) => p.required)
      .map((p) => p.name);
    requiredNames.set(properties, names);
  }
  return names;
}

function shapeOf(node: Node): string {
  if (!node) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    return typeof v === 'number' || typeof v === 'bigint' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
  }
  return 'alias';
}

class Walker {
  constructor(
    private readonly resourceId: string,
    private readonly resourceType: string,
    private readonly spec: CfnSpec,
    private readonly strict: boolean,
    private readonly out: PropertyFinding[],
  ) {}

  /**
   * Whether the node holds an intrinsic (or another tool's tag) whose result cannot be checked
   * here; its `Fn::If` branches are the values that would be deployed, returned to be walked
   * (findings about a branch are shown at the branch). No callback: the walk meets a value
   * per property, and a closure per value was a tenth of the walk's allocations.
   */
  private intrinsic(node: Node): { branches: Node[] } | undefined {
    if (hasForeignTag(node)) return NO_BRANCHES;
    const call = intrinsicOf(node, NO_CONDITION);
    if (!call) return undefined;
    if (call.name === 'Fn::If' && isSeq(call.arg) && call.arg.items.length === 3) return { branches: [call.arg.items[1] as Node, call.arg.items[2] as Node] };
    return NO_BRANCHES;
  }

  object(node: Node, properties: Record<string, PropertySpec>, owner: string, at: YAML.Node, path: string, depth: number): void {
    if (depth > MAX_DEPTH || !node) return;
    const call = this.intrinsic(node);
    if (call) {
      for (const branch of call.branches) this.object(branch, properties, owner, branch ?? at, path, depth + 1);
      return;
    }
    if (!isMap(node)) {
      this.out.push({ kind: 'type', resourceId: this.resourceId, at: typeAt(node, at), expected: 'object', found: shapeOf(node), path });
      return;
    }
    // The map's pairs directly, not entries(): this loop meets every property of every resource.
    for (const pair of node.items) {
      const keyNode = pair.key;
      if (!isScalar(keyNode)) continue;
      const key = String(keyNode.value);
      const value = pair.value as Node;
      if (owner === this.resourceType && PACKAGEABLE.has(`${owner}.${key}`) && isScalar(value) && typeof value.value === 'string') continue;
      const prop = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (!prop) {
        this.out.push({ kind: 'unknown', resourceId: this.resourceId, keyNode, name: key, known: Object.keys(properties), owner });
        continue;
      }
      this.value(value, prop, keyNode, `${path}.${key}`, depth + 1);
    }
    const required = requiredOf(properties);
    // Required lists are short: each name is looked up in the map, no set of its keys is built.
    const missing = required.length ? required.filter((name) => !pairOf(node, name)) : required;
    if (missing.length) this.out.push({ kind: 'required', resourceId: this.resourceId, at, missing, owner });
  }

  private value(node: Node, prop: PropertySpec, at: YAML.Node, path: string, depth: number): void {
    // Most properties never had another shape: their type is the one to check against.
    if (prop.previousTypes.length === 0) {
      this.typed(node, prop.type, prop.allowedValues, at, path, depth, prop.limits);
      return;
    }
    // An object-shaped property that was once typed Json took a JSON object: a list never fitted.
    const objectShaped = prop.type.kind === 'map' || prop.type.kind === 'object';
    const previous = objectShaped ? prop.previousTypes.filter((t) => !(t.kind === 'primitive' && t.name === 'Json' && !isMap(node))) : prop.previousTypes;
    const types = [prop.type, ...previous];
    const call = intrinsicOf(node, NO_CONDITION);
    // A string-or-list function fits a property that once took a string, whatever it takes now.
    const fitting = (call && NEVER_OBJECTS.has(call.name) ? types.find((t) => t.kind !== 'object') : undefined) ?? types.find((t) => fits(t, node)) ?? prop.type;
    this.typed(node, fitting, prop.allowedValues, at, path, depth, prop.limits);
  }

  /** `limits` are the property's own (its list, or its scalar); list items and map values have none. */
  private typed(node: Node, type: ValueType, allowed: string[] | undefined, at: YAML.Node, path: string, depth: number, limits?: ValueLimits): void {
    if (depth > MAX_DEPTH || !node) return;
    if (type.kind === 'object') {
      const call = intrinsicOf(node, NO_CONDITION);
      if (call && NEVER_OBJECTS.has(call.name)) {
        this.out.push({ kind: 'intrinsic', resourceId: this.resourceId, at: node, function: call.name, expected: type.name, path });
        return;
      }
    }
    const call = this.intrinsic(node);
    if (call) {
      for (const branch of call.branches) this.typed(branch, type, allowed, branch ?? at, path, depth + 1, limits);
      return;
    }
    switch (type.kind) {
      case 'primitive':
        this.primitive(node, type.name, allowed, at, path, limits);
        return;
      case 'object': {
        const properties = this.spec.propertyType(this.resourceType, type.name);
        if (properties) this.object(node, properties, `${this.resourceType}.${type.name}`, at, path, depth + 1);
        return;
      }
      case 'list':
        if (!isSeq(node)) {
          this.out.push({ kind: 'type', resourceId: this.resourceId, at: typeAt(node, at), expected: describeType(type), found: shapeOf(node), path });
          return;
        }
        if (limits) this.limit(node, limits, at, path);
        // Each item's own limits (documented ones, e.g. alarm action ARN length) apply to the items.
        node.items.forEach((item, index) =>
          this.typed(item as Node, type.item, allowed, (item as YAML.Node) ?? at, `${path}[${index}]`, depth + 1, limits?.itemLength ? { length: limits.itemLength } : undefined),
        );
        return;
      case 'map':
        if (!isMap(node)) {
          this.out.push({ kind: 'type', resourceId: this.resourceId, at: typeAt(node, at), expected: describeType(type), found: shapeOf(node), path });
          return;
        }
        // Scalar map values are converted by the service; a list or map cannot become a scalar.
        if (type.value.kind === 'primitive') {
          const name = type.value.name;
          if (name === 'Json') return;
          for (const item of entries(node)) {
            const value = item.value;
            if (!isCollection(value) || hasForeignTag(value) || intrinsicOf(value, NO_CONDITION)) continue;
            this.out.push({ kind: 'type', resourceId: this.resourceId, at: item.keyNode, expected: name, found: shapeOf(value), path: `${path}.${item.key}` });
          }
          return;
        }
        for (const item of entries(node)) this.typed(item.value, type.value, allowed, item.keyNode, `${path}.${item.key}`, depth + 1);
        return;
      case 'union': {
        const option = type.options.find((t) => fits(t, node));
        if (option) this.typed(node, option, allowed, at, path, depth, limits);
        else this.out.push({ kind: 'type', resourceId: this.resourceId, at: typeAt(node, at), expected: describeType(type), found: shapeOf(node), path });
        return;
      }
    }
  }

  private primitive(node: YAML.Node, name: string, allowed: string[] | undefined, at: YAML.Node, path: string, limits?: ValueLimits): void {
    // Resolved at deployment: its type, pattern, length and allowed values are not known here.
    if (isScalar(node) && typeof node.value === 'string' && hasDynamicReference(node.value)) return;
    if (!fitsPrimitive(name, node) || (this.strict && !fitsStrictly(name, node))) {
      this.out.push({ kind: 'type', resourceId: this.resourceId, at: typeAt(node, at), expected: name, found: shapeOf(node), path });
      return;
    }
    if (name === 'Tag') this.tag(node);
    // A scalar's limit is reported at the value (a list's at its key: the list may span lines).
    if (limits) this.limit(node, limits, node, path);
    if (allowed && isScalar(node)) {
      const value = scalarString(node);
      if (value !== undefined && !allowed.some((a) => String(a) === value)) {
        this.out.push({ kind: 'allowed', resourceId: this.resourceId, at: node, value, allowed, path });
      }
    }
  }

  /** A resource tag is `{Key, Value}`; the Key is required (CloudFormation's Tag type). */
  private tag(node: YAML.Node): void {
    const items = entries(node);
    if (items.some((item) => item.key.startsWith('Fn::'))) return;
    for (const item of items) {
      if (!TAG_KEYS.includes(item.key)) this.out.push({ kind: 'unknown', resourceId: this.resourceId, keyNode: item.keyNode, name: item.key, known: TAG_KEYS, owner: 'Tag' });
    }
    if (!items.some((item) => item.key === 'Key')) this.out.push({ kind: 'required', resourceId: this.resourceId, at: node, missing: ['Key'], owner: 'Tag' });
  }

  private limit(node: YAML.Node, limits: ValueLimits, at: YAML.Node, path: string): void {
    const violation = limitViolation(node, limits);
    if (violation) this.out.push({ kind: 'limit', resourceId: this.resourceId, at, path, ...violation });
  }
}

/** Whether a node has the shape a type needs (intrinsics fit anything; their results are checked elsewhere). */
function fits(type: ValueType, node: Node): boolean {
  if (!node || hasForeignTag(node) || intrinsicOf(node, NO_CONDITION)) return true;
  switch (type.kind) {
    case 'primitive':
      return fitsPrimitive(type.name, node);
    case 'object':
    case 'map':
      return isMap(node);
    case 'list':
      return isSeq(node);
    case 'union':
      return type.options.some((t) => fits(t, node));
  }
}

/** A wrong scalar is shown where it is written; a wrong list or map at its key (it may span many lines). */
function typeAt(node: YAML.Node, at: YAML.Node): YAML.Node {
  return isCollection(node) ? at : node;
}

/** Under cfn-lint's strict typing, numbers and booleans must be written as such, not as strings. */
function fitsStrictly(name: string, node: YAML.Node): boolean {
  const value = isScalar(node) ? node.value : undefined;
  if (name === 'Integer' || name === 'Number') return typeof value === 'number' || value === null;
  if (name === 'Boolean') return typeof value === 'boolean' || value === null;
  return true;
}

/** CloudFormation converts scalars: numbers and booleans may be written as strings and vice versa. */
export function fitsPrimitive(name: string, node: YAML.Node): boolean {
  if (name === 'Json') return isMap(node) || isSeq(node) || (isScalar(node) && typeof node.value === 'string');
  if (name === 'Tag') return isMap(node);
  if (!isScalar(node)) return false;
  const value = node.value;
  if (value === null) return true;
  switch (name) {
    case 'Integer':
      return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value));
    case 'Number':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
    case 'Boolean':
      return typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value));
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date;
  }
}
