import type { StateStore } from '../common/state';
import { providerFor } from './provider';
import { sameValue } from './replacement';
import { propertiesOf } from './secrets';
import { maskValue } from './secrets';
import { SecretMasker } from '../common/params';
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
  for (const resource of Object.values(record.resources)) {
    const base = { logicalId: resource.logicalId, type: resource.type, physicalId: resource.physicalId, differences: [] as ResourceDrift['differences'] };
    const provider = providerFor(resource.type);
    if (!provider?.read || provider.simulated || !resource.physicalId || resource.status.startsWith('DELETE')) {
      resources.push({ ...base, driftStatus: 'NOT_CHECKED' });
      continue;
    }
    const expected = propertiesOf(resource);
    if (resource.sealedProperties) for (const v of Object.values(expected)) if (typeof v === 'string') masker.add(v);
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
      base.differences.push({ property, expected: maskValue(expected[property], masker), actual: maskValue(actual[property], masker), differenceType });
    }
    resources.push({ ...base, driftStatus: base.differences.length ? 'MODIFIED' : 'IN_SYNC' });
  }
  const drifted = resources.some((r) => r.driftStatus === 'MODIFIED' || r.driftStatus === 'DELETED');
  return { stackName: record.name, status: drifted ? 'DRIFTED' : 'IN_SYNC', detectionTime: new Date().toISOString(), resources };
}
