import { page as pageOf } from './operations';
import { AwsError } from './types';

/**
 * Readers of decoded operation input. JSON protocols give typed values, awsQuery gives
 * strings: both are accepted; anything else is refused with the service's validation code.
 */
export class InputReader {
  constructor(
    readonly input: Record<string, unknown>,
    private readonly validationCode: string,
  ) {}

  private invalid(message: string): AwsError {
    return new AwsError(this.validationCode, message);
  }

  string(key: string): string | undefined {
    const value = this.input[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.invalid(`${key} must be a string`);
  }

  required(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === '') throw this.invalid(`1 validation error detected: Value null at '${key[0].toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.input[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw this.invalid(`${key} must be true or false`);
  }

  integer(key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.input[key];
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(number) || number < min || number > max) throw this.invalid(`${key} must be an integer from ${min} to ${max}`);
    return number;
  }

  list<T = unknown>(key: string): T[] {
    const value = this.input[key];
    if (value === undefined || value === null || value === '') return [];
    if (!Array.isArray(value)) throw this.invalid(`${key} must be a list`);
    return value as T[];
  }

  strings(key: string): string[] {
    return this.list(key).map((v) => {
      if (typeof v !== 'string') throw this.invalid(`${key} must be a list of strings`);
      return v;
    });
  }
}

/** One page of a listing, for the services whose members are capitalised (`NextToken`): the one pager of operations.ts. */
export function page<T>(items: T[], maxResults: number, nextToken: string | undefined, invalidCode: string): { items: T[]; NextToken?: string } {
  const result = pageOf(items, nextToken, maxResults, invalidCode, Math.max(1, maxResults));
  return { items: result.items, NextToken: result.nextToken };
}
