// Compacts @aws-cdk/aws-service-spec (≈160 MB in memory, 1–2 s to load) into what the
// template checks, completion and the stack engine need: dist/data/cfn-spec.jsonl (types,
// properties, attributes, identifiers, value limits; loads in tens of ms) and
// dist/data/cfn-docs.jsonl (documentation strings, read only when a hover needs them).
// Skipped when up to date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { LIMITS_PACKAGE, readValueLimits } from './lib/cfn-value-limits.mjs';

const SOURCE = 'node_modules/@aws-cdk/aws-service-spec/db.json.gz';
const OUT_DIR = 'dist/data';
export const SPEC_FILE = path.join(OUT_DIR, 'cfn-spec.jsonl');
export const DOCS_FILE = path.join(OUT_DIR, 'cfn-docs.jsonl');
/** Bump when the compact format changes, so stale outputs are rebuilt. */
export const FORMAT_VERSION = 4;

const PRIMITIVES = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  json: 'Json',
  'date-time': 'Timestamp',
  tag: 'Tag',
};

/**
 * A type expression: a primitive name, `.Name` for a property type of the same resource,
 * `{ l: T }` a list, `{ m: T }` a map of string to T, `{ u: [T...] }` one of several.
 */
function compactType(type, typeNames) {
  if (type.type in PRIMITIVES) return PRIMITIVES[type.type];
  if (type.type === 'ref') return '.' + typeNames.get(type.reference.$ref);
  if (type.type === 'array') return { l: compactType(type.element, typeNames) };
  if (type.type === 'map') return { m: compactType(type.element, typeNames) };
  if (type.type === 'union') return { u: type.types.map((t) => compactType(t, typeNames)) };
  throw new Error(`cfn-spec: unknown type kind ${JSON.stringify(type.type)}`);
}

function allowedValues(type) {
  if (type.allowedValues) return type.allowedValues;
  return undefined;
}

/** `limits`: string length, item count, number range and pattern from cfn-value-limits.mjs. */
function compactProperty(prop, typeNames, limits) {
  const result = { t: compactType(prop.type, typeNames) };
  // Earlier shapes of a property remain accepted by CloudFormation (and by cfn-lint).
  if (prop.previousTypes?.length) result.o = prop.previousTypes.map((t) => compactType(t, typeNames));
  if (prop.required) result.r = 1;
  if (prop.causesReplacement === 'yes') result.u = 'I';
  else if (prop.causesReplacement === 'maybe') result.u = 'C';
  const allowed = allowedValues(prop.type);
  if (allowed) result.v = allowed;
  if (prop.deprecated) result.x = 1;
  if (limits) Object.assign(result, limits);
  return result;
}

function ownLimits(properties, name) {
  return properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
}

export function compact(db, valueLimits = new Map()) {
  const schema = db.schema;
  const typesById = new Map(schema.typeDefinition.entities.map((t) => [t.$id, t]));
  const spec = { version: FORMAT_VERSION, resources: {} };
  const docs = { resources: {} };
  for (const resource of schema.resource.entities) {
    const typeIds = (schema.usesType.forward[resource.$id] ?? []).map((r) => r.$id);
    const typeNames = new Map(typeIds.map((id) => [id, typesById.get(id).name]));
    const limits = valueLimits.get(resource.cloudFormationType);
    const properties = {};
    const propertyDocs = {};
    for (const [name, prop] of Object.entries(resource.properties)) {
      properties[name] = compactProperty(prop, typeNames, ownLimits(limits?.get(''), name));
      if (prop.documentation) propertyDocs[name] = prop.documentation;
    }
    const attributes = {};
    const attributeDocs = {};
    for (const [name, attr] of Object.entries(resource.attributes)) {
      attributes[name] = compactType(attr.type, typeNames);
      if (attr.documentation) attributeDocs[name] = attr.documentation;
    }
    const propertyTypes = {};
    const typeDocs = {};
    for (const id of typeIds) {
      const type = typesById.get(id);
      const props = {};
      const docsOfType = {};
      for (const [name, prop] of Object.entries(type.properties)) {
        props[name] = compactProperty(prop, typeNames, ownLimits(limits?.get(type.name), name));
        if (prop.documentation) docsOfType[name] = prop.documentation;
      }
      propertyTypes[type.name] = props;
      typeDocs[type.name] = { d: type.documentation, p: docsOfType };
    }
    const entry = { p: properties, a: attributes, pt: propertyTypes };
    if (resource.primaryIdentifier?.length) entry.id = resource.primaryIdentifier;
    if (resource.cfnRefIdentifier?.length) entry.ref = resource.cfnRefIdentifier;
    if (resource.arnTemplate) entry.arn = resource.arnTemplate;
    if (resource.cloudFormationTransform) entry.tr = resource.cloudFormationTransform;
    if (resource.tagInformation?.tagPropertyName) entry.tag = resource.tagInformation.tagPropertyName;
    spec.resources[resource.cloudFormationType] = entry;
    docs.resources[resource.cloudFormationType] = { d: resource.documentation, p: propertyDocs, a: attributeDocs, t: typeDocs };
  }
  return { spec, docs };
}

