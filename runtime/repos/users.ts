import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { InputError, NotFoundError } from '../common/errors';
import type { StateStore } from '../common/state';
import { writeFileAtomic } from '../common/atomic';
import { cliInvocation } from '../common/cli-invocation';
import { listUsers, updateUser, type UserRecord } from '../common/users';
import { shellQuote } from './hooks';
import { levelAllows, type Level, type RepoMeta } from './model';

/** A user's level on a repository over HTTP/SSH: their grant; `read` for anonymous when the server allows it. */
export function permission(meta: RepoMeta, user: string | undefined, anonymousRead = false): Level | undefined {
  if (user === undefined) return anonymousRead ? 'read' : undefined;
  // Own keys only: a user named `constructor` or `toString` must not find Object.prototype's members.
  const grant = (name: string) => (Object.hasOwn(meta.grants, name) ? meta.grants[name] : undefined);
  return grant(user) ?? grant('*');
}

export function allowed(meta: RepoMeta, user: string | undefined, needed: Level, anonymousRead = false): boolean {
  return levelAllows(permission(meta, user, anonymousRead), needed);
}

const KEY_TYPES = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;

/** Parses one OpenSSH public key line ("type base64 [comment]"). */
export function parsePublicKey(text: string, file: string): { type: string; key: string; comment: string; fingerprint: string } {
  const line = text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#'));
  const [type, key, ...comment] = (line ?? '').trim().split(/\s+/);
  if (!type || !KEY_TYPES.test(type) || !key || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)) throw new InputError('not an OpenSSH public key (expected "ssh-ed25519 AAAA… comment")', file, 1);
  const fingerprint = `SHA256:${createHash('sha256').update(Buffer.from(key, 'base64')).digest('base64').replace(/=+$/, '')}`;
  return { type, key, comment: comment.join(' '), fingerprint };
}

export function addKey(store: StateStore, name: string, file: string): UserRecord['keys'][number] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError('no such file', file);
  }
  const parsed = parsePublicKey(text, file);
  for (const other of listUsers(store)) {
    if (other.name !== name && other.keys.some((k) => k.fingerprint === parsed.fingerprint)) throw new InputError(`this key already belongs to ${other.name}`, file);
  }
  const entry = { ...parsed, addedAt: new Date().toISOString() };
  updateUser(store, name, (user) => {
    user.keys = [...user.keys.filter((k) => k.fingerprint !== parsed.fingerprint), entry];
  });
  writeAuthorizedKeys(store);
  store.activity({ service: 'repo', action: 'UploadSSHPublicKey', user: name, fingerprint: parsed.fingerprint, result: 'allowed' });
  return entry;
}

export function removeKey(store: StateStore, name: string, fingerprint: string): void {
  updateUser(store, name, (user) => {
    if (!user.keys.some((k) => k.fingerprint === fingerprint)) throw new NotFoundError(`${name} has no key ${fingerprint}`);
    user.keys = user.keys.filter((k) => k.fingerprint !== fingerprint);
  });
  writeAuthorizedKeys(store);
}

export function authorizedKeysPath(store: StateStore): string {
  return store.path('ssh', 'authorized_keys');
}

/**
 * The authorized_keys file for sshd (gitolite's scheme): each key may only run
 * `slipway git-serve USER`, which checks the user's permissions before git runs.
 */
export function writeAuthorizedKeys(store: StateStore): string {
  const cli = cliInvocation().map(shellQuote).join(' ');
  const lines = ['# Written by Slipway (slipway user key add); edits are overwritten.'];
  for (const user of listUsers(store)) {
    for (const key of user.keys) {
      const command = `env SLIPWAY_HOME=${shellQuote(store.home)} ${cli} git-serve ${shellQuote(user.name)}`.replace(/"/g, '\\"');
      lines.push(`command="${command}",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty ${key.type} ${key.key} ${key.comment}`.trimEnd());
    }
  }
  const file = authorizedKeysPath(store);
  store.ensure('ssh');
  writeFileAtomic(file, lines.join('\n') + '\n', 0o600);
  return file;
}
