import { seal } from '../../common/kms';
import { NotFoundError } from '../../common/errors';
import { ParameterStore, type ParameterType, type ParameterValue } from '../../common/params';
import { InputReader, page } from '../input';
import { AwsError, type CallContext, type ServiceDefinition } from '../types';

// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html (Name constraints)
const PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]{1,2048}$/;
const TYPES: ParameterType[] = ['String', 'StringList', 'SecureString'];

function reader(input: unknown): InputReader {
  return new InputReader((input ?? {}) as Record<string, unknown>, 'ValidationException');
}

function checkName(name: string): string {
  const levels = name.split('/').filter(Boolean).length;
  if (!PARAMETER_NAME.test(name) || levels > 15 || name.includes('//') || (name.includes('/') && !name.startsWith('/'))) {
    throw new AwsError('ValidationException', `Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_ (${name})`);
  }
  if (/^\/?(aws|ssm)/i.test(name)) throw new AwsError('ValidationException', `Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive). (${name})`);
  return name;
}

function arnOf(ctx: CallContext, name: string): string {
  return `arn:aws:ssm:${ctx.region}:${ctx.accountId}:parameter/${name.replace(/^\//, '')}`;
}

/** A name with an optional `:version` selector (GetParameter's `name:3`). */
function selector(raw: string): { name: string; version?: number } {
  const match = /^(.*):(\d+)$/.exec(raw);
  return match ? { name: match[1], version: Number(match[2]) } : { name: raw };
}

function notFound(name: string): AwsError {
  return new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
}

function read(params: ParameterStore, raw: string): ParameterValue & { lastModified: string } {
  const { name, version } = selector(raw);
  const value = params.findParameter(name);
  if (!value) throw notFound(raw);
  if (version !== undefined && version !== value.version) throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);
  return { ...value, lastModified: value.lastModified ?? new Date(0).toISOString() };
}

/** GetParameter's `Parameter`: a SecureString without decryption is its ciphertext, as in AWS. */
function parameterShape(ctx: CallContext, value: ParameterValue & { lastModified: string }, decrypt: boolean, selectorText?: string) {
  return {
    Name: value.name,
    Type: value.type,
    Value: value.type === 'SecureString' && !decrypt ? seal(value.value).data : value.value,
    Version: value.version,
    Selector: selectorText,
    LastModifiedDate: new Date(value.lastModified),
    ARN: arnOf(ctx, value.name),
    DataType: 'text',
  };
}

function metadataShape(ctx: CallContext, p: { name: string; type: ParameterType; version: number; lastModified: string }) {
  return { Name: p.name, ARN: arnOf(ctx, p.name), Type: p.type, LastModifiedDate: new Date(p.lastModified), Version: p.version, Tier: 'Standard', Policies: [], DataType: 'text' };
}

interface ParameterFilter {
  Key?: string;
  Option?: string;
  Values?: string[];
}

/** DescribeParameters' ParameterFilters (Name, Type, Path) and the older Filters (Name, Type). */
function matchesFilters(p: { name: string; type: string }, filters: ParameterFilter[]): boolean {
  return filters.every((filter) => {
    const values = filter.Values ?? [];
    switch (filter.Key) {
      case 'Name': {
        const option = filter.Option ?? 'Equals';
        return values.some((v) => (option === 'BeginsWith' ? p.name.startsWith(v) : option === 'Contains' ? p.name.includes(v) : p.name === v));
      }
      case 'Type':
        return values.includes(p.type);
      case 'Path': {
        const recursive = filter.Option === 'Recursive';
        return values.some((v) => inPath(p.name, v, recursive));
      }
      default:
        throw new AwsError('InvalidFilterKey', `The filter key ${filter.Key} is not supported by Slipway's parameter store (Name, Type, Path)`);
    }
  });
}

function inPath(name: string, path: string, recursive: boolean): boolean {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  if (!name.startsWith(prefix)) return false;
  return recursive || !name.slice(prefix.length).includes('/');
}

