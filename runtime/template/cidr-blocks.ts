import { isIPv4, isIPv6 } from 'node:net';

/** A CIDR block (`10.0.0.0/16`, `2001:db8::/32`) as an address range. */
export interface CidrBlock {
  family: 4 | 6;
  /** First and last address of the block. */
  start: bigint;
  end: bigint;
  /** The address as written, before the prefix is applied. */
  address: bigint;
  prefix: number;
  text: string;
}

function parseIPv4(address: string): bigint {
  return address.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseIPv6(address: string): bigint {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

/** The block a text writes; undefined when it is not a CIDR block. */
export function parseCidrBlock(text: string): CidrBlock | undefined {
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined || !prefixText || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const width = isIPv4(address) ? 32 : isIPv6(address) && !address.includes('.') ? 128 : 0;
  if (!width || prefix > width) return undefined;
  const value = width === 32 ? parseIPv4(address) : parseIPv6(address);
  const size = 1n << BigInt(width - prefix);
  const start = (value / size) * size;
  return { family: width === 32 ? 4 : 6, start, end: start + size - 1n, address: value, prefix, text };
}
