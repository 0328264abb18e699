import { xmlDocument } from './xml';

/**
 * Rebuilds awsQuery's flattened form (`Parameters.member.1.ParameterKey=K`) into the
 * structure of the operation's input: `member.N` (and `entry.N` of maps) become arrays,
 * in index order. Values stay strings; each operation reads booleans and numbers itself.
 */
export function decodeQueryForm(params: Record<string, string | string[]>): { action?: string; version?: string; input: Record<string, unknown> } {
  const input: Record<string, unknown> = {};
  const indexed = new WeakSet<object>();
  for (const [key, raw] of Object.entries(params)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.');
    if (parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    let node: Record<string, unknown> = input;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if ((part === 'member' || part === 'entry') && i + 1 < parts.length && /^\d{1,4}$/.test(parts[i + 1])) {
        // node is the holder of a list: turn it into an index → item map, arrays at the end
        const index = parts[i + 1];
        indexed.add(node);
        i++;
        if (i === parts.length - 1) {
          node[index] = value;
        } else {
          node[index] ??= {};
          node = node[index] as Record<string, unknown>;
        }
        continue;
      }
      if (last) {
        if (value === '' && node[part] === undefined) node[part] = []; // `Capabilities=`: an empty list
        else node[part] = value;
      } else {
        if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return { action: single(params.Action), version: single(params.Version), input: finish(input, indexed) as Record<string, unknown> };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function finish(value: unknown, indexed: WeakSet<object>): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (indexed.has(value)) {
    return entries
      .filter(([k]) => /^\d+$/.test(k))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, v]) => finish(v, indexed));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, finish(v, indexed)]));
}

export function queryResponse(action: string, result: unknown, requestId: string, namespace?: string): string {
  // The Result element is there even when empty: botocore looks for it whenever the operation has an output shape.
  // awsQuery's lists: every list's items are `<member>` elements of a wrapper.
  const body: Record<string, unknown> = { [`${action}Result`]: result ?? {} };
  body.ResponseMetadata = { RequestId: requestId };
  return xmlDocument(`${action}Response`, body, namespace, true);
}

export function queryError(code: string, message: string, fault: 'Sender' | 'Receiver', requestId: string, namespace?: string): string {
  return xmlDocument('ErrorResponse', { Error: { Type: fault, Code: code, Message: message }, RequestId: requestId }, namespace);
}