/** AWS Systems Manager Parameter Store (awsJson1_1) over the local parameter store. */
export const ssm: ServiceDefinition = {
  signingName: 'ssm',
  protocol: 'awsJson1_1',
  targetPrefix: 'AmazonSSM',
  errorOf(error) {
    if (error instanceof NotFoundError) return new AwsError('ParameterNotFound', error.message);
    return undefined;
  },
  operations: {
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
    async PutParameter(input, ctx) {
      const r = reader(input);
      const name = checkName(r.required('Name'));
      const value = r.required('Value');
      const params = new ParameterStore(ctx.store);
      const exists = params.hasParameter(name);
      const type = (r.string('Type') ?? (exists ? params.getParameter(name).type : undefined)) as ParameterType | undefined;
      if (!type) throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.');
      if (!TYPES.includes(type)) throw new AwsError('ValidationException', `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`);
      if (value.length > 4096) throw new AwsError('ValidationException', 'Standard tier parameters support a maximum parameter value of 4096 characters.');
      if (exists && !r.boolean('Overwrite')) throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
      const version = params.putParameter(name, value, type);
      return { Version: version, Tier: 'Standard' };
    },
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
    async GetParameter(input, ctx) {
      const r = reader(input);
      const raw = r.required('Name');
      const value = read(new ParameterStore(ctx.store), raw);
      return { Parameter: parameterShape(ctx, value, !!r.boolean('WithDecryption'), selector(raw).version !== undefined ? `:${selector(raw).version}` : undefined) };
    },
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html
    async GetParameters(input, ctx) {
      const r = reader(input);
      const names = r.strings('Names');
      if (names.length < 1 || names.length > 10) throw new AwsError('ValidationException', '1 validation error detected: Value at \'names\' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1');
      const params = new ParameterStore(ctx.store);
      const decrypt = !!r.boolean('WithDecryption');
      const found = [];
      const invalid = [];
      for (const raw of names) {
        try {
          found.push(parameterShape(ctx, read(params, raw), decrypt));
        } catch (error) {
          if (!(error instanceof AwsError)) throw error;
          invalid.push(raw);
        }
      }
      return { Parameters: found, InvalidParameters: invalid };
    },
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
    async GetParametersByPath(input, ctx) {
      const r = reader(input);
      const path = r.required('Path');
      if (!path.startsWith('/')) throw new AwsError('ValidationException', `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/". (${path})`);
      const recursive = !!r.boolean('Recursive');
      const params = new ParameterStore(ctx.store);
      const filters = r.list<ParameterFilter>('ParameterFilters');
      const matching = params
        .listParameters()
        .filter((p) => (path === '/' ? recursive || !p.name.slice(1).includes('/') : inPath(p.name, path, recursive)) && p.name.startsWith('/'))
        .filter((p) => matchesFilters(p, filters))
        .sort((a, b) => a.name.localeCompare(b.name));
      const { items, NextToken } = page(matching, r.integer('MaxResults', 1, 10) ?? 10, r.string('NextToken'), 'ValidationException');
      const decrypt = !!r.boolean('WithDecryption');
      return { Parameters: items.map((p) => parameterShape(ctx, read(params, p.name), decrypt)), NextToken };
    },
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html
    async DeleteParameter(input, ctx) {
      const name = reader(input).required('Name');
      const params = new ParameterStore(ctx.store);
      if (!params.hasParameter(name)) throw notFound(name);
      params.deleteParameter(name);
      return {};
    },
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameters.html
    async DeleteParameters(input, ctx) {
      const names = reader(input).strings('Names');
      const params = new ParameterStore(ctx.store);
      const deleted = [];
      const invalid = [];
      for (const name of names) {
        if (params.hasParameter(name)) {
          params.deleteParameter(name);
          deleted.push(name);
        } else invalid.push(name);
      }
      return { DeletedParameters: deleted, InvalidParameters: invalid };
    },
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
    async DescribeParameters(input, ctx) {
      const r = reader(input);
      const filters = [
        ...r.list<ParameterFilter>('ParameterFilters'),
        ...r.list<{ Key?: string; Values?: string[] }>('Filters').map((f) => ({ Key: f.Key, Option: f.Key === 'Name' ? 'BeginsWith' : 'Equals', Values: f.Values })),
      ];
      const matching = new ParameterStore(ctx.store)
        .listParameters()
        .filter((p) => matchesFilters(p, filters))
        .sort((a, b) => a.name.localeCompare(b.name));
      const { items, NextToken } = page(matching, r.integer('MaxResults', 1, 50) ?? 50, r.string('NextToken'), 'InvalidNextToken');
      return { Parameters: items.map((p) => metadataShape(ctx, p)), NextToken };
    },
  },
};
