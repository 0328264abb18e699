import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../common/errors';
import { registerProvider, type ProviderContext, type ProviderResult, type ResourceProvider } from '../stacks/provider';
import { ProjectStore, type BuildProject } from './projects';

type Props = Record<string, unknown>;

/** What a template's CodeBuild project becomes locally: a build project in the state home. */
function projectName(properties: Props, ctx: ProviderContext): string {
  const name = properties.Name;
  if (name !== undefined && (typeof name !== 'string' || !name)) throw new InputError(`${ctx.logicalId}: Name must be a non-empty string`);
  return (name as string | undefined) ?? `${ctx.stackName}-${ctx.logicalId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255);
}

/** A CodeCommit location (an AWS clone URL or a hosted repository's path) becomes `repo:NAME[@REF]`. */
function sourceOf(properties: Props, ctx: ProviderContext): string | undefined {
  const source = (properties.Source ?? {}) as Props;
  const type = String(source.Type ?? 'NO_SOURCE');
  const location = typeof source.Location === 'string' ? source.Location : undefined;
  const version = typeof properties.SourceVersion === 'string' ? properties.SourceVersion : undefined;
  switch (type) {
    case 'NO_SOURCE':
    case 'CODEPIPELINE':
      return undefined; // the pipeline hands the source over as an input artifact
    case 'CODECOMMIT': {
      if (!location) throw new InputError(`${ctx.logicalId}: Source.Location is required for a CODECOMMIT source`);
      const name = /\/v1\/repos\/([^/]+)\/?$/.exec(location)?.[1] ?? /([^/\\]+?)(\.git)?\/?$/.exec(location)?.[1];
      if (!name) throw new InputError(`${ctx.logicalId}: cannot tell the repository from Source.Location ${location}`);
      return `repo:${name}${version ? `@${version}` : ''}`;
    }
    case 'GITHUB':
    case 'GITHUB_ENTERPRISE':
    case 'BITBUCKET':
      if (!location) throw new InputError(`${ctx.logicalId}: Source.Location is required for a ${type} source`);
      return location;
    case 'S3':
      throw new InputError(`${ctx.logicalId}: an S3 source has no local equivalent; use CODECOMMIT with a hosted repository or NO_SOURCE`);
    default:
      throw new InputError(`${ctx.logicalId}: Source.Type ${type} is not one CodeBuild knows`);
  }
}

/** Source.BuildSpec is either a path inside the source or the buildspec itself (inline YAML). */
function buildspecOf(properties: Props, name: string, ctx: ProviderContext): string | undefined {
  const spec = ((properties.Source ?? {}) as Props).BuildSpec;
  if (spec === undefined) return undefined;
  if (typeof spec !== 'string') throw new InputError(`${ctx.logicalId}: Source.BuildSpec must be a string`);
  if (!/\n/.test(spec) && !/^\s*version\s*:/.test(spec)) return spec;
  const file = ctx.store.path('builds', 'projects', `${name}.buildspec.yml`);
  ctx.store.ensure('builds', 'projects');
  fs.writeFileSync(file, spec);
  return path.resolve(file);
}

function environmentOf(properties: Props, ctx: ProviderContext): Record<string, string> {
  const variables = ((properties.Environment ?? {}) as Props).EnvironmentVariables;
  const env: Record<string, string> = {};
  if (variables === undefined) return env;
  if (!Array.isArray(variables)) throw new InputError(`${ctx.logicalId}: Environment.EnvironmentVariables must be a list`);
  for (const entry of variables as Props[]) {
    const type = String(entry.Type ?? 'PLAINTEXT');
    if (type !== 'PLAINTEXT') {
      throw new InputError(
        `${ctx.logicalId}: ${String(entry.Name)} is ${type}; a local project keeps plain values only, so declare it under env.${type === 'PARAMETER_STORE' ? 'parameter-store' : 'secrets-manager'} in the buildspec`,
      );
    }
    env[String(entry.Name)] = String(entry.Value ?? '');
  }
  return env;
}

function configure(properties: Props, ctx: ProviderContext): Omit<BuildProject, 'created' | 'updated'> {
  const name = projectName(properties, ctx);
  const minutes = properties.TimeoutInMinutes;
  return {
    name,
    source: sourceOf(properties, ctx),
    buildspec: buildspecOf(properties, name, ctx),
    env: environmentOf(properties, ctx),
    cachePaths: [],
    timeoutSeconds: minutes === undefined ? undefined : Number(minutes) * 60,
  };
}

function result(project: BuildProject, ctx: ProviderContext): ProviderResult {
  return { physicalId: project.name, attributes: { Arn: `arn:aws:codebuild:${ctx.region}:${ctx.accountId}:project/${project.name}` } };
}

/** AWS::CodeBuild::Project made real: `slipway build run --project NAME` and pipelines' CodeBuild actions use it. */
export const codeBuildProjectProvider: ResourceProvider = {
  type: 'AWS::CodeBuild::Project',
  replacesOn: (property) => property === 'Name',
  async create(properties, ctx) {
    const project = new ProjectStore(ctx.store).create(configure(properties, ctx));
    ctx.log(`created build project ${project.name}`);
    return result(project, ctx);
  },
  async update(physicalId, properties, _old, ctx) {
    const project = new ProjectStore(ctx.store).create({ ...configure(properties, ctx), name: physicalId }, true);
    return result(project, ctx);
  },
  async delete(physicalId, _properties, ctx) {
    const projects = new ProjectStore(ctx.store);
    if (projects.get(physicalId)) projects.delete(physicalId);
  },
  async read(physicalId, _properties, ctx) {
    const project = new ProjectStore(ctx.store).get(physicalId);
    if (!project) return undefined;
    return { Name: project.name, TimeoutInMinutes: project.timeoutSeconds === undefined ? undefined : project.timeoutSeconds / 60 };
  },
};

registerProvider(codeBuildProjectProvider);
