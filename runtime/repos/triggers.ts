import { createHmac } from 'node:crypto';
import { LOCAL_ACCOUNT, newId, uuid } from '../common/ids';
import { unseal } from '../common/kms';
import type { StateStore } from '../common/state';
import { partitionOf } from '../template/eval/pseudo';
import { branchOf, type RefUpdate } from './events';
import { branchMatches, LEGACY_TRIGGER_EVENTS, type ReferenceEvent, type RepoMeta, type Trigger, type TriggerEvent } from './model';

export interface Delivery {
  id: string;
  trigger: string;
  /** A Slipway pull request event, or CodeCommit's `ReferenceChanges`. */
  event: string;
  url: string;
  time: string;
  attempts: { time: string; status?: number; error?: string }[];
  ok: boolean;
}

/** `sha256=<hex HMAC-SHA256 of the body>`, the value of X-Slipway-Signature-256 (GitHub's scheme). */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The events a stored trigger listens to, with names earlier versions stored read as CodeCommit's. */
function listensTo(trigger: Trigger, event: TriggerEvent): boolean {
  return trigger.events.some((e) => e === 'all' || e === event || (LEGACY_TRIGGER_EVENTS[e] ?? []).includes(event));
}

export function triggerApplies(trigger: Trigger, event: TriggerEvent, branch: string | undefined): boolean {
  if (!listensTo(trigger, event)) return false;
  if (trigger.branches.length === 0 || branch === undefined) return true;
  return trigger.branches.some((pattern) => branchMatches(pattern, branch));
}

export interface DeliveryOptions {
  attempts?: number;
  /** First retry delay; doubles on each retry. */
  backoffMs?: number;
  timeoutMs?: number;
}

/**
 * POSTs one event to one trigger, retrying with exponential back-off on errors and 5xx/429
 * answers. `exact` sends the payload as it is (CodeCommit's shape); otherwise the event,
 * trigger and delivery id are added to it.
 */
export async function deliver(trigger: Trigger, event: string, payload: Record<string, unknown>, options: DeliveryOptions = {}, exact = false): Promise<Delivery> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? Number(process.env.SLIPWAY_TRIGGER_BACKOFF_MS ?? 500);
  const delivery: Delivery = { id: newId('dlv-'), trigger: trigger.name, event, url: trigger.url, time: new Date().toISOString(), attempts: [], ok: false };
  const body = JSON.stringify(exact ? payload : { ...payload, event, trigger: trigger.name, deliveryId: delivery.id });
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Slipway-Trigger',
    'x-slipway-event': event,
    'x-slipway-delivery': delivery.id,
    'x-slipway-signature-256': signature(unseal(trigger.secret), body),
  };
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoff * 2 ** (attempt - 1)));
    const time = new Date().toISOString();
    try {
      const response = await fetch(trigger.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
      await response.arrayBuffer();
      delivery.attempts.push({ time, status: response.status });
      if (response.ok) {
        delivery.ok = true;
        break;
      }
      if (response.status < 500 && response.status !== 429) break; // the receiver refused it: retrying will not help
    } catch (error) {
      delivery.attempts.push({ time, error: (error as Error).message });
    }
  }
  return delivery;
}

/** Delivers an event to every matching trigger of a repository and records each delivery. */
export async function fireTriggers(store: StateStore, meta: RepoMeta, event: TriggerEvent, branch: string | undefined, payload: Record<string, unknown>, options?: DeliveryOptions): Promise<Delivery[]> {
  const matching = meta.triggers.filter((trigger) => triggerApplies(trigger, event, branch));
  const deliveries = await Promise.all(matching.map((trigger) => deliver(trigger, event, { repository: meta.name, ...payload }, options)));
  for (const delivery of deliveries) store.append(delivery, 'repos', `${meta.name}.git`, 'slipway-deliveries.jsonl');
  return deliveries;
}

const KIND_EVENT: Record<RefUpdate['kind'], ReferenceEvent> = { create: 'createReference', update: 'updateReference', delete: 'deleteReference' };

/**
 * A push's reference changes, delivered to each trigger that listens to them as one
 * CodeCommit trigger event (`Records[0].codecommit.references`, as AWS sends to SNS
 * and Lambda; CodeCommit User Guide, "Example: Create an AWS CodeCommit trigger for
 * an AWS Lambda function"). The HMAC signature header is Slipway's addition.
 */
export async function fireReferenceTriggers(store: StateStore, meta: RepoMeta, user: string, updates: RefUpdate[], options?: DeliveryOptions): Promise<Delivery[]> {
  const region = LOCAL_ACCOUNT.region;
  const partition = partitionOf(region);
  const deliveries = await Promise.all(
    meta.triggers.map((trigger) => {
      const references = updates
        .filter((u) => !u.ref.startsWith('refs/slipway/') && triggerApplies(trigger, KIND_EVENT[u.kind], branchOf(u.ref)))
        .map((u) => ({ commit: u.kind === 'delete' ? u.oldCommit : u.newCommit, ref: u.ref, ...(u.kind === 'create' ? { created: true } : u.kind === 'delete' ? { deleted: true } : {}) }));
      if (references.length === 0) return undefined;
      const record = {
        awsRegion: region,
        codecommit: { references },
        customData: trigger.customData ?? '',
        eventId: uuid(),
        eventName: 'ReferenceChanges',
        eventPartNumber: 1,
        eventSource: 'aws:codecommit',
        eventSourceARN: `arn:${partition}:codecommit:${region}:${LOCAL_ACCOUNT.accountId}:${meta.name}`,
        eventTime: new Date().toISOString().replace('Z', '+0000'),
        eventTotalParts: 1,
        eventTriggerConfigId: trigger.name,
        eventTriggerName: trigger.name,
        eventVersion: '1.0',
        userIdentityARN: `arn:${partition}:iam::${LOCAL_ACCOUNT.accountId}:user/${user}`,
      };
      return deliver(trigger, 'ReferenceChanges', { Records: [record] }, options, true);
    }),
  );
  const made = deliveries.filter((d): d is Delivery => d !== undefined);
  for (const delivery of made) store.append(delivery, 'repos', `${meta.name}.git`, 'slipway-deliveries.jsonl');
  return made;
}

export function listDeliveries(store: StateStore, name: string): Delivery[] {
  return store.readLines<Delivery>('repos', `${name}.git`, 'slipway-deliveries.jsonl');
}
