import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic';

/** Ciphertext as stored: AES-256-GCM with a random IV. */
export interface Sealed {
  alg: 'AES-256-GCM';
  iv: string;
  tag: string;
  data: string;
}

/**
 * Slipway's local KMS: one 256-bit key kept outside the state home (the user's
 * config folder, mode 0600), so a copied or committed state home reveals nothing.
 */
export function keyFilePath(): string {
  if (process.env.SLIPWAY_KMS_KEY_FILE) return path.resolve(process.env.SLIPWAY_KMS_KEY_FILE);
  const config = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'slipway', 'kms.key');
}

let cachedKey: { file: string; key: Buffer } | undefined;

function loadKey(): Buffer {
  const file = keyFilePath();
  if (cachedKey?.file === file) return cachedKey.key;
  let key: Buffer;
  try {
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    key = crypto.randomBytes(32);
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, key.toString('base64') + '\n');
      fs.closeSync(fd);
    } catch (raceError) {
      if ((raceError as NodeJS.ErrnoException).code !== 'EEXIST') throw raceError;
      key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    }
  }
  if (key.length !== 32) throw new Error(`${file}: the local KMS key is damaged (expected 32 bytes)`);
  cachedKey = { file, key };
  return key;
}

export function seal(plaintext: string): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', loadKey(), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { alg: 'AES-256-GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The plaintext of a sealed value. `what` names the value in the error a damaged one gives
 * (a crafted or truncated state file), which is one clear line, never a crash.
 */
export function unseal(sealed: Sealed, what = 'a stored secret'): string {
  const field = (name: 'iv' | 'tag' | 'data', bytes?: number): Buffer => {
    const text = (sealed as unknown as Record<string, unknown> | null)?.[name];
    const buffer = typeof text === 'string' && BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
    if (!buffer || (bytes !== undefined && buffer.length !== bytes)) throw new Error(`cannot decrypt ${what}: its sealed value is damaged (${name})`);
    return buffer;
  };
  if (!sealed || typeof sealed !== 'object' || sealed.alg !== 'AES-256-GCM') throw new Error(`cannot decrypt ${what}: its sealed value is damaged (not AES-256-GCM)`);
  const iv = field('iv', 12);
  const tag = field('tag', 16);
  const data = field('data');
  const decipher = crypto.createDecipheriv('aes-256-gcm', loadKey(), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`cannot decrypt ${what}: the key at ${keyFilePath()} is not the one it was sealed with, or the sealed value was altered`);
  }
}

export { writeFileAtomic };
