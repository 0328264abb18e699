import * as os from 'node:os';
import { InputError } from '../common/errors';
import { LOCAL_ACCOUNT } from '../common/ids';
import { ParameterStore, type SecretMasker } from '../common/params';
import type { StateStore } from '../common/state';
import type { Buildspec } from '../buildspec/model';

export interface BuildIdentity {
  id: string;
  arn: string;
  number: number;
  initiator: string;
  startTime: number;
  srcDir: string;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  sourceLocation: string;
  batchIdentifier?: string;
}

/** The CODEBUILD_* variables CodeBuild sets, with local values where CodeBuild's make no sense. */
export function codebuildVariables(build: BuildIdentity): Record<string, string> {
  const vars: Record<string, string> = {
    CODEBUILD_BUILD_ID: build.id,
    CODEBUILD_BUILD_ARN: build.arn,
    CODEBUILD_BUILD_NUMBER: String(build.number),
    CODEBUILD_BUILD_SUCCEEDING: '1',
    CODEBUILD_INITIATOR: build.initiator,
    CODEBUILD_SRC_DIR: build.srcDir,
    CODEBUILD_START_TIME: String(build.startTime),
    CODEBUILD_SOURCE_REPO_URL: build.sourceLocation,
    CODEBUILD_BUILD_IMAGE: `slipway/local:${os.platform()}-${os.arch()}`,
    CODEBUILD_KMS_KEY_ID: `arn:${LOCAL_ACCOUNT.partition}:kms:${LOCAL_ACCOUNT.region}:${LOCAL_ACCOUNT.accountId}:alias/slipway/local`,
    CODEBUILD_LOG_PATH: build.id.slice(build.id.indexOf(':') + 1),
    CODEBUILD_CI: 'true',
    AWS_REGION: LOCAL_ACCOUNT.region,
    AWS_DEFAULT_REGION: LOCAL_ACCOUNT.region,
    AWS_ACCOUNT_ID: LOCAL_ACCOUNT.accountId,
  };
  if (build.sourceVersion) vars.CODEBUILD_SOURCE_VERSION = build.sourceVersion;
  if (build.resolvedSourceVersion) vars.CODEBUILD_RESOLVED_SOURCE_VERSION = build.resolvedSourceVersion;
  if (build.batchIdentifier) vars.CODEBUILD_BATCH_BUILD_IDENTIFIER = build.batchIdentifier;
  return vars;
}

/**
 * The buildspec's variables, then parameter-store and secrets-manager values from the
 * local store (each added to the masker), then the project's and the caller's
 * overrides, which win as a start-build override does in CodeBuild.
 */
export function resolveBuildVariables(
  spec: Buildspec,
  store: StateStore,
  masker: SecretMasker,
  overrides: Array<Record<string, string>>,
): Record<string, string> {
  const result: Record<string, string> = { ...spec.env.variables };
  const params = new ParameterStore(store);
  for (const [name, parameter] of Object.entries(spec.env.parameterStore)) {
    try {
      const value = params.getParameter(parameter).value;
      masker.add(value);
      result[name] = value;
    } catch (error) {
      throw new InputError(`env.parameter-store ${name}: ${(error as Error).message} (add it with: slipway param put ${parameter} VALUE)`, spec.file);
    }
  }
  for (const [name, reference] of Object.entries(spec.env.secretsManager)) {
    try {
      const value = params.resolveSecretReference(reference);
      masker.add(value);
      result[name] = value;
    } catch (error) {
      throw new InputError(`env.secrets-manager ${name}: ${(error as Error).message}`, spec.file);
    }
  }
  for (const layer of overrides) Object.assign(result, layer);
  return result;
}
