import { randomBytes, randomUUID } from 'node:crypto';

/** Short sortable ids: time first so listings sort by creation. */
export function newId(prefix = ''): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}${time}-${randomBytes(4).toString('hex')}`;
}

export function uuid(): string {
  return randomUUID();
}

/** The local account's pseudo values, shared by the stack engine and builds. */
export const LOCAL_ACCOUNT = {
  region: process.env.SLIPWAY_REGION || 'us-east-1',
  accountId: process.env.SLIPWAY_ACCOUNT_ID || '000000000000',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};
