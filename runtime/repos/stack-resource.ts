import { InputError } from '../common/errors';
import { registerProvider, type ProviderContext, type ProviderResult, type ResourceProvider } from '../stacks/provider';
import { backupRepo, createRepo, deleteRepo, describeRepo } from './repos';
import { readMeta, repoExists, updateMeta } from './store';

function nameOf(properties: Record<string, unknown>, ctx: ProviderContext): string {
  const name = properties.RepositoryName;
  if (typeof name !== 'string' || !name) throw new InputError(`${ctx.logicalId}: RepositoryName is required`);
  return name;
}

function checkUnsupported(properties: Record<string, unknown>, ctx: ProviderContext): void {
  if (properties.Code !== undefined) {
    throw new InputError(`${ctx.logicalId}: Code (initial content from an S3 zip) has no local source; remove it and push the content with git to the repository's clone URL`);
  }
  if (Array.isArray(properties.Triggers) && properties.Triggers.length > 0) {
    ctx.log(`${ctx.logicalId}: Triggers target SNS/Lambda ARNs, which do not exist locally; add HTTP triggers with: slipway repo trigger add ${String(properties.RepositoryName)} --url URL --secret S --events push`);
  }
}

async function result(ctx: ProviderContext, name: string): Promise<ProviderResult> {
  const info = await describeRepo(ctx.store, name);
  return {
    physicalId: name,
    ref: info.id ?? name,
    attributes: {
      Arn: `arn:aws:codecommit:${ctx.region}:${ctx.accountId}:${name}`,
      CloneUrlHttp: info.cloneUrl,
      CloneUrlSsh: info.cloneUrl,
      Name: name,
    },
  };
}

/** AWS::CodeCommit::Repository made real: a hosted repository in the state home. */
export const codeCommitRepositoryProvider: ResourceProvider = {
  type: 'AWS::CodeCommit::Repository',
  replacesOn: (property) => property === 'RepositoryName',
  async create(properties, ctx) {
    checkUnsupported(properties, ctx);
    const name = nameOf(properties, ctx);
    await createRepo(ctx.store, name, { description: String(properties.RepositoryDescription ?? ''), user: `stack/${ctx.stackName}` });
    ctx.log(`created repository ${name}`);
    return result(ctx, name);
  },
  async update(physicalId, properties, _old, ctx) {
    checkUnsupported(properties, ctx);
    updateMeta(ctx.store, physicalId, (meta) => {
      meta.description = String(properties.RepositoryDescription ?? '');
    });
    return result(ctx, physicalId);
  },
  async delete(physicalId, _properties, ctx) {
    if (!repoExists(ctx.store, physicalId)) return;
    deleteRepo(ctx.store, physicalId, `stack/${ctx.stackName}`);
    ctx.log(`deleted repository ${physicalId}`);
  },
  async read(physicalId, _properties, ctx) {
    if (!repoExists(ctx.store, physicalId)) return undefined;
    const meta = readMeta(ctx.store, physicalId);
    return { RepositoryName: meta.name, RepositoryDescription: meta.description };
  },
  async snapshot(physicalId, _properties, ctx) {
    const backup = await backupRepo(ctx.store, physicalId, ctx.store.path('repos', 'snapshots', `${ctx.stackName}-${ctx.logicalId}-${Date.now()}`), `stack/${ctx.stackName}`);
    return backup.path;
  },
};

registerProvider(codeCommitRepositoryProvider);
