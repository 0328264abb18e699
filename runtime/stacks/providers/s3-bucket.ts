import * as fs from 'node:fs';
import * as path from 'node:path';
import { bucketPath, isBucketName } from '../../buckets/objects';
import { registerProvider, type ProviderContext, type ResourceProvider } from '../provider';
import { generatedName, stringProperty } from './names';


function attributes(name: string, ctx: ProviderContext) {
  const partition = ctx.region.startsWith('cn-') ? 'aws-cn' : 'aws';
  return {
    Arn: `arn:${partition}:s3:::${name}`,
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
    DualStackDomainName: `${name}.s3.dualstack.${ctx.region}.amazonaws.com`,
    WebsiteURL: `http://${name}.s3-website-${ctx.region}.amazonaws.com`,
  };
}

/** The bucket's folder in the local account: `s3/NAME` in the state home (the S3 API serves the same folders). */
export function bucketFolder(ctx: ProviderContext, name: string): string {
  return bucketPath(ctx.store, name);
}

/** `AWS::S3::Bucket`: a folder in the local account; deleted only when empty, as S3 requires. */
export const s3BucketProvider: ResourceProvider = {
  type: 'AWS::S3::Bucket',
  async create(properties, ctx) {
    const name = stringProperty(properties, 'BucketName') ?? generatedName(ctx.stackName, ctx.logicalId, { max: 63, lowerCase: true });
    if (!isBucketName(name)) throw new Error(`Bucket name ${name} is not valid: 3-63 lower-case letters, digits, dots and hyphens`);
    const folder = bucketFolder(ctx, name);
    if (fs.existsSync(folder)) throw new Error(`${name} already exists`);
    fs.mkdirSync(folder, { recursive: true });
    return { physicalId: name, attributes: attributes(name, ctx) };
  },
  async update(physicalId, _properties, _old, ctx) {
    fs.mkdirSync(bucketFolder(ctx, physicalId), { recursive: true });
    return { physicalId, attributes: attributes(physicalId, ctx) };
  },
  async delete(physicalId, _properties, ctx) {
    const folder = bucketFolder(ctx, physicalId);
    if (!fs.existsSync(folder)) return;
    if (fs.readdirSync(folder).length > 0) throw new Error('The bucket you tried to delete is not empty');
    fs.rmdirSync(folder);
  },
  async read(physicalId, properties, ctx) {
    return fs.existsSync(bucketFolder(ctx, physicalId)) ? properties : undefined;
  },
  async snapshot(physicalId, _properties, ctx) {
    const target = path.join(ctx.store.ensure('snapshots', ctx.stackName), `${physicalId}-${Date.now()}`);
    fs.cpSync(bucketFolder(ctx, physicalId), target, { recursive: true });
    return target;
  },
};

registerProvider(s3BucketProvider);
