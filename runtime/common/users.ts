// Users and their access tokens: the identity every front end authenticates (git over HTTP,
// builds' credential helper, the API endpoint's keys). Repository grants and SSH keys build on it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { checkName } from './names';
import { NotFoundError } from './errors';
import type { StateStore } from './state';

/** A Slipway user (the local account's IAM-like principal) of the HTTP, SSH and AWS API front ends: tokens kept only as SHA-256 hashes, public keys as given. */
export interface UserRecord {
  name: string;
  createdAt: string;
  tokens: { id: string; sha256: string; createdAt: string; description: string; expiresAt?: string }[];
  keys: { fingerprint: string; type: string; key: string; comment: string; addedAt: string }[];
}

export function checkUserName(name: string | undefined): string {
  return checkName('user', name);
}

export function readUser(store: StateStore, name: string): UserRecord | undefined {
  return store.read<UserRecord>('users', `${checkUserName(name)}.json`);
}

export function updateUser(store: StateStore, name: string, change: (user: UserRecord) => void): UserRecord {
  checkUserName(name);
  return store.withLockSync(`user-${name}`, () => {
    const user = readUser(store, name) ?? { name, createdAt: new Date().toISOString(), tokens: [], keys: [] };
    change(user);
    store.write(user, 'users', `${name}.json`);
    return user;
  });
}

export function listUsers(store: StateStore): UserRecord[] {
  return store
    .list('users')
    .filter((f) => f.endsWith('.json'))
    .map((f) => store.read<UserRecord>('users', f)!)
    .filter(Boolean);
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new access token for a user; the clear token is returned once and never stored. */
export function createToken(store: StateStore, name: string, description = '', expiresAt?: Date): { id: string; token: string } {
  const id = randomBytes(4).toString('hex');
  const token = `slw_${id}_${randomBytes(24).toString('base64url')}`;
  updateUser(store, name, (user) => {
    // Expired tokens (a build's, left by a build that was killed) are dropped whenever the user changes.
    user.tokens = user.tokens.filter((t) => !expired(t));
    user.tokens.push({ id, sha256: hash(token), createdAt: new Date().toISOString(), description, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) });
  });
  store.activity({ service: 'repo', action: 'CreateAccessToken', user: name, tokenId: id, result: 'allowed' });
  return { id, token };
}

export function revokeToken(store: StateStore, name: string, id: string): void {
  updateUser(store, name, (user) => {
    if (!user.tokens.some((t) => t.id === id)) throw new NotFoundError(`${name} has no token ${id}`);
    user.tokens = user.tokens.filter((t) => t.id !== id);
  });
}

/** The user a (user, token) pair authenticates, or undefined. */
export function authenticate(store: StateStore, name: string, token: string): string | undefined {
  let user: UserRecord | undefined;
  try {
    user = readUser(store, name);
  } catch {
    return undefined;
  }
  const given = Buffer.from(hash(token), 'hex');
  return user?.tokens.some((t) => !expired(t) && timingSafeEqual(Buffer.from(t.sha256, 'hex'), given)) ? user.name : undefined;
}

function expired(token: UserRecord['tokens'][number]): boolean {
  return token.expiresAt !== undefined && !(Date.parse(token.expiresAt) > Date.now());
}

