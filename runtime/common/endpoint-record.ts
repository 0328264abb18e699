import type * as http from 'node:http';
import * as os from 'node:os';
import { currentProcess, isAlive, type ProcessIdentity } from './process-alive';
import type { StateStore } from './state';

/**
 * Where the state home's AWS endpoint (`slipway serve`, or the extension's) listens, so that
 * work running beside it (a build's git-credential-helper) can reach the hosted repositories
 * over git's smart HTTP. Written when the server listens, removed when it closes; a record
 * whose process died is ignored.
 */
export interface EndpointRecord {
  url: string;
  owner: ProcessIdentity;
  startedAt: string;
}

const FILE = 'endpoint.json';

function urlOf(server: http.Server): string | undefined {
  const address = server.address();
  if (!address || typeof address !== 'object') return undefined;
  // A server on every interface is reached locally over loopback.
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Records the server's URL once it listens and removes the record (only its own) once it closes. */
export function recordEndpoint(store: StateStore, server: http.Server): void {
  let mine: EndpointRecord | undefined;
  server.on('listening', () => {
    const url = urlOf(server);
    if (!url) return;
    mine = { url, owner: currentProcess(), startedAt: new Date().toISOString() };
    store.write(mine, FILE);
  });
  server.on('close', () => {
    const current = liveEndpoint(store);
    if (mine && current?.url === mine.url && current.owner.pid === mine.owner.pid) store.remove(FILE);
  });
}

/** The endpoint serving this state home now, or undefined (none recorded, or its process is gone). */
export function liveEndpoint(store: StateStore): EndpointRecord | undefined {
  let record: EndpointRecord | undefined;
  try {
    record = store.read<EndpointRecord>(FILE);
  } catch {
    return undefined;
  }
  if (!record || typeof record.url !== 'string' || typeof record.owner?.pid !== 'number' || record.owner.host !== os.hostname()) return undefined;
  // The state home may come from a repository: only an address of this machine is believed (a build sends its git credential there).
  const host = /^http:\/\/(\[[0-9a-f:]+\]|[0-9.]+):\d{1,5}$/.exec(record.url)?.[1]?.replace(/^\[|\]$/g, '');
  if (!host || !localAddresses().has(host)) return undefined;
  return isAlive(record.owner) ? record : undefined;
}

function localAddresses(): Set<string> {
  const addresses = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(os.networkInterfaces())) for (const entry of list ?? []) addresses.add(entry.address);
  return addresses;
}
