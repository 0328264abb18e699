import { StackEngine, StackOperationError } from '../engine';
import { registerProvider, type ProviderContext, type ProviderResult, type ResourceProvider } from '../provider';
import type { StackRecord } from '../types';
import { BucketStore, parseS3Url } from '../../buckets/objects';
import { loadTemplate, parseTemplate } from '../template-source';
import { generatedName } from './names';
import { outputsOf, secretStrings } from '../secrets';

function templateOf(properties: Record<string, unknown>, ctx: ProviderContext) {
  const url = properties.TemplateURL;
  if (typeof url !== 'string' || !url) throw new Error('Properties validation failed: required key [TemplateURL] not found');
  if (/^(https?|s3):\/\//.test(url)) {
    // An S3 URL (what `aws cloudformation package` writes) names an object of a local bucket.
    const location = parseS3Url(url);
    const buckets = new BucketStore(ctx.store);
    if (!location || !buckets.exists(location.bucket)) throw new Error(`TemplateURL ${url} is remote; locally a nested stack's TemplateURL is a file path relative to the parent template or an object of a local bucket`);
    let text: string;
    try {
      text = buckets.read(location.bucket, location.key).toString('utf8');
    } catch (error) {
      throw new Error(`TemplateURL ${url}: ${(error as Error).message}`);
    }
    return { path: undefined, body: parseTemplate(text, location.key, url) };
  }
  return loadTemplate(url.replace(/^file:\/\//, ''), ctx.templateDir);
}

function parametersOf(properties: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries((properties.Parameters as Record<string, unknown>) ?? {})) result[key] = Array.isArray(value) ? value.join(',') : String(value);
  return result;
}

/** The child's outputs as the parent's `Outputs.NAME` attributes; those the child sealed stay secret in the parent. */
function resultOf(record: StackRecord): ProviderResult {
  const attributes: Record<string, unknown> = {};
  const secrets: string[] = [];
  const real = outputsOf(record);
  record.outputs.forEach((stored, i) => {
    attributes[`Outputs.${stored.key}`] = real[i].value;
    if (stored.sealedValue) secrets.push(...secretStrings(real[i].value, stored.value));
  });
  return { physicalId: record.stackId, attributes, secrets };
}

function nameOf(stackId: string): string {
  return stackId.split(':stack/')[1]?.split('/')[0] ?? stackId;
}

/** Deploys the child through its own change set; a failure names the child and its reason. */
async function deployChild(stackName: string, properties: Record<string, unknown>, ctx: ProviderContext, verb: 'created' | 'updated'): Promise<ProviderResult> {
  const engine = new StackEngine(ctx.store, { region: ctx.region, accountId: ctx.accountId });
  const template = templateOf(properties, ctx);
  const parameters = parametersOf(properties);
  const secretParameters = Object.keys(parameters).filter((key) => ctx.holdsSecret?.(parameters[key]));
  const changeSet = await engine.createChangeSet({ stackName, template: template.body, templatePath: template.path, parameters, parentId: ctx.stackId, secretParameters });
  if (changeSet.executionStatus !== 'AVAILABLE') return resultOf(engine.describe(stackName));
  try {
    return resultOf(await engine.executeChangeSet(stackName, changeSet.name));
  } catch (error) {
    if (error instanceof StackOperationError) {
      throw new Error(`Embedded stack ${error.record.stackId} was not successfully ${verb}: ${error.record.statusReason ?? error.record.status}`);
    }
    throw error;
  }
}

/** `AWS::CloudFormation::Stack`: a nested stack from a local template file. */
export const nestedStackProvider: ResourceProvider = {
  type: 'AWS::CloudFormation::Stack',
  replacesOn: () => false,
  async create(properties, ctx) {
    return deployChild(generatedName(ctx.stackName, ctx.logicalId, { max: 128 }), properties, ctx, 'created');
  },
  async update(physicalId, properties, _old, ctx) {
    return deployChild(nameOf(physicalId), properties, ctx, 'updated');
  },
  async delete(physicalId, _properties, ctx) {
    const engine = new StackEngine(ctx.store, { region: ctx.region, accountId: ctx.accountId });
    if (engine.stacks.read(nameOf(physicalId))) await engine.deleteStack(nameOf(physicalId), { byParent: true });
  },
};


registerProvider(nestedStackProvider);
