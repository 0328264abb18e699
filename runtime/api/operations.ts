// What the awsJson services share: engine input errors turned into each service's own
// error code, paging tokens, timestamp encodings and required-member checks.
import { createHash } from 'node:crypto';
import { AwsExceptionError, InputError } from '../common/errors';
import { AwsError, type Operation } from './types';

/**
 * Wraps each operation so that an engine's InputError (bad input found before anything
 * ran) reaches the client as the service's documented validation code, and a not-found
 * message as its not-found code; an AwsExceptionError keeps the exception name it names,
 * and AwsErrors pass through unchanged.
 */
export function withServiceErrors(operations: Record<string, Operation>, codes: { invalid: string; notFound?: (message: string) => string | undefined }): Record<string, Operation> {
  const wrapped: Record<string, Operation> = {};
  for (const [name, operation] of Object.entries(operations)) {
    wrapped[name] = async (input, ctx) => {
      try {
        return await operation(input ?? {}, ctx);
      } catch (error) {
        if (error instanceof AwsError || !(error instanceof InputError)) throw error;
        if (error instanceof AwsExceptionError) throw new AwsError(error.code, error.message);
        throw new AwsError(codes.notFound?.(error.message) ?? codes.invalid, error.message);
      }
    };
  }
  return wrapped;
}

/** A required member of the request, as the model marks it; missing or of the wrong type is the service's validation error. */
export function required<T>(input: Record<string, unknown>, name: string, code: string, type: 'string' | 'object' | 'array' = 'string'): T {
  const value = input[name];
  const ok = type === 'array' ? Array.isArray(value) : type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === 'string' && value !== '';
  if (!ok) throw new AwsError(code, `${name} is required${value === undefined ? '' : ` and must be ${type === 'string' ? 'a non-empty string' : `an ${type}`}`}`);
  return value as T;
}

/** An optional member that must have a type when present. */
export function optional<T>(input: Record<string, unknown>, name: string, code: string, type: 'string' | 'object' | 'array' | 'number' | 'boolean'): T | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const ok = type === 'array' ? Array.isArray(value) : type === 'object' ? typeof value === 'object' && !Array.isArray(value) : typeof value === type;
  if (!ok) throw new AwsError(code, `${name} must be ${type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`}`);
  return value as T;
}

/**
 * One page of a listing: `nextToken` is the opaque offset of the next item (base64 of
 * the number), as the services hand back and take again.
 */
export function page<T>(items: T[], nextToken: unknown, maxResults: unknown, code: string, limit = 100): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== '') {
    const decoded = typeof nextToken === 'string' ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) : NaN;
    if (!Number.isInteger(decoded) || decoded < 0) throw new AwsError(code, 'The nextToken is not valid');
    start = decoded;
  }
  const size = maxResults === undefined || maxResults === null ? limit : Number(maxResults);
  if (!Number.isInteger(size) || size < 1) throw new AwsError(code, 'maxResults must be a positive whole number');
  const end = start + Math.min(size, limit);
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64') } : {}) };
}

/** How a timestamp is written: the JSON protocols' epoch seconds, or ISO text for the CLI's `--json`. */
export type TimeFormat = (iso: string | undefined) => number | string | undefined;

export const epochSeconds: TimeFormat = (iso) => (iso === undefined ? undefined : Date.parse(iso) / 1000);
export const isoTime: TimeFormat = (iso) => iso;

/** Drops undefined members so responses carry only what is set (as AWS's do). */
export function defined<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

/** A UUID-form id that is the same every time for the same parts (ids of records that have none stored). */
export function stableUuid(...parts: Array<string | number>): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
