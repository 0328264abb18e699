import { seal, unseal } from '../common/kms';
import { SecretMasker } from '../common/params';
import { NO_ECHO_MASK, type ResolvedParameter } from '../template/eval';
import type { ResourceRecord, StoredParameter } from './types';

/** Parameters as stored: NoEcho values masked, the real value sealed beside. */
export function storeParameters(parameters: Record<string, ResolvedParameter>): StoredParameter[] {
  return Object.values(parameters).map((p) => {
    const stored: StoredParameter = { key: p.key, value: p.noEcho ? NO_ECHO_MASK : p.value, noEcho: p.noEcho };
    if (p.noEcho) stored.sealed = seal(p.value);
    if (p.resolvedFromStore !== undefined) stored.resolvedValue = p.noEcho ? NO_ECHO_MASK : p.resolvedFromStore;
    return stored;
  });
}

/** The real parameter values (NoEcho unsealed), to evaluate the template again. */
export function parameterValues(stored: StoredParameter[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const p of stored) result[p.key] = p.sealed ? unseal(p.sealed) : p.value;
  return result;
}

/** A masker for a stack's NoEcho parameter values (secure dynamic references add theirs as they resolve). */
export function maskerFor(parameters: Record<string, ResolvedParameter>): SecretMasker {
  const masker = new SecretMasker();
  for (const p of Object.values(parameters)) {
    if (!p.noEcho) continue;
    for (const v of Array.isArray(p.resolved) ? p.resolved : [p.resolved]) masker.add(v);
    masker.add(p.value);
  }
  return masker;
}

/**
 * A masker for work on a stored stack (delete, crash recovery, drift) that has no evaluated
 * template at hand: its NoEcho parameter values and every value its records hold sealed.
 */
export function maskerForRecord(record: { parameters: StoredParameter[]; resources: Record<string, ResourceRecord> }): SecretMasker {
  const masker = new SecretMasker();
  for (const p of record.parameters) if (p.sealed) masker.add(unseal(p.sealed));
  for (const resource of Object.values(record.resources)) {
    if (resource.sealedProperties) addChangedStrings(propertiesOf(resource), resource.properties, masker);
  }
  return masker;
}

/** Adds the strings of `real` that masking changed in `masked` (the secret parts). */
function addChangedStrings(real: unknown, masked: unknown, masker: SecretMasker): void {
  if (typeof real === 'string') {
    if (real !== masked) masker.add(real);
  } else if (real && typeof real === 'object') {
    const other = (masked && typeof masked === 'object' ? masked : {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(real)) addChangedStrings(value, other[key], masker);
  }
}

/** Masks every string inside a value. */
export function maskValue<T>(value: T, masker: SecretMasker): T {
  if (masker.size === 0) return value;
  if (typeof value === 'string') return masker.mask(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, masker)) as T;
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) result[k] = maskValue(v, masker);
    return result as T;
  }
  return value;
}

/** Puts properties on a resource record: masked for display, sealed when masking changed anything. */
export function setProperties(resource: ResourceRecord, properties: Record<string, unknown>, masker: SecretMasker): void {
  const masked = maskValue(properties, masker);
  resource.properties = masked;
  const text = JSON.stringify(properties);
  if (JSON.stringify(masked) !== text) resource.sealedProperties = seal(text);
  else delete resource.sealedProperties;
}

/** A resource's real properties. */
export function propertiesOf(resource: ResourceRecord): Record<string, unknown> {
  return resource.sealedProperties ? (JSON.parse(unseal(resource.sealedProperties)) as Record<string, unknown>) : resource.properties;
}
