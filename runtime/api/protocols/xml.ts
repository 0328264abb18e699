import { XMLParser } from 'fast-xml-parser';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A scalar as AWS's XML protocols write it: ISO 8601 timestamps, `true`/`false`. */
function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * One element and its children. Arrays become repeated elements of the same name (S3's
 * flattened lists); awsQuery wraps its lists with `asQueryLists` first. Undefined is omitted.
 */
export function xmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => xmlElement(name, v)).join('');
  if (typeof value === 'object' && !(value instanceof Date)) {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => xmlElement(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escape(scalar(value))}</${name}>`;
}

export function xmlDocument(root: string, value: unknown, namespace?: string): string {
  const body = xmlElement(root, value ?? {});
  const open = namespace ? body.replace(`<${root}>`, `<${root} xmlns="${namespace}">`) : body;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open === '' ? `<${root}${namespace ? ` xmlns="${namespace}"` : ''}/>` : open}`;
}

/** awsQuery's list encoding: every list's items are `<member>` elements of a wrapper. */
export function asQueryLists(value: unknown): unknown {
  if (Array.isArray(value)) return { member: value.map(asQueryLists) };
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asQueryLists(v)]));
  }
  return value;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true, ignoreDeclaration: true });

/** Parses a request body (S3's CompleteMultipartUpload, Delete, CreateBucketConfiguration); bad XML throws. */
export function parseXml(text: string): Record<string, unknown> {
  const parsed = parser.parse(text, true) as unknown;
  if (!parsed || typeof parsed !== 'object') throw new Error('The XML you provided was not well-formed or did not validate against our published schema');
  return parsed as Record<string, unknown>;
}
