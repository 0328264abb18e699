import { randomBytes, randomUUID } from 'node:crypto';
import { loadSpec, type PropertySpec, type ResourceTypeSpec } from '../../template/spec';
import { partitionOf, urlSuffixOf } from '../../template/eval/pseudo';
import { registerProvider, type ProviderContext, type ProviderResult, type ResourceProvider } from '../provider';
import { appendLater, flushAppends } from '../appender';
import { generatedName } from './names';

/**
 * Every type without a real local provider: properties are validated against the
 * specification, the physical id has AWS's shape, Ref and GetAtt values are
 * synthesised (ARNs from the specification's ARN templates). Nothing else happens,
 * and every view marks these resources as simulated.
 */
export const simulatedProvider: ResourceProvider = {
  type: '*',
  simulated: true,
  async create(properties, ctx) {
    const spec = specOf(ctx);
    validate(spec, properties, ctx.logicalId);
    const result = synthesise(spec, properties, ctx);
    appendLater(ctx.store.path('stacks', ctx.stackName, 'simulated.jsonl'), result);
    return result;
  },
  async update(physicalId, properties, _old, ctx) {
    const spec = specOf(ctx);
    validate(spec, properties, ctx.logicalId);
    // An in-place update keeps the identity given at creation; attributes that mirror a property follow it.
    flushAppends();
    const known = ctx.store.readLines<ProviderResult>('stacks', ctx.stackName, 'simulated.jsonl').reverse().find((r) => r.physicalId === physicalId);
    if (!known) return synthesise(spec, properties, ctx);
    const attributes = { ...known.attributes };
    for (const name of Object.keys(attributes)) if (typeof properties[name] === 'string') attributes[name] = properties[name];
    return { ...known, attributes };
  },
  async delete() {
    // Nothing exists outside the stack record.
  },
};

function specOf(ctx: ProviderContext): ResourceTypeSpec {
  const spec = loadSpec().resource(ctx.resourceType);
  if (!spec) throw new Error(`Unrecognized resource type ${ctx.resourceType}: it is not in the CloudFormation resource specification and no local provider handles it`);
  return spec;
}

/** AWS's message shape for schema failures, listing every problem. */
export function validate(spec: ResourceTypeSpec, properties: Record<string, unknown>, logicalId: string): void {
  const problems: string[] = [];
  for (const [name, property] of Object.entries(spec.properties)) {
    if (property.required && (properties[name] === undefined || properties[name] === null)) problems.push(`#: required key [${name}] not found`);
  }
  for (const [name, value] of Object.entries(properties)) {
    const property = spec.properties[name];
    if (!property) {
      problems.push(`#: extraneous key [${name}] is not permitted`);
      continue;
    }
    const problem = shapeProblem(property, value);
    if (problem) problems.push(`#/${name}: ${problem}`);
  }
  if (problems.length) throw new Error(`Properties validation failed for resource ${logicalId} with message: [${problems.join(', ')}]`);
}

function shapeProblem(property: PropertySpec, value: unknown): string | undefined {
  const kinds = [property.type, ...property.previousTypes];
  const fits = kinds.some((type) => {
    switch (type.kind) {
      case 'list':
        return Array.isArray(value);
      case 'map':
      case 'object':
        return !!value && typeof value === 'object' && !Array.isArray(value);
      case 'union':
        return true;
      case 'primitive':
        if (type.name === 'Json') return true;
        if (type.name === 'Boolean') return typeof value === 'boolean' || value === 'true' || value === 'false';
        if (type.name === 'Integer' || type.name === 'Number') return (typeof value === 'number' || typeof value === 'string') && value !== '' && Number.isFinite(Number(value));
        return typeof value !== 'object' || value === null;
    }
    return true;
  });
  if (!fits) return `expected type: ${describe(property)}, found: ${Array.isArray(value) ? 'JSONArray' : typeof value === 'object' ? 'JSONObject' : typeof value}`;
  if (property.allowedValues && typeof value === 'string' && !property.allowedValues.includes(value)) return `${value} is not a valid enum value`;
  return undefined;
}

function describe(property: PropertySpec): string {
  const type = property.type;
  if (type.kind === 'list') return 'JSONArray';
  if (type.kind === 'map' || type.kind === 'object') return 'JSONObject';
  if (type.kind === 'primitive') return type.name;
  return 'value';
}

