import { createHmac } from 'node:crypto';
import { newId } from '../common/ids';
import { unseal } from '../common/kms';
import type { StateStore } from '../common/state';
import { branchMatches, type RepoMeta, type Trigger, type TriggerEvent } from './model';

export interface Delivery {
  id: string;
  trigger: string;
  event: TriggerEvent;
  url: string;
  time: string;
  attempts: { time: string; status?: number; error?: string }[];
  ok: boolean;
}

/** `sha256=<hex HMAC-SHA256 of the body>`, the value of X-Slipway-Signature-256 (GitHub's scheme). */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function triggerApplies(trigger: Trigger, event: TriggerEvent, branch: string | undefined): boolean {
  if (!trigger.events.includes(event)) return false;
  if (trigger.branches.length === 0 || branch === undefined) return true;
  return trigger.branches.some((pattern) => branchMatches(pattern, branch));
}

export interface DeliveryOptions {
  attempts?: number;
  /** First retry delay; doubles on each retry. */
  backoffMs?: number;
  timeoutMs?: number;
}

/** POSTs one event to one trigger, retrying with exponential back-off on errors and 5xx/429 answers. */
export async function deliver(trigger: Trigger, event: TriggerEvent, payload: Record<string, unknown>, options: DeliveryOptions = {}): Promise<Delivery> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? Number(process.env.SLIPWAY_TRIGGER_BACKOFF_MS ?? 500);
  const delivery: Delivery = { id: newId('dlv-'), trigger: trigger.name, event, url: trigger.url, time: new Date().toISOString(), attempts: [], ok: false };
  const body = JSON.stringify({ ...payload, event, trigger: trigger.name, deliveryId: delivery.id, ...(trigger.customData ? { customData: trigger.customData } : {}) });
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

export function listDeliveries(store: StateStore, name: string): Delivery[] {
  return store.readLines<Delivery>('repos', `${name}.git`, 'slipway-deliveries.jsonl');
}
