import type { ParameterStore, SecretMasker } from '../../common/params';
import { TemplateEvalError } from './errors';

const REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]*)\}\}/g;

/**
 * Replaces `{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}` and
 * `{{resolve:secretsmanager:…}}` with values from the local stores. Secure values are
 * added to the masker so that they never reach events, logs or state in clear.
 */
export function resolveDynamicReferences(value: unknown, params: ParameterStore, masker: SecretMasker, path: string[] = []): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{resolve:')) return value;
    return value.replace(REFERENCE, (_match, service: string, reference: string) => {
      try {
        return resolveOne(service, reference, params, masker);
      } catch (error) {
        throw new TemplateEvalError(`{{resolve:${service}:${reference}}}: ${(error as Error).message}`, path);
      }
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveDynamicReferences(item, params, masker, [...path, String(i)]));
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = resolveDynamicReferences(item, params, masker, [...path, key]);
    return result;
  }
  return value;
}

function resolveOne(service: string, reference: string, params: ParameterStore, masker: SecretMasker): string {
  if (service === 'secretsmanager') {
    const value = params.resolveSecretReference(secretReference(reference));
    masker.add(value);
    return value;
  }
  const [name, version] = splitParameterReference(reference);
  const parameter = params.getParameter(name);
  if (version && Number(version) !== parameter.version) {
    throw new Error(`version ${version} of parameter ${name} is not kept locally (the current version is ${parameter.version})`);
  }
  if (service === 'ssm' && parameter.secure) throw new Error(`parameter ${name} is a SecureString; use {{resolve:ssm-secure:${name}}}`);
  if (service === 'ssm-secure') {
    if (!parameter.secure) throw new Error(`parameter ${name} is not a SecureString; use {{resolve:ssm:${name}}}`);
    masker.add(parameter.value);
  }
  return parameter.value;
}

/** `name[:version]`; a name may itself be an ARN-free path such as /app/db/url. */
function splitParameterReference(reference: string): [string, string] {
  const match = /^(.*?)(?::(\d+))?$/.exec(reference)!;
  return [match[1], match[2] ?? ''];
}

/**
 * `secret-id:SecretString:json-key:version-stage:version-id` (the secret id may be a
 * full ARN) → the store's `secret-id:json-key:version-stage:version-id`.
 */
function secretReference(reference: string): string {
  const parts = reference.split(':');
  const idParts = parts[0] === 'arn' ? 7 : 1;
  const id = parts.slice(0, idParts).join(':');
  const [selector = '', jsonKey = '', stage = '', versionId = ''] = parts.slice(idParts);
  if (selector && selector !== 'SecretString') throw new Error(`only SecretString can be referenced, not ${selector}`);
  return [id, jsonKey, stage, versionId].join(':');
}

/**
 * Where CloudFormation refuses `ssm-secure` references, as it does: "Secure strings can only be
 * used for resource properties that support the ssm-secure dynamic reference pattern", which
 * AWS::SSM::Parameter's Value is not (it would store the secret in clear), and "dynamic
 * references for secure values, such as ssm-secure, aren't currently supported in custom
 * resources" (AWS CloudFormation User Guide, "Get a secure string value from Systems Manager
 * Parameter Store"). Returns the refusal, naming the property paths, or undefined.
 */
export function secureReferenceRefusal(type: string, properties: Record<string, unknown>): string | undefined {
  const refusing = type === 'AWS::SSM::Parameter' || type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::');
  if (!refusing) return undefined;
  const found: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      if (/\{\{resolve:ssm-secure:/.test(value)) found.push(at);
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${at}/${i}`));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${at}/${key}`);
  };
  for (const [key, value] of Object.entries(properties)) walk(value, `${type}/Properties/${key}`);
  return found.length ? `SSM Secure reference is not supported in: [${found.join(', ')}]` : undefined;
}
