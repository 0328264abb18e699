import { seal, unseal, type Sealed } from '../common/kms';
import { SecretMasker } from '../common/params';
import { NO_ECHO_MASK, type OutputValue, type ResolvedParameter } from '../template/eval';
import type { ResourceRecord, StoredOutput, StoredParameter } from './types';

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
  for (const p of stored) result[p.key] = p.sealed ? unseal(p.sealed, `parameter ${p.key}`) : p.value;
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
  for (const p of record.parameters) if (p.sealed) readable(() => masker.add(unseal(p.sealed!, `parameter ${p.key}`)));
  addRecordedSecrets(masker, record.resources);
  return masker;
}

/**
 * Adds the secrets the resources' sealed properties and attributes hold (what masking hid). A
 * sealed value that cannot be decrypted (a damaged record) holds nothing to mask, so it never
 * stops a deletion or a crash recovery; what needs its value fails where it reads it.
 */
export function addRecordedSecrets(masker: SecretMasker, resources: Record<string, ResourceRecord>): SecretMasker {
  for (const resource of Object.values(resources)) {
    if (resource.sealedProperties) readable(() => secretStrings(propertiesOf(resource), resource.properties).forEach((secret) => masker.add(secret)));
    if (resource.sealedAttributes) readable(() => secretStrings(attributesOf(resource), resource.attributes).forEach((secret) => masker.add(secret)));
  }
  return masker;
}

function readable(read: () => void): void {
  try {
    read();
  } catch {
    // damaged: nothing readable to mask
  }
}

/** The strings of `real` that masking changed in `masked` (the secret parts). */
export function secretStrings(real: unknown, masked: unknown, found: string[] = []): string[] {
  if (typeof real === 'string') {
    if (real !== masked) found.push(real);
  } else if (real && typeof real === 'object') {
    const other = (masked && typeof masked === 'object' ? masked : {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(real)) secretStrings(value, other[key], found);
  }
  return found;
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

/** A value as stored: masked, and the real one sealed when masking changed anything. */
function sealedIfMasked<T>(value: T, masker: SecretMasker): { masked: T; sealed?: Sealed } {
  const masked = maskValue(value, masker);
  const text = JSON.stringify(value);
  return JSON.stringify(masked) === text ? { masked } : { masked, sealed: seal(text) };
}

/** The real value beside a masked one; a damaged sealed value is one clear error naming it. */
function unsealedJson<T>(sealed: Sealed, what: string): T {
  const text = unseal(sealed, what);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`cannot decrypt ${what}: its sealed value is not the JSON Slipway sealed`);
  }
}

/** Puts properties on a resource record: masked for display, sealed when masking changed anything. */
export function setProperties(resource: ResourceRecord, properties: Record<string, unknown>, masker: SecretMasker): void {
  const { masked, sealed } = sealedIfMasked(properties, masker);
  resource.properties = masked;
  if (sealed) resource.sealedProperties = sealed;
  else delete resource.sealedProperties;
}

/** A resource's real properties. */
export function propertiesOf(resource: ResourceRecord): Record<string, unknown> {
  return resource.sealedProperties ? unsealedJson(resource.sealedProperties, `the properties of resource ${resource.logicalId}`) : resource.properties;
}

/** Puts a provider's attributes on a resource record, masked and sealed like properties. */
export function setAttributes(resource: ResourceRecord, attributes: Record<string, unknown>, masker: SecretMasker): void {
  const { masked, sealed } = sealedIfMasked(attributes, masker);
  resource.attributes = masked;
  if (sealed) resource.sealedAttributes = sealed;
  else delete resource.sealedAttributes;
}

/** A resource's real attributes (what Fn::GetAtt reads). */
export function attributesOf(resource: ResourceRecord): Record<string, unknown> {
  return resource.sealedAttributes ? unsealedJson(resource.sealedAttributes, `the attributes of resource ${resource.logicalId}`) : resource.attributes;
}

/** Outputs as stored: masked where they hold a secret, the real value sealed beside. */
export function storeOutputs(outputs: OutputValue[], masker: SecretMasker): StoredOutput[] {
  return outputs.map((output) => {
    const { masked, sealed } = sealedIfMasked(output.value, masker);
    return sealed ? { ...output, value: masked, sealedValue: sealed } : output;
  });
}

/**
 * A stack's outputs with their real values: CloudFormation shows outputs in clear, even one
 * that references a NoEcho parameter (User Guide, "Parameters template section syntax":
 * NoEcho "does not mask any information you include in the Outputs section"). Every reader
 * of a stack's outputs (describe, exports, nested stacks, pipelines) goes through this.
 */
export function outputsOf(record: { name: string; outputs: StoredOutput[] }): OutputValue[] {
  return record.outputs.map(({ sealedValue, ...output }) => (sealedValue ? { ...output, value: unsealedJson(sealedValue, `output ${output.key} of stack ${record.name}`) } : output));
}
