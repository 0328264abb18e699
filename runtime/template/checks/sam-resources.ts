import { didYouMean } from '../../common/text';
import type { ResourceDeclaration } from '../model';
import { entries, entry, scalarString, type MapEntry, type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { CheckContext, TemplateCheck } from './context';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Properties the SAM specification marks required, per resource type (Globals can supply them). */
const REQUIRED: Record<string, string[]> = {
  'AWS::Serverless::Api': ['StageName'],
  'AWS::Serverless::Application': ['Location'],
  'AWS::Serverless::LayerVersion': ['ContentUri'],
};

/** Required properties of function event sources, per event Type (SAM specification, EventSource types). */
const EVENT_REQUIRED: Record<string, string[]> = {
  Api: ['Path', 'Method'],
  S3: ['Bucket', 'Events'],
  SNS: ['Topic'],
  SQS: ['Queue'],
  Kinesis: ['Stream'],
  DynamoDB: ['Stream'],
  Schedule: ['Schedule'],
  CloudWatchEvent: ['Pattern'],
  EventBridgeRule: ['Pattern'],
  CloudWatchLogs: ['LogGroupName', 'FilterPattern'],
  IoTRule: ['Sql'],
  Cognito: ['UserPool', 'Trigger'],
};

/** SAM function properties newer than the specification index; valid in IgnoreGlobals too. */
const NEWER_FUNCTION_PROPERTIES = ['SnapStart', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn', 'AutoPublishAliasAllProperties', 'PropagateTags'];

/**
 * E0001 (the SAM transform's errors, as cfn-lint files them): the rules the SAM transform
 * enforces on AWS::Serverless resources, reported on the resource or property at fault rather
 * than on line 1: required properties (with Globals), Runtime and Handler for Zip functions,
 * AutoPublishAlias a string or a Ref to a parameter, IgnoreGlobals naming real properties,
 * and the required properties of function event sources.
 */
export const samResources: TemplateCheck = {
  codes: ['E0001'],
  run(context) {
    const { model } = context;
    if (!model.transforms.includes(SAM_TRANSFORM)) return;
    const globals = model.sections.get('Globals')?.value;
    for (const resource of model.resources.values()) {
      const kind = resource.type?.startsWith('AWS::Serverless::') ? resource.type.slice('AWS::Serverless::'.length) : undefined;
      if (!kind) continue;
      // Properties chosen by a function (Fn::If…) are only known per branch.
      if (intrinsicOf(resource.properties?.value, { allowCondition: false })) continue;
      const globalNames = entries(entry(globals, kind)?.value).map((g) => g.key);
      const ignore = ignoredGlobals(resource, context, globalNames);
      const inherited = new Set(ignore === '*' ? [] : globalNames.filter((name) => !ignore.includes(name)));
      const has = (name: string) => inherited.has(name) || !!entry(resource.properties?.value, name);
      const at = context.model.rangeOf(resource.properties?.keyNode ?? resource.keyNode);
      const missing = (Object.hasOwn(REQUIRED, resource.type!) ? REQUIRED[resource.type!] : []).filter((name) => !has(name));
      if (missing.length) context.report('E0001', at, `${resource.type} ${resource.name} needs ${missing.join(' and ')}; the SAM transform fails without ${missing.length > 1 ? 'them' : 'it'}`);
      if (kind === 'Function') checkFunction(resource, has, context);
    }
  },
};

/** The property names IgnoreGlobals lists ('*' for all), reporting entries that name no property. */
function ignoredGlobals(resource: ResourceDeclaration, { model, spec, report }: CheckContext, globalNames: string[]): string[] | '*' {
  const ignore = entry(resource.value, 'IgnoreGlobals');
  if (!ignore) return [];
  if (isLiteralScalar(ignore.value) && scalarString(ignore.value) === '*') return '*';
  if (!isSeq(ignore.value)) {
    report('E0001', model.rangeOf(ignore.value ?? ignore.keyNode), 'IgnoreGlobals takes "*" or a list of property names');
    return [];
  }
  const known = [...Object.keys(spec.resource(resource.type!)?.properties ?? {}), ...(resource.type === 'AWS::Serverless::Function' ? NEWER_FUNCTION_PROPERTIES : []), ...globalNames];
  const names: string[] = [];
  for (const item of ignore.value.items as Node[]) {
    const name = isLiteralScalar(item) ? scalarString(item) : undefined;
    if (name === undefined) {
      report('E0001', model.rangeOf(item ?? ignore.keyNode), 'IgnoreGlobals lists property names as strings');
      continue;
    }
    names.push(name);
    if (known.includes(name)) continue;
    const guess = didYouMean(name, known);
    report('E0001', model.rangeOf(item), `IgnoreGlobals lists "${name}", which is not a property of ${resource.type}${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
  }
  return names;
}

function checkFunction(resource: ResourceDeclaration, has: (name: string) => boolean, { model, report }: CheckContext): void {
  const properties = resource.properties?.value;
  const at = model.rangeOf(resource.properties?.keyNode ?? resource.keyNode);
  const packageType = scalarString(entry(properties, 'PackageType')?.value);
  // Without PackageType an image function is told apart by ImageUri.
  const zip = packageType === 'Zip' || (packageType === undefined && !entry(properties, 'PackageType') && !has('ImageUri'));
  if (zip) {
    const missing = ['Runtime', 'Handler'].filter((name) => !has(name));
    if (missing.length) report('E0001', at, `${resource.name} is a Zip function (PackageType ${packageType ?? 'defaults to Zip'}), so it needs ${missing.join(' and ')}`);
  }
  const alias = entry(properties, 'AutoPublishAlias');
  if (alias && !aliasAllowed(alias, model)) {
    report('E0001', model.rangeOf(isMap(alias.value) || !alias.value ? alias.keyNode : alias.value), 'AutoPublishAlias must be a string or a Ref to a template parameter');
  }
  for (const event of entries(entry(properties, 'Events')?.value)) checkEvent(resource, event, { model, report });
}

function aliasAllowed(alias: MapEntry, model: CheckContext['model']): boolean {
  const value = alias.value;
  if (isLiteralScalar(value)) return typeof value.value === 'string';
  const call = intrinsicOf(value, { allowCondition: false });
  if (call?.name !== 'Ref') return false;
  const name = isScalar(call.arg) ? scalarString(call.arg) : undefined;
  return name !== undefined && model.parameters.has(name);
}

function checkEvent(resource: ResourceDeclaration, event: MapEntry, { model, report }: Pick<CheckContext, 'model' | 'report'>): void {
  const type = scalarString(entry(event.value, 'Type')?.value);
  const required = type && Object.hasOwn(EVENT_REQUIRED, type) ? EVENT_REQUIRED[type] : undefined;
  if (!required) return;
  const properties = entry(event.value, 'Properties');
  if (properties && intrinsicOf(properties.value)) return;
  const missing = required.filter((name) => !entry(properties?.value, name));
  if (missing.length) {
    report('E0001', model.rangeOf(properties?.keyNode ?? event.keyNode), `the ${type} event ${event.key} of ${resource.name} needs ${missing.join(' and ')}`);
  }
}
