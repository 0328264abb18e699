import { randomBytes } from 'node:crypto';
import { keyFilePath, seal, unseal, type Sealed } from '../common/kms';
import { InputError } from '../common/errors';
import { NotFoundError } from '../common/errors';
import type { StateStore } from '../common/state';
import { checkUserName } from '../common/users';

/** Access key ids as IAM issues them: `AKIA` and 16 upper-case base32 characters. */
const ACCESS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

interface StoredAccessKey {
  AccessKeyId: string;
  UserName: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  /** The secret access key, sealed with the local KMS key (the signature check needs it in clear). */
  sealed: Sealed;
}

/** IAM's AccessKeyMetadata. */
export interface AccessKeyMetadata {
  UserName: string;
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
}

/** IAM CreateAccessKey's response: the only time the secret is shown. */
export interface CreatedAccessKey {
  AccessKey: AccessKeyMetadata & { SecretAccessKey: string };
}

export function isAccessKeyId(id: string): boolean {
  return ACCESS_KEY_ID.test(id);
}

function newAccessKeyId(): string {
  const bytes = randomBytes(16);
  return 'AKIA' + Array.from(bytes, (b) => BASE32[b % 32]).join('');
}

function readKey(store: StateStore, id: string): StoredAccessKey | undefined {
  if (!isAccessKeyId(id)) return undefined;
  return store.read<StoredAccessKey>('access-keys', `${id}.json`);
}

function metadata(key: StoredAccessKey): AccessKeyMetadata {
  return { UserName: key.UserName, AccessKeyId: key.AccessKeyId, Status: key.Status, CreateDate: key.CreateDate };
}

/** A new SigV4 access key for a Slipway user (`slipway user access-key create`). */
export function createAccessKey(store: StateStore, userName: string): CreatedAccessKey {
  checkUserName(userName);
  const AccessKeyId = newAccessKeyId();
  const SecretAccessKey = randomBytes(30).toString('base64');
  const key: StoredAccessKey = { AccessKeyId, UserName: userName, Status: 'Active', CreateDate: new Date().toISOString(), sealed: seal(SecretAccessKey) };
  store.ensure('access-keys');
  store.write(key, 'access-keys', `${AccessKeyId}.json`);
  store.activity({ service: 'iam', action: 'CreateAccessKey', user: userName, accessKeyId: AccessKeyId, result: 'allowed' });
  return { AccessKey: { ...metadata(key), SecretAccessKey } };
}

export function listAccessKeys(store: StateStore, userName?: string): AccessKeyMetadata[] {
  return store
    .list('access-keys')
    .filter((f) => f.endsWith('.json'))
    .map((f) => readKey(store, f.slice(0, -5)))
    .filter((k): k is StoredAccessKey => !!k && (userName === undefined || k.UserName === userName))
    .map(metadata);
}

export function deleteAccessKey(store: StateStore, userName: string, id: string): void {
  if (!isAccessKeyId(id)) throw new InputError(`"${id}" is not an access key id (AKIA followed by 16 characters)`);
  const key = readKey(store, id);
  if (!key || key.UserName !== userName) throw new NotFoundError(`The Access Key with id ${id} cannot be found for user ${userName}`);
  store.remove('access-keys', `${id}.json`);
  store.activity({ service: 'iam', action: 'DeleteAccessKey', user: userName, accessKeyId: id, result: 'allowed' });
}

/**
 * Clear secrets by their sealed form (and the KMS key file that opened them): every signed
 * request needs its key's secret, and unsealing costs a decipher (~30 µs) where the lookup
 * costs nothing. A changed, rotated or deleted key is a different or missing record, read
 * on every request, so nothing here outlives it. Bounded: a few keys sign all the requests.
 */
const unsealed = new Map<string, string>();
const UNSEALED_KEPT = 64;

function secretOf(sealed: Sealed): string {
  const id = `${keyFilePath()}\0${sealed.iv}\0${sealed.tag}\0${sealed.data}`;
  let secret = unsealed.get(id);
  if (secret === undefined) {
    secret = unseal(sealed);
    if (unsealed.size >= UNSEALED_KEPT) unsealed.delete(unsealed.keys().next().value!);
    unsealed.set(id, secret);
  }
  return secret;
}

/** The user and clear secret of an active key, for signature checks; undefined for unknown or inactive keys. */
export function signingSecret(store: StateStore, id: string): { user: string; secret: string } | undefined {
  const key = readKey(store, id);
  if (!key || key.Status !== 'Active') return undefined;
  return { user: key.UserName, secret: secretOf(key.sealed) };
}
