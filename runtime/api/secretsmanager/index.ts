import { createHash } from 'node:crypto';
import { NotFoundError, ParameterStore } from '../../common/params';
import { InputReader, page } from '../input';
import { AwsError, type CallContext, type ServiceDefinition } from '../types';

// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html (Name constraints)
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const ARN = /^arn:aws[a-z-]*:secretsmanager:[^:]*:[^:]*:secret:(.+)-([A-Za-z0-9]{6})$/;

function reader(input: unknown): InputReader {
  return new InputReader((input ?? {}) as Record<string, unknown>, 'InvalidParameterException');
}

/** The six characters Secrets Manager appends to a secret's ARN; stable per name here. */
function suffixOf(name: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(createHash('sha256').update(name).digest().subarray(0, 6), (b) => alphabet[b % alphabet.length]).join('');
}

function arnOf(ctx: CallContext, name: string): string {
  return `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${name}-${suffixOf(name)}`;
}

function notFound(): AwsError {
  return new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

/** A SecretId is a name or an ARN (ours: the suffix must match). */
function nameOf(params: ParameterStore, secretId: string): string {
  const arn = ARN.exec(secretId);
  const name = arn && suffixOf(arn[1]) === arn[2] ? arn[1] : secretId;
  if (!params.describeSecret(name)) throw notFound();
  return name;
}

function stagesMap(versions: { versionId: string; stages: string[] }[]): Record<string, string[]> {
  return Object.fromEntries(versions.filter((v) => v.stages.length).map((v) => [v.versionId, v.stages]));
}

function secretString(r: InputReader): string {
  if (r.input.SecretBinary !== undefined) throw new AwsError('InvalidRequestException', "Slipway's local secret store keeps SecretString values only; SecretBinary is not stored");
  const value = r.string('SecretString');
  if (value === undefined) throw new AwsError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
  if (Buffer.byteLength(value) > 65536) throw new AwsError('InvalidParameterException', 'SecretString must be at most 65,536 bytes.');
  return value;
}

function describe(ctx: CallContext, params: ParameterStore, name: string) {
  const secret = params.describeSecret(name);
  if (!secret) throw notFound();
  const created = secret.versions[0]?.created ?? new Date(0).toISOString();
  const changed = secret.versions[secret.versions.length - 1]?.created ?? created;
  return { ARN: arnOf(ctx, name), Name: name, CreatedDate: new Date(created), LastChangedDate: new Date(changed), VersionIdsToStages: stagesMap(secret.versions) };
}

/** AWS Secrets Manager (awsJson1_1) over the local secret store (values sealed with the local key). */
export const secretsManager: ServiceDefinition = {
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  targetPrefix: 'secretsmanager',
  errorOf(error) {
    if (error instanceof NotFoundError) return new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value: ${error.message}`);
    return undefined;
  },
  operations: {
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    async CreateSecret(input, ctx) {
      const r = reader(input);
      const name = r.required('Name');
      if (!SECRET_NAME.test(name)) {
        throw new AwsError('InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
      }
      const params = new ParameterStore(ctx.store);
      if (params.describeSecret(name)) throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
      const versionId = params.putSecret(name, secretString(r));
      return { ARN: arnOf(ctx, name), Name: name, VersionId: versionId };
    },
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
    async GetSecretValue(input, ctx) {
      const r = reader(input);
      const params = new ParameterStore(ctx.store);
      const name = nameOf(params, r.required('SecretId'));
      let version;
      try {
        version = params.getSecretVersion(name, { versionId: r.string('VersionId'), versionStage: r.string('VersionStage') });
      } catch (error) {
        if (error instanceof NotFoundError) throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label or version id.");
        throw error;
      }
      return { ARN: arnOf(ctx, name), Name: name, VersionId: version.versionId, SecretString: version.value, VersionStages: version.stages, CreatedDate: new Date(version.created) };
    },
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
    async PutSecretValue(input, ctx) {
      const r = reader(input);
      const params = new ParameterStore(ctx.store);
      const name = nameOf(params, r.required('SecretId'));
      const versionId = params.putSecret(name, secretString(r));
      return { ARN: arnOf(ctx, name), Name: name, VersionId: versionId, VersionStages: ['AWSCURRENT'] };
    },
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
    async DescribeSecret(input, ctx) {
      const params = new ParameterStore(ctx.store);
      return describe(ctx, params, nameOf(params, reader(input).required('SecretId')));
    },
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
    async ListSecrets(input, ctx) {
      const r = reader(input);
      const params = new ParameterStore(ctx.store);
      const filters = r.list<{ Key?: string; Values?: string[] }>('Filters');
      const names = params
        .listSecrets()
        .map((s) => s.id)
        .filter((name) =>
          filters.every((f) => {
            if (f.Key === 'name') return (f.Values ?? []).some((v) => name.startsWith(v));
            if (f.Key === 'all') return (f.Values ?? []).some((v) => name.includes(v));
            throw new AwsError('InvalidParameterException', `The filter key ${f.Key} is not supported by Slipway's secret store (name, all)`);
          }),
        )
        .sort();
      const { items, NextToken } = page(names, r.integer('MaxResults', 1, 100) ?? 100, r.string('NextToken'), 'InvalidNextTokenException');
      return {
        SecretList: items.map((name) => {
          const { VersionIdsToStages, ...rest } = describe(ctx, params, name);
          return { ...rest, SecretVersionsToStages: VersionIdsToStages };
        }),
        NextToken,
      };
    },
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
    // The local store has no recovery window: the secret goes at once, as with ForceDeleteWithoutRecovery.
    async DeleteSecret(input, ctx) {
      const r = reader(input);
      const params = new ParameterStore(ctx.store);
      const name = nameOf(params, r.required('SecretId'));
      const window = r.integer('RecoveryWindowInDays', 7, 30);
      if (window !== undefined && r.boolean('ForceDeleteWithoutRecovery')) {
        throw new AwsError('InvalidParameterException', 'You can\'t use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.');
      }
      const arn = arnOf(ctx, name);
      params.deleteSecret(name);
      return { ARN: arn, Name: name, DeletionDate: new Date() };
    },
  },
};
