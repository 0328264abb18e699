import * as YAML from 'yaml';
import { isIPv4, isIPv6 } from 'node:net';
import { entry, scalarString, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import { hasDynamicReference, intrinsicOf, isLiteralScalar } from '../nodes';
import type { CheckContext, TemplateCheck } from './context';

/** What each record type's ResourceRecords values look like (RFC formats Route 53 accepts). */
const RECORD_FORMATS: Record<string, { test: (value: string) => boolean; label: string }> = {
  A: { test: (v) => isIPv4(v), label: 'an IPv4 address' },
  AAAA: { test: (v) => isIPv6(v), label: 'an IPv6 address' },
  TXT: { test: (v) => /^("[^"]{1,255}" *)*"[^"]{1,255}"$/.test(v), label: 'one or more quoted strings of up to 255 characters' },
  SPF: { test: (v) => /^("[^"]{1,255}" *)*"[^"]{1,255}"$/.test(v), label: 'one or more quoted strings of up to 255 characters' },
  CAA: { test: (v) => /^(0|128)\s([a-zA-Z0-9]+)\s(".+")$/.test(v), label: 'flags tag "value" (e.g. 0 issue "amazon.com")' },
  MX: { test: (v) => /^(\d{1,4}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])\s\S+$/.test(v), label: 'priority and mail server (e.g. 10 mail.example.com)' },
};
RECORD_FORMATS.CNAME = {
  test: (v) => /^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$/.test(v),
  label: 'a domain name',
};
const SINGLE_VALUE = new Set(['CNAME', 'SOA']);

/**
 * E3023: Route 53 record values match their record type; CNAME takes one value.
 * E3029: an alias record takes neither TTL nor ResourceRecords (the target supplies both).
 */
export const route53Records: TemplateCheck = {
  codes: ['E3023', 'E3029'],
  run(context) {
    for (const resource of context.model.resources.values()) {
      const properties = resource.properties?.value;
      if (resource.type === 'AWS::Route53::RecordSet') checkRecord(properties, context);
      if (resource.type === 'AWS::Route53::RecordSetGroup') {
        const sets = entry(properties, 'RecordSets')?.value;
        if (isSeq(sets)) for (const set of sets.items) checkRecord(set as Node, context);
      }
    }
  },
};

function checkRecord(record: Node, { model, report }: CheckContext): void {
  if (!isMap(record)) return;
  const typeEntry = entry(record, 'Type');
  const type = isLiteralScalar(typeEntry?.value) ? scalarString(typeEntry!.value) : undefined;
  const records = entry(record, 'ResourceRecords');
  if (entry(record, 'AliasTarget')) {
    for (const key of ['TTL', 'ResourceRecords']) {
      const item = entry(record, key);
      if (item) report('E3029', model.rangeOf(item.keyNode), `an alias record (AliasTarget) takes no ${key}; Route 53 uses the target's`);
    }
  }
  if (!type || !records) return;
  for (const list of valueLists(records.value)) {
    if (SINGLE_VALUE.has(type) && list.items.length > 1) {
      report('E3023', model.rangeOf(records.keyNode), `a ${type} record takes exactly one value, not ${list.items.length}`);
    }
    checkValues(type, list, model, report);
  }
}

/** The value lists a ResourceRecords may deploy: the list, or each list branch of Fn::If. */
function valueLists(node: Node, depth = 0): YAML.YAMLSeq[] {
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call) return isSeq(node) ? [node] : [];
  if (call.name !== 'Fn::If' || !isSeq(call.arg) || depth > 10) return [];
  return call.arg.items.slice(1, 3).flatMap((branch) => valueLists(branch as Node, depth + 1));
}

function checkValues(type: string, records: YAML.YAMLSeq, model: CheckContext['model'], report: CheckContext['report']): void {
  const format = Object.hasOwn(RECORD_FORMATS, type) ? RECORD_FORMATS[type] : undefined;
  for (const item of records.items) {
    if (!isLiteralScalar(item as Node)) continue;
    const value = scalarString(item as Node) ?? '';
    if (hasDynamicReference(value)) continue;
    if (format && !format.test(value)) report('E3023', model.rangeOf(item as Node), `"${value}" is not a valid ${type} record value: expected ${format.label}`);
  }
}
