import { createHash } from 'node:crypto';
import type { CallContext } from './types';

/** The ARN of a Slipway user in the local account, as IAM writes a user's ARN. */
export function userArn(ctx: Pick<CallContext, 'accountId' | 'user'>): string {
  return `arn:aws:iam::${ctx.accountId}:user/${ctx.user}`;
}

/** A stable IAM-style unique id (`AIDA…`) for a user name. */
export function userId(user: string): string {
  const digest = createHash('sha256').update(`user:${user}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return 'AIDA' + Array.from(digest.subarray(0, 17), (b) => alphabet[b % 32]).join('');
}
