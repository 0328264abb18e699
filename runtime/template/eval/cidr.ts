import { TemplateEvalError } from './errors';

/**
 * Fn::Cidr: `count` consecutive subnets of `ipBlock`, each with `cidrBits` host bits
 * (so a /24 with cidrBits 5 yields /27s), IPv4 or IPv6.
 */
export function cidr(ipBlock: string, count: number, cidrBits: number): string[] {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(ipBlock);
  if (!match) throw new TemplateEvalError(`Fn::Cidr: "${ipBlock}" is not a CIDR block`);
  const v6 = match[1].includes(':');
  const width = v6 ? 128 : 32;
  const prefix = Number(match[2]);
  if (prefix > width) throw new TemplateEvalError(`Fn::Cidr: "${ipBlock}" has a prefix longer than ${width}`);
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new TemplateEvalError(`Fn::Cidr: count must be between 1 and 256, not ${count}`);
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || cidrBits > width) throw new TemplateEvalError(`Fn::Cidr: cidrBits must be between 0 and ${width}, not ${cidrBits}`);
  const subnetPrefix = width - cidrBits;
  if (subnetPrefix < prefix) throw new TemplateEvalError(`Fn::Cidr: ${cidrBits} host bits do not fit in ${ipBlock}`);
  const available = 1n << BigInt(subnetPrefix - prefix);
  if (BigInt(count) > available) throw new TemplateEvalError(`Fn::Cidr: ${ipBlock} holds only ${available} subnets of /${subnetPrefix}, not ${count}`);
  const base = v6 ? parseIpv6(match[1]) : parseIpv4(match[1]);
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const network = base & ~hostMask & ((1n << BigInt(width)) - 1n);
  const step = 1n << BigInt(cidrBits);
  const result: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const address = network + i * step;
    result.push(`${v6 ? formatIpv6(address) : formatIpv4(address)}/${subnetPrefix}`);
  }
  return result;
}

function parseIpv4(text: string): bigint {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new TemplateEvalError(`Fn::Cidr: "${text}" is not an IPv4 address`);
  return parts.reduce((acc, p) => (acc << 8n) + BigInt(Number(p)), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseIpv6(text: string): bigint {
  const halves = text.split('::');
  if (halves.length > 2) throw new TemplateEvalError(`Fn::Cidr: "${text}" is not an IPv6 address`);
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) throw new TemplateEvalError(`Fn::Cidr: "${text}" is not an IPv6 address`);
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) throw new TemplateEvalError(`Fn::Cidr: "${text}" is not an IPv6 address`);
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest zero run compressed. */
function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
