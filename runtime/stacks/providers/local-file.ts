import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../common/atomic';
import { registerProvider, type ProviderContext, type ResourceProvider } from '../provider';
import { stringProperty } from './names';

function fullPath(properties: Record<string, unknown>, ctx: ProviderContext): string {
  return path.resolve(ctx.templateDir, stringProperty(properties, 'Path', true)!);
}

function mode(properties: Record<string, unknown>): number | undefined {
  const value = properties.Mode;
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  if (!/^0?[0-7]{3,4}$/.test(text)) throw new Error(`Mode must be an octal file mode such as "0644", not "${text}"`);
  return parseInt(text, 8);
}

function write(file: string, properties: Record<string, unknown>) {
  const content = stringProperty(properties, 'Content') ?? '';
  const fileMode = mode(properties);
  writeFileAtomic(file, content, fileMode);
  if (fileMode !== undefined) fs.chmodSync(file, fileMode);
  return { physicalId: file, attributes: { Path: file, Sha256: createHash('sha256').update(content).digest('hex') } };
}

/** `Slipway::Local::File`: a file on this machine. A Path change replaces it; Content and Mode update in place. */
export const localFileProvider: ResourceProvider = {
  type: 'Slipway::Local::File',
  schema: {
    documentation: 'A file on this machine, created with Content and Mode; the stack never takes over a file it did not create.',
    properties: {
      Path: { type: 'String', required: true, update: 'Immutable', documentation: 'Where the file is, relative to the template\'s folder. A change replaces the file.' },
      Content: { type: 'String', documentation: 'The text of the file (empty when absent).' },
      Mode: { type: 'String', documentation: 'An octal file mode such as "0644".' },
    },
    attributes: { Path: 'String', Sha256: 'String' },
  },
  replacesOn: (property) => property === 'Path',
  async create(properties, ctx) {
    const file = fullPath(properties, ctx);
    if (fs.existsSync(file)) throw new Error(`${file} already exists; the stack will not take over a file it did not create`);
    return write(file, properties);
  },
  async update(physicalId, properties) {
    return write(physicalId, properties);
  },
  async delete(physicalId) {
    fs.rmSync(physicalId, { force: true });
  },
  async read(physicalId, properties) {
    if (!fs.existsSync(physicalId)) return undefined;
    const current: Record<string, unknown> = { ...properties, Content: fs.readFileSync(physicalId, 'utf8') };
    if (properties.Mode !== undefined) current.Mode = `0${(fs.statSync(physicalId).mode & 0o777).toString(8)}`;
    return current;
  },
  async snapshot(physicalId, _properties, ctx) {
    const target = ctx.store.ensure('snapshots', ctx.stackName, `${ctx.logicalId}-${Date.now()}`);
    const copy = path.join(target, path.basename(physicalId));
    if (fs.existsSync(physicalId)) fs.copyFileSync(physicalId, copy);
    return copy;
  },
};

registerProvider(localFileProvider);