/** EC2's id prefixes by identifier field (sg-…, vpc-…, i-…), as EC2 hands them out. */
const EC2_ID_PREFIXES: Record<string, string> = {
  GroupId: 'sg', VpcId: 'vpc', SubnetId: 'subnet', InstanceId: 'i', AllocationId: 'eipalloc', NetworkInterfaceId: 'eni', ImageId: 'ami', RouteTableId: 'rtb',
  InternetGatewayId: 'igw', NatGatewayId: 'nat', NetworkAclId: 'acl', VolumeId: 'vol', VpcEndpointId: 'vpce', TransitGatewayId: 'tgw', LaunchTemplateId: 'lt',
  KeyPairId: 'key', DhcpOptionsId: 'dopt', VpnGatewayId: 'vgw', CustomerGatewayId: 'cgw', VpcPeeringConnectionId: 'pcx', PrefixListId: 'pl',
  EgressOnlyInternetGatewayId: 'eigw', CarrierGatewayId: 'cagw', SecurityGroupRuleId: 'sgr', TransitGatewayAttachmentId: 'tgw-attach', PlacementGroupId: 'pg',
};

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Synthesises the identifier, Ref value and attributes of a simulated resource. */
function synthesise(spec: ResourceTypeSpec, properties: Record<string, unknown>, ctx: ProviderContext): ProviderResult {
  const service = ctx.resourceType.split('::')[1]?.toLowerCase() ?? 'local';
  const partition = partitionOf(ctx.region);
  const suffix = urlSuffixOf(ctx.region);
  const lowerCase = ctx.resourceType === 'AWS::S3::Bucket';
  const typeName = ctx.resourceType.split('::')[2] ?? 'Resource';
  const nameProperty = [`${typeName}Name`, 'Name'].find((n) => n in spec.properties && typeof properties[n] === 'string');
  const name = nameProperty ? String(properties[nameProperty]) : generatedName(ctx.stackName, ctx.logicalId, { max: lowerCase ? 63 : 64, lowerCase });
  const identifiers = new Map<string, string>();
  const valueOf = (field: string): string => {
    if (identifiers.has(field)) return identifiers.get(field)!;
    let value: string;
    if (typeof properties[field] === 'string' || typeof properties[field] === 'number') value = String(properties[field]);
    else if (field === 'Partition') value = partition;
    else if (field === 'Region') value = ctx.region;
    else if (field === 'Account') value = ctx.accountId;
    else if (/Arn$/i.test(field)) value = arn();
    else if (/Url$/i.test(field)) value = `https://${service}.${ctx.region}.${suffix}/${ctx.accountId}/${name}`;
    else if (service === 'ec2' && EC2_ID_PREFIXES[field]) value = `${EC2_ID_PREFIXES[field]}-${hex(17)}`;
    else if (service === 'kms' && field === 'KeyId') value = randomUUID();
    else if (/Id$/.test(field) && field !== 'Id') value = `${field.slice(0, -2).replace(/^[A-Z][a-z]+(?=[A-Z])/, '').toLowerCase() || service}-${hex(17)}`;
    else if (field === 'Id') value = hex(12);
    else if (/NameWithPath$/.test(field)) value = `${typeof properties.Path === 'string' ? properties.Path.replace(/^\//, '') : ''}${name}`;
    else value = name;
    identifiers.set(field, value);
    return value;
  };
  const arn = (): string => (spec.arnTemplate ? spec.arnTemplate.replace(/\$\{([^}]+)\}/g, (_m, field: string) => valueOf(field)) : `arn:${partition}:${service}:${ctx.region}:${ctx.accountId}:${typeName.toLowerCase()}/${name}`);
  const primary = spec.primaryIdentifier ?? [];
  const physicalId = primary.length ? primary.map(valueOf).join('|') : name;
  const refFields = spec.refIdentifier ?? primary;
  const ref = refFields.length ? refFields.map(valueOf).join('|') : physicalId;
  const attributes: Record<string, unknown> = {};
  for (const [attribute, type] of Object.entries(spec.attributes)) {
    if (type.kind === 'list') attributes[attribute] = [];
    else if (type.kind === 'primitive' && (type.name === 'Integer' || type.name === 'Number')) attributes[attribute] = 0;
    else if (type.kind === 'primitive' && type.name === 'Boolean') attributes[attribute] = false;
    else if (/DomainName$/.test(attribute)) attributes[attribute] = `${name}.${service}.${ctx.region}.${suffix}`;
    // An upper-case URL is an endpoint; a `…Url` is an identifier such as SQS's QueueUrl (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME).
    else if (/Endpoint|URL$/.test(attribute)) attributes[attribute] = `https://${name}.${service}.${ctx.region}.${suffix}`;
    // A log group's Arn attribute ends in ":*" (AWS::Logs::LogGroup return values).
    else if (attribute === 'Arn' && ctx.resourceType === 'AWS::Logs::LogGroup') attributes[attribute] = `${arn()}:*`;
    else attributes[attribute] = attribute === 'Arn' ? arn() : valueOf(attribute);
  }
  return ref === physicalId ? { physicalId, attributes } : { physicalId, ref, attributes };
}

registerProvider(simulatedProvider);
