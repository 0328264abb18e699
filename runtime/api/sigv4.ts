import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { signingSecret } from './access-keys';
import type { StateStore } from '../common/state';

/** How far a request's X-Amz-Date may be from now (AWS: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Why a request was refused; the protocol layer turns it into each service's error code. */
export type AuthFailure = 'missing' | 'incomplete' | 'unknown-key' | 'bad-signature' | 'expired' | 'payload-mismatch';

export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export interface SignedRequest {
  method: string;
  /** The path exactly as received (still percent-encoded), without the query. */
  rawPath: string;
  /** The query string as received, without `?`. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;._-]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/i;

export function isSigV4(headers: IncomingHttpHeaders): boolean {
  return typeof headers.authorization === 'string' && headers.authorization.startsWith('AWS4-HMAC-SHA256');
}

/** The credential scope of a SigV4 Authorization header, or undefined when it is absent or malformed. */
export function parseAuthorization(header: string | undefined): Credential | undefined {
  const match = header ? AUTHORIZATION.exec(header) : null;
  if (!match) return undefined;
  return { accessKeyId: match[1], date: match[2], region: match[3], service: match[4], signedHeaders: match[5].toLowerCase().split(';'), signature: match[6].toLowerCase() };
}

/**
 * Query parameters decoded the way SigV4's canonical query re-encodes them (no `+` as space);
 * `form` decodes an `application/x-www-form-urlencoded` body, where `+` is a space.
 */
export function decodeQuery(raw: string, form = false): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  const decode = (text: string) => safeDecode(form ? text.replace(/\+/g, ' ') : text);
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** The `x-amz-content-sha256` values that do not claim a hash of the body (S3's streaming and unsigned modes). */
const UNHASHED_PAYLOADS = /^(UNSIGNED-PAYLOAD|STREAMING-[A-Z0-9-]+)$/;

/**
 * Checks a SigV4-signed request against the Slipway access key it names, by signing the
 * same canonical request again with `@smithy/signature-v4` and comparing signatures.
 * Returns the key's user and the credential scope.
 */
export async function verifySignature(store: StateStore, request: SignedRequest, now = Date.now()): Promise<{ user: string; credential: Credential }> {
  const header = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
  if (!header) throw new AuthError('missing', 'Request is missing Authentication Token');
  const credential = parseAuthorization(header);
  if (!credential) throw new AuthError('incomplete', "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of the AWS4-HMAC-SHA256 algorithm");
  const amzDate = typeof request.headers['x-amz-date'] === 'string' ? request.headers['x-amz-date'] : undefined;
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !credential.signedHeaders.includes('host')) throw new AuthError('incomplete', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, and 'host' among the signed headers");
  if (amzDate!.slice(0, 8) !== credential.date) throw new AuthError('bad-signature', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credential.date}' != '${amzDate!.slice(0, 8)}'`);
  if (Math.abs(now - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new AuthError('expired', `Signature expired: ${amzDate} is now earlier than ${compactDate(new Date(now - MAX_CLOCK_SKEW_MS))} (${compactDate(new Date(now))} - 15 min.)`);
  }
  const key = signingSecret(store, credential.accessKeyId);
  if (!key) throw new AuthError('unknown-key', 'The security token included in the request is invalid.');
  const claimed = request.headers['x-amz-content-sha256'];
  if (typeof claimed === 'string' && !UNHASHED_PAYLOADS.test(claimed)) {
    const actual = createHash('sha256').update(request.body).digest('hex');
    if (claimed.toLowerCase() !== actual) throw new AuthError('payload-mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const headers: Record<string, string> = {};
  for (const name of credential.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) throw new AuthError('bad-signature', `The request signature names header ${name}, which the request does not have`);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const hostHeader = headers.host;
  const colon = hostHeader.lastIndexOf(':');
  const signer = new SignatureV4({
    service: credential.service,
    region: credential.region,
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: key.secret },
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path as sent; every other service encodes it once more (AWS's SigV4 rules).
    uriEscapePath: credential.service !== 's3',
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: colon > 0 && !hostHeader.endsWith(']') ? hostHeader.slice(0, colon) : hostHeader,
      path: request.rawPath,
      query: decodeQuery(request.rawQuery),
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(credential.signedHeaders), signingRegion: credential.region, signingService: credential.service },
  );
  const expected = parseAuthorization(String(signed.headers.authorization))?.signature ?? '';
  if (expected.length !== credential.signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(credential.signature))) {
    throw new AuthError('bad-signature', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
  return { user: key.user, credential };
}

function compactDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
