import * as fs from 'node:fs';
import { checkName, isValidName, nameProblem } from '../common/names';
import type { StateStore } from '../common/state';
import { appendLater, flushAppends } from './appender';
import { outputsOf } from './secrets';
import type { ChangeSetRecord, StackEvent, StackRecord } from './types';

let eventSequence = 0;

/** CloudFormation keeps a deleted stack's record and events for 90 days (ListStacks, DescribeStacks by stack id). */
const DELETED_KEPT_MS = 90 * 24 * 60 * 60 * 1000;

/** The unique part of a stack id (`arn:…:stack/NAME/<uuid>`): the deleted stack's folder name. */
function deletedKey(stackId: string): string | undefined {
  const match = /^arn:aws[a-z-]*:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\/([0-9a-f-]{8,64})$/.exec(stackId);
  return match && isValidName('stack', match[1]) ? match[2] : undefined;
}

/** Why a stack name is refused (for input boxes), or undefined. */
export function stackNameProblem(name: string): string | undefined {
  return nameProblem('stack', name);
}

/** One export: the stack that exports it and its value. */
export interface StackExport {
  stack: string;
  stackId: string;
  /** The value holds a secret (sealed in the exporting stack's record). */
  secret: boolean;
  value(): unknown;
}

/**
 * Stacks in the state home: `stacks/NAME/stack.json` (atomic), `events.jsonl`
 * (append-only) and `changesets/NAME.json`. One lock per stack serialises writers.
 * A deleted stack's folder moves to `deleted-stacks/<id>/`, readable by its stack id.
 */
export class StackStore {
  constructor(readonly state: StateStore) {}

  lockName(stack: string): string {
    return `stack-${stack}`;
  }

  names(): string[] {
    return this.state.list('stacks').filter((name) => isValidName('stack', name) && this.read(name) !== undefined);
  }

  read(name: string): StackRecord | undefined {
    return this.state.read<StackRecord>('stacks', checkName('stack', name), 'stack.json');
  }

  byId(stackId: string): StackRecord | undefined {
    return this.names().map((name) => this.read(name)!).find((record) => record.stackId === stackId);
  }

  /** The nested stacks whose parent is `stackId`. */
  children(stackId: string): StackRecord[] {
    return this.names().map((name) => this.read(name)!).filter((record) => record.parentId === stackId);
  }

  /**
   * The values that name live resources of a type in the local account: their Ref, physical id
   * and the named identifier (attribute or property), for AWS-specific parameter types.
   */
  identifiers(resourceType: string, identifier: string): Set<string> {
    const values = new Set<string>();
    for (const name of this.names()) {
      for (const resource of Object.values(this.read(name)?.resources ?? {})) {
        if (resource.type !== resourceType || !/_COMPLETE$/.test(resource.status) || resource.status === 'DELETE_COMPLETE') continue;
        for (const value of [resource.ref, resource.physicalId, resource.attributes?.[identifier], resource.properties?.[identifier]]) {
          if (typeof value === 'string' && value) values.add(value);
        }
      }
    }
    return values;
  }

  write(record: StackRecord): void {
    this.state.write(record, 'stacks', checkName('stack', record.name), 'stack.json');
  }

  remove(name: string): void {
    flushAppends();
    this.state.remove('stacks', checkName('stack', name));
  }

  /**
   * Ends a stack as DELETE_COMPLETE: its folder (record, events, change sets) moves, in one
   * rename, under `deleted-stacks/`, where DescribeStacks and DescribeStackEvents find it by
   * stack id; its name is free at once. Deleted stacks older than 90 days are dropped.
   */
  archive(record: StackRecord): void {
    flushAppends();
    const key = deletedKey(record.stackId);
    if (!key) return this.remove(record.name);
    this.state.ensure('deleted-stacks');
    const target = this.state.contained('deleted-stacks', key);
    this.state.remove('deleted-stacks', key);
    fs.renameSync(this.state.contained('stacks', checkName('stack', record.name)), target);
    this.state.write({ ...record, status: 'DELETE_COMPLETE', deletionTime: new Date().toISOString() } satisfies StackRecord, 'deleted-stacks', key, 'stack.json');
    this.pruneDeleted();
  }

  /** The deleted stack with this stack id, or undefined. */
  deleted(stackId: string): StackRecord | undefined {
    const key = deletedKey(stackId);
    const record = key ? this.state.read<StackRecord>('deleted-stacks', key, 'stack.json') : undefined;
    return record?.stackId === stackId ? record : undefined;
  }

