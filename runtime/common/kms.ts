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

export function unseal(sealed: Sealed): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', loadKey(), Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`cannot decrypt a stored secret: the key at ${keyFilePath()} is not the one it was sealed with`);
  }
}

export { writeFileAtomic };
