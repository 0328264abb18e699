import type { RecordedGroup } from '../common/process';
import type { StateStore } from '../common/state';
import { registerLocalResourceType, type LocalResourceSchema } from '../template/spec';

/** What a provider gets for one resource operation. */
export interface ProviderContext {
  store: StateStore;
  stackName: string;
  stackId: string;
  logicalId: string;
  resourceType: string;
  region: string;
  accountId: string;
  /** Folder of the template (relative paths in properties resolve against it). */
  templateDir: string;
  /** Progress lines that end up in the stack's events/log. */
  log(message: string): void;
  /** Records the process group the provider started (undefined once it ended), so crash recovery can end it. */
  onProcess?(group: RecordedGroup | undefined): void;
  signal?: AbortSignal;
  /** Whether a value holds a secret the stack masks (a NoEcho parameter's value, a secure reference's). */
  holdsSecret?(value: string): boolean;
}

export interface ProviderResult {
  physicalId: string;
  /** Values for Fn::GetAtt (and Ref, when `ref` differs from the physical id). */
  attributes: Record<string, unknown>;
  /** What `Ref` returns, when it is not the physical id (e.g. an SSM parameter's name). */
  ref?: string;
  /** Attribute values the provider knows to be secret (a nested stack's outputs that hold one): masked and sealed in the record. */
  secrets?: string[];
}

/**
 * One resource type's create/read/update/delete. Real local providers act on the
 * machine (files, commands, repositories, build projects); everything else is
 * simulated from the specification. A thrown Error fails the resource with its
 * message as the event's reason.
 */
export interface ResourceProvider {
  /** Exact type ("Slipway::Local::File") or a prefix pattern ending in "*" ("Custom::*"). */
  type: string;
  /** True for simulated types: shown as such in every view. */
  simulated?: boolean;
  /** For a type outside the AWS specification: its properties and attributes, so the editor checks and completes them. */
  schema?: LocalResourceSchema;
  /** Whether changing this property replaces the resource (beyond the specification's rules). */
  replacesOn?(property: string, oldProperties: Record<string, unknown>, newProperties: Record<string, unknown>): boolean | 'Conditional';
  create(properties: Record<string, unknown>, ctx: ProviderContext): Promise<ProviderResult>;
  update(physicalId: string, properties: Record<string, unknown>, oldProperties: Record<string, unknown>, ctx: ProviderContext): Promise<ProviderResult>;
  delete(physicalId: string, properties: Record<string, unknown>, ctx: ProviderContext): Promise<void>;
  /** Current state for drift detection; `undefined` when the resource no longer exists. */
  read?(physicalId: string, properties: Record<string, unknown>, ctx: ProviderContext): Promise<Record<string, unknown> | undefined>;
  /** Local copy kept for DeletionPolicy: Snapshot. */
  snapshot?(physicalId: string, properties: Record<string, unknown>, ctx: ProviderContext): Promise<string>;
}

const providers: ResourceProvider[] = [];

/** Engines register their resource types here (runtime/plugins.ts imports each one). */
export function registerProvider(provider: ResourceProvider): void {
  providers.push(provider);
  if (provider.schema) registerLocalResourceType(provider.type, provider.schema);
}

/** The provider for a type: an exact match first, then the longest matching prefix pattern. */
export function providerFor(type: string): ResourceProvider | undefined {
  const exact = providers.find((p) => p.type === type);
  if (exact) return exact;
  return providers
    .filter((p) => p.type.endsWith('*') && type.startsWith(p.type.slice(0, -1)))
    .sort((a, b) => b.type.length - a.type.length)[0];
}
