// Checks a `--json` document against the AWS SDK for JavaScript v3's published model of an
// operation's output (the schema objects its clients export, e.g. GetPullRequestOutput$):
// every member is one the model has, with the model's type, and required members are there.
// Slipway-only fields live under `slipway` and are not the model's business.

/** Simple-schema type codes of @smithy/core's schemas: list and map flags over a base type. */
const LIST = 64;
const MAP = 128;

type Schema = unknown;

function resolve(schema: Schema): Schema {
  return typeof schema === 'function' ? resolve((schema as () => Schema)()) : schema;
}

/** Where the document differs from the model (`$.pullRequest.title: …`); empty when it follows it. */
export function modelMismatches(value: unknown, schema: Schema, at = '$'): string[] {
  const s = resolve(schema);
  if (typeof s === 'number') return simpleMismatches(value, s, at);
  if (!Array.isArray(s)) return [];
  const [kind] = s as [number];
  if (kind === 3) return structureMismatches(value, s, at);
  if (kind === 1) return Array.isArray(value) ? value.flatMap((v, i) => modelMismatches(v, s[4], `${at}[${i}]`)) : [`${at}: a list in the model, ${JSON.stringify(value)} here`];
  if (kind === 2) return isObject(value) ? Object.entries(value).flatMap(([k, v]) => modelMismatches(v, s[5], `${at}.${k}`)) : [`${at}: a map in the model`];
  return [];
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function structureMismatches(value: unknown, s: unknown[], at: string): string[] {
  const [, , name, , members, schemas, required] = s as [number, string, string, unknown, string[], Schema[], number | undefined];
  if (!isObject(value)) return [`${at}: ${name} is a structure, ${JSON.stringify(value)} here`];
  const problems: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (key === 'slipway') continue;
    const index = members.indexOf(key);
    if (index < 0) problems.push(`${at}.${key}: ${name} has no member ${key} (it has ${members.join(', ')})`);
    else problems.push(...modelMismatches(member, schemas[index], `${at}.${key}`));
  }
  for (const key of members.slice(0, required ?? 0)) if (!(key in value)) problems.push(`${at}.${key}: required by ${name}, missing`);
  return problems;
}

function simpleMismatches(value: unknown, code: number, at: string): string[] {
  if (code & LIST) return Array.isArray(value) ? value.flatMap((v, i) => simpleMismatches(v, code & ~LIST, `${at}[${i}]`)) : [`${at}: a list in the model`];
  if (code & MAP) return isObject(value) ? Object.entries(value).flatMap(([k, v]) => simpleMismatches(v, code & ~MAP, `${at}.${k}`)) : [`${at}: a map in the model`];
  const expected = code === 0 ? 'string' : code === 1 ? 'number' : code === 2 ? 'boolean' : undefined;
  if (expected && typeof value !== expected) return [`${at}: a ${expected} in the model, ${JSON.stringify(value)} here`];
  // Timestamps: the AWS CLI prints ISO 8601 text, the wire has epoch seconds.
  if (code >= 4 && code <= 7 && !(typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value))))) return [`${at}: a timestamp in the model, ${JSON.stringify(value)} here`];
  return [];
}