  deletedStacks(): StackRecord[] {
    return this.state
      .list('deleted-stacks')
      .map((key) => (/^[0-9a-f-]{8,64}$/.test(key) ? this.state.read<StackRecord>('deleted-stacks', key, 'stack.json') : undefined))
      .filter((record): record is StackRecord => !!record && deletedKey(record.stackId) !== undefined);
  }

  /**
   * What ListStacks returns: the live stacks and those deleted in the last 90 days, only those
   * whose status is in `statuses` when it is given (its StackStatusFilter).
   */
  listed(statuses: ReadonlySet<string> = new Set()): StackRecord[] {
    const records = [...this.names().map((name) => this.read(name)!), ...this.deletedStacks()];
    return records.filter((record) => statuses.size === 0 || statuses.has(record.status));
  }

  deletedEvents(stackId: string): StackEvent[] {
    const key = this.deleted(stackId) ? deletedKey(stackId) : undefined;
    return key ? this.state.readLines<StackEvent>('deleted-stacks', key, 'events.jsonl') : [];
  }

  /** A live stack by name or stack id, else a deleted one by stack id (what CloudFormation's StackName accepts). */
  find(nameOrId: string): StackRecord | undefined {
    const key = deletedKey(nameOrId);
    // A bad name is refused as such; a stack id that is not one of ours names nothing.
    if (!key) return nameOrId.startsWith('arn:') ? undefined : this.read(nameOrId);
    const name = /:stack\/([^/]+)\//.exec(nameOrId)![1];
    const live = this.read(name);
    return live?.stackId === nameOrId ? live : this.deleted(nameOrId);
  }

  /** The events of what `find` returns. */
  eventsOf(record: StackRecord): StackEvent[] {
    return record.status === 'DELETE_COMPLETE' && record.deletionTime ? this.deletedEvents(record.stackId) : this.events(record.name);
  }

  private pruneDeleted(): void {
    const cutoff = Date.now() - DELETED_KEPT_MS;
    for (const record of this.deletedStacks()) {
      if (record.deletionTime && Date.parse(record.deletionTime) < cutoff) this.state.remove('deleted-stacks', deletedKey(record.stackId)!);
    }
  }

  appendEvent(event: Omit<StackEvent, 'eventId' | 'time'>): StackEvent {
    const now = Date.now();
    const full: StackEvent = { eventId: `${now.toString(36)}-${process.pid.toString(36)}-${(++eventSequence).toString(36)}`, time: new Date(now).toISOString(), ...event };
    appendLater(this.state.contained('stacks', checkName('stack', event.stackName), 'events.jsonl'), full);
    return full;
  }

  events(name: string): StackEvent[] {
    flushAppends();
    return this.state.readLines<StackEvent>('stacks', checkName('stack', name), 'events.jsonl');
  }

  readChangeSet(stack: string, name: string): ChangeSetRecord | undefined {
    return this.state.read<ChangeSetRecord>('stacks', checkName('stack', stack), 'changesets', `${checkName('change set', name)}.json`);
  }

  writeChangeSet(record: ChangeSetRecord): void {
    this.state.write(record, 'stacks', checkName('stack', record.stackName), 'changesets', `${checkName('change set', record.name)}.json`);
  }

  removeChangeSet(stack: string, name: string): void {
    this.state.remove('stacks', checkName('stack', stack), 'changesets', `${checkName('change set', name)}.json`);
  }

  changeSets(stack: string): ChangeSetRecord[] {
    return this.state
      .list('stacks', checkName('stack', stack), 'changesets')
      .filter((f) => f.endsWith('.json') && isValidName('change set', f.slice(0, -5)))
      .map((f) => this.readChangeSet(stack, f.slice(0, -5)))
      .filter((c): c is ChangeSetRecord => !!c);
  }

  /**
   * Every export of every stack: name → exporting stack, whether its value holds a secret, and
   * the value (unsealed when asked, so one damaged record fails only what imports from it).
   */
  exports(): Map<string, StackExport> {
    const result = new Map<string, StackExport>();
    for (const name of this.names()) {
      const record = this.read(name)!;
      if (record.status === 'REVIEW_IN_PROGRESS') continue;
      for (const output of record.outputs) {
        if (output.exportName) result.set(output.exportName, { stack: name, stackId: record.stackId, secret: !!output.sealedValue, value: () => outputsOf({ name, outputs: [output] })[0].value });
      }
    }
    return result;
  }

  /** Stacks importing an export name. */
  importers(exportName: string, except?: string): string[] {
    return this.names().filter((name) => name !== except && (this.read(name)?.imports ?? []).includes(exportName));
  }
}
