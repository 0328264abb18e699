import * as fs from 'node:fs';
import * as path from 'node:path';
import { registerProvider, type ResourceProvider } from '../provider';
import { stringProperty } from './names';

/**
 * `Slipway::Local::Directory`: a folder on this machine. Like an S3 bucket, it is
 * deleted only when empty, so the stack never removes files it did not create.
 */
export const localDirectoryProvider: ResourceProvider = {
  type: 'Slipway::Local::Directory',
  schema: {
    documentation: 'A folder on this machine; deleted only when empty.',
    properties: { Path: { type: 'String', required: true, update: 'Immutable', documentation: 'Where the folder is, relative to the template\'s folder. A change replaces it.' } },
    attributes: { Path: 'String' },
  },
  replacesOn: (property) => property === 'Path',
  async create(properties, ctx) {
    const dir = path.resolve(ctx.templateDir, stringProperty(properties, 'Path', true)!);
    if (fs.existsSync(dir)) throw new Error(`${dir} already exists; the stack will not take over a folder it did not create`);
    fs.mkdirSync(dir, { recursive: true });
    return { physicalId: dir, attributes: { Path: dir } };
  },
  async update(physicalId) {
    fs.mkdirSync(physicalId, { recursive: true });
    return { physicalId, attributes: { Path: physicalId } };
  },
  async delete(physicalId) {
    if (!fs.existsSync(physicalId)) return;
    if (fs.readdirSync(physicalId).length > 0) throw new Error(`The directory ${physicalId} is not empty`);
    fs.rmdirSync(physicalId);
  },
  async read(physicalId, properties) {
    return fs.existsSync(physicalId) && fs.statSync(physicalId).isDirectory() ? properties : undefined;
  },
};

registerProvider(localDirectoryProvider);
