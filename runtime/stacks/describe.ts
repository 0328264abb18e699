import { outputsOf } from './secrets';
import type { StackRecord } from './types';

/** The stack description the CLI prints and the views show. */
export interface StackDescription {
  name: string;
  stackId: string;
  status: string;
  statusReason?: string;
  description?: string;
  creationTime: string;
  lastUpdatedTime?: string;
  terminationProtection: boolean;
  parentId?: string;
  parameters: Record<string, string>;
  outputs: Record<string, unknown>;
  exports: Record<string, unknown>;
  resources: Array<{ logicalId: string; type: string; physicalId?: string; status: string; statusReason?: string; simulated: boolean }>;
}

export function describeStack(record: StackRecord): StackDescription {
  const parameters: Record<string, string> = {};
  for (const p of record.parameters) parameters[p.key] = p.value;
  const outputs: Record<string, unknown> = {};
  const exports: Record<string, unknown> = {};
  for (const o of outputsOf(record)) {
    outputs[o.key] = o.value;
    if (o.exportName) exports[o.exportName] = o.value;
  }
  return {
    name: record.name,
    stackId: record.stackId,
    status: record.status,
    statusReason: record.statusReason,
    description: record.description,
    creationTime: record.creationTime,
    lastUpdatedTime: record.lastUpdatedTime,
    terminationProtection: record.terminationProtection,
    parentId: record.parentId,
    parameters,
    outputs,
    exports,
    resources: Object.values(record.resources).map((r) => ({
      logicalId: r.logicalId,
      type: r.type,
      physicalId: r.physicalId,
      status: r.status,
      statusReason: r.statusReason,
      simulated: r.simulated,
    })),
  };
}