/**
 * Replaces each property's pattern by its index in one shared list: the 3,800 patterns are
 * 1,300 distinct ones (ARNs, names), so the index stays small and loads fast.
 */
function sharePatterns(spec) {
  const patterns = [];
  const indexes = new Map();
  for (const entry of Object.values(spec.resources)) {
    for (const properties of [entry.p, ...Object.values(entry.pt)]) {
      for (const prop of Object.values(properties)) {
        if (prop.re === undefined) continue;
        let index = indexes.get(prop.re);
        if (index === undefined) {
          index = patterns.push(prop.re) - 1;
          indexes.set(prop.re, index);
        }
        prop.re = index;
      }
    }
  }
  return patterns;
}

function upToDate(inputs) {
  if (!fs.existsSync(SPEC_FILE) || !fs.existsSync(DOCS_FILE)) return false;
  try {
    const header = fs.readFileSync(SPEC_FILE, 'utf8').slice(0, 100).split('\n')[0];
    if (JSON.parse(header).version !== FORMAT_VERSION) return false;
  } catch {
    return false;
  }
  const built = Math.min(fs.statSync(SPEC_FILE).mtimeMs, fs.statSync(DOCS_FILE).mtimeMs);
  return inputs.every((file) => fs.statSync(file).mtimeMs <= built);
}

/** JSON with every non-ASCII character escaped, so the loader can read the file as latin1. */
const ascii = (json) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export default async function buildCfnSpec() {
  const self = fileURLToPath(import.meta.url);
  if (!fs.existsSync(SOURCE)) throw new Error(`cfn-spec: ${SOURCE} is missing; run npm ci`);
  const limitsHelper = fileURLToPath(new URL('./lib/cfn-value-limits.mjs', import.meta.url));
  if (upToDate([SOURCE, self, limitsHelper, path.join(LIMITS_PACKAGE, 'package.json')])) return;
  const started = Date.now();
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(SOURCE)).toString('utf8'));
  const { spec, docs } = compact(db, readValueLimits());
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // JSON Lines: a header, the shared patterns, then one `["Type::Name", {…}]` line per
  // resource type. The loader indexes the lines by name and parses a type's line only when a
  // template uses it, so loading costs a scan of the text rather than a parse of 3 MB.
  const patterns = sharePatterns(spec);
  const lines = [
    JSON.stringify({ version: spec.version }),
    ascii(JSON.stringify(['patterns', patterns])),
    ...Object.entries(spec.resources).map(([name, entry]) => ascii(JSON.stringify([name, entry]))),
  ];
  fs.writeFileSync(SPEC_FILE + '.tmp', lines.join('\n') + '\n');
  fs.renameSync(SPEC_FILE + '.tmp', SPEC_FILE);
  // The same layout for hover text, so the first hover indexes 10 MB instead of parsing it.
  // Not gzipped (the .vsix is a zip already) and ASCII only (\u escapes), so reading it
  // decodes at memcpy speed.
  const docLines = [JSON.stringify({ version: spec.version }), ...Object.entries(docs.resources).map(([name, entry]) => ascii(JSON.stringify([name, entry])))];
  fs.writeFileSync(DOCS_FILE + '.tmp', docLines.join('\n') + '\n');
  fs.renameSync(DOCS_FILE + '.tmp', DOCS_FILE);
  const size = (file) => `${(fs.statSync(file).size / 1024).toFixed(0)} KB`;
  console.log(`cfn-spec: ${Object.keys(spec.resources).length} resource types → ${SPEC_FILE} (${size(SPEC_FILE)}), docs ${size(DOCS_FILE)}, in ${Date.now() - started} ms`);
}

// `node scripts/build-steps/20-cfn-spec.mjs` builds the index alone (tests from source use it).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCfnSpec();
