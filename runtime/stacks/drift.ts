import type { StateStore } from '../common/state';
import { providerFor } from './provider';
import { sameValue } from './replacement';
import { createHash } from 'node:crypto';
import { maskValue, parameterValues, propertiesOf } from './secrets';
import { ParameterStore, SecretMasker } from '../common/params';
import { resolveDynamicReferences } from '../template/eval/dynamic-references';
import type { StackRecord } from './types';

export type ResourceDriftStatus = 'IN_SYNC' | 'MODIFIED' | 'DELETED' | 'NOT_CHECKED';

export interface ResourceDrift {
  logicalId: string;
  type: string;
  physicalId?: string;
  driftStatus: ResourceDriftStatus;
  differences: Array<{ property: string; expected: unknown; actual: unknown; differenceType: 'ADD' | 'REMOVE' | 'NOT_EQUAL' }>;
}

export interface StackDrift {
  stackName: string;
  status: 'IN_SYNC' | 'DRIFTED';
  detectionTime: string;
  resources: ResourceDrift[];
}

/**
 * Compares each resource's recorded properties with what its provider reads back
 * (real local resources only; simulated ones are NOT_CHECKED, as unsupported types
 * are in AWS).
 */
export async function detectDrift(record: StackRecord, state: StateStore, templateDir: string, region: string, accountId: string): Promise<StackDrift> {
  const resources: ResourceDrift[] = [];
  const masker = new SecretMasker();
  const params = new ParameterStore(state);
  for (const p of record.parameters) if (p.noEcho) masker.add(parameterValues([p])[p.key]);
  for (const resource of Object.values(record.resources)) {
    const base = { logicalId: resource.logicalId, type: resource.type, physicalId: resource.physicalId, differences: [] as ResourceDrift['differences'] };
    const provider = providerFor(resource.type);
    if (!provider?.read || provider.simulated || !resource.physicalId || resource.status.startsWith('DELETE')) {
      resources.push({ ...base, driftStatus: 'NOT_CHECKED' });
      continue;
    }
    const recorded = propertiesOf(resource);
    if (resource.sealedProperties) addStrings(recorded, masker);
    // What the provider was given: dynamic references resolved (their secure values join the masker).
    const expected = resolvedOrAsIs(recorded, params, masker);
    const actual = await provider.read(resource.physicalId, expected, {
      store: state,
      stackName: record.name,
      stackId: record.stackId,
      logicalId: resource.logicalId,
      resourceType: resource.type,
      region,
      accountId,
      templateDir,
      log: () => {},
    });
    if (!actual) {
      resources.push({ ...base, driftStatus: 'DELETED' });
      continue;
    }
    for (const property of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (sameValue(expected[property], actual[property])) continue;
      const differenceType = !(property in expected) ? 'ADD' : !(property in actual) ? 'REMOVE' : 'NOT_EQUAL';
      base.differences.push({ property, ...shown(expected[property], actual[property], masker), differenceType });
    }
    resources.push({ ...base, driftStatus: base.differences.length ? 'MODIFIED' : 'IN_SYNC' });
  }
  const drifted = resources.some((r) => r.driftStatus === 'MODIFIED' || r.driftStatus === 'DELETED');
  return { stackName: record.name, status: drifted ? 'DRIFTED' : 'IN_SYNC', detectionTime: new Date().toISOString(), resources };
}

function addStrings(value: unknown, masker: SecretMasker): void {
  if (typeof value === 'string') masker.add(value);
  else if (Array.isArray(value)) for (const item of value) addStrings(item, masker);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) addStrings(item, masker);
}

function resolvedOrAsIs(properties: Record<string, unknown>, params: ParameterStore, masker: SecretMasker): Record<string, unknown> {
  try {
    return resolveDynamicReferences(properties, params, masker) as Record<string, unknown>;
  } catch {
    return properties; // a reference that no longer resolves: compared as written
  }
}

const digest = (value: unknown): string => `sha256:${createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex')}`;

/**
 * A difference as reported: a value that holds a secret (NoEcho, a secure reference) is
 * compared and shown by digest only, so drift tells that it changed without printing it.
 */
function shown(expected: unknown, actual: unknown, masker: SecretMasker): { expected: unknown; actual: unknown } {
  const secret = (value: unknown) => value !== undefined && JSON.stringify(maskValue(value, masker)) !== JSON.stringify(value);
  if (secret(expected) || secret(actual)) {
    return { expected: expected === undefined ? undefined : digest(expected), actual: actual === undefined ? undefined : digest(actual) };
  }
  return { expected: maskValue(expected, masker), actual: maskValue(actual, masker) };
}
