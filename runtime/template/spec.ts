import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * The CloudFormation resource specification, compacted at build time from
 * `@aws-cdk/aws-service-spec` by scripts/build-steps/20-cfn-spec.mjs into
 * dist/data/cfn-spec.jsonl (+ cfn-docs.jsonl for hover text).
 *
 * Where the index is found: `$SLIPWAY_CFN_SPEC` (a path to cfn-spec.jsonl) if set; else
 * `data/` next to the running bundle (dist/server.js, dist/cli.js → dist/data); else, when
 * running from source (tests through tsx), the repository's dist/data, built on demand by
 * running the build step once if it is missing.
 */

export type PrimitiveName = 'String' | 'Integer' | 'Number' | 'Boolean' | 'Json' | 'Timestamp' | 'Tag';

export type ValueType =
  | { kind: 'primitive'; name: PrimitiveName }
  | { kind: 'object'; name: string }
  | { kind: 'list'; item: ValueType }
  | { kind: 'map'; value: ValueType }
  | { kind: 'union'; options: ValueType[] };

/** How a change to a property updates the resource (CloudFormation's "Update requires"). */
export type UpdateBehaviour = 'Mutable' | 'Immutable' | 'Conditional';

export interface PropertySpec {
  name: string;
  type: ValueType;
  /** Earlier shapes CloudFormation still accepts. */
  previousTypes: ValueType[];
  required: boolean;
  update: UpdateBehaviour;
  allowedValues?: string[];
  deprecated: boolean;
  /** Limits from the CloudFormation registry schemas, when it declares any. */
  limits?: ValueLimits;
}

/** [min, max] with null for an open end. */
export type Bounds = [number | null, number | null];

/** Registry-schema limits of a property's value (see scripts/build-steps/lib/cfn-value-limits.mjs). */
export interface ValueLimits {
  /** String length. */
  length?: Bounds;
  /** Number of list items. */
  items?: Bounds;
  /** Length of each string item of a list. */
  itemLength?: Bounds;
  /** Numeric range. */
  range?: Bounds;
  /** A pattern strings must match (ECMAScript, checked to compile with the `u` flag at build time). */
  pattern?: string;
}

export interface ResourceTypeSpec {
  typeName: string;
  properties: Record<string, PropertySpec>;
  /** Attribute name → type, for `Fn::GetAtt` (nested attributes use dots: `Endpoint.Address`). */
  attributes: Record<string, ValueType>;
  primaryIdentifier?: string[];
  /** What `Ref` returns, when it differs from the primary identifier. */
  refIdentifier?: string[];
  arnTemplate?: string;
  /** The transform that must be declared for this type (`AWS::Serverless-2016-10-31`). */
  transform?: string;
  tagProperty?: string;
  /** Property type names of this resource (as in `object` value types). */
  propertyTypeNames: string[];
}

type CompactType = string | { l: CompactType } | { m: CompactType } | { u: CompactType[] };
interface CompactProperty {
  t: CompactType;
  o?: CompactType[];
  r?: 1;
  u?: 'I' | 'C';
  v?: string[];
  x?: 1;
  sl?: Bounds;
  ic?: Bounds;
  nr?: Bounds;
  il?: Bounds;
  /** Index into the shared pattern list. */
  re?: number;
}
interface CompactResource {
  p: Record<string, CompactProperty>;
  a: Record<string, CompactType>;
  pt: Record<string, Record<string, CompactProperty>>;
  id?: string[];
  ref?: string[];
  arn?: string;
  tr?: string;
  tag?: string;
}
interface CompactSpec {
  version: number;
  /** Every distinct value pattern as one JSON string (an array), parsed on first use. */
  patterns: string;
  /** Each resource type's entry as a JSON string, parsed on first use. */
  resources: Record<string, string>;
}
interface TypeDocs {
  d?: string;
  p: Record<string, string>;
  a: Record<string, string>;
  t: Record<string, { d?: string; p: Record<string, string> }>;
}

const PRIMITIVES = new Set(['String', 'Integer', 'Number', 'Boolean', 'Json', 'Timestamp', 'Tag']);
const DOCS_BASE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/';

function expandType(type: CompactType): ValueType {
  if (typeof type === 'string') {
    if (type.startsWith('.')) return { kind: 'object', name: type.slice(1) };
    if (PRIMITIVES.has(type)) return { kind: 'primitive', name: type as PrimitiveName };
    throw new Error(`cfn-spec: unknown type ${type}`);
  }
  if ('l' in type) return { kind: 'list', item: expandType(type.l) };
  if ('m' in type) return { kind: 'map', value: expandType(type.m) };
  return { kind: 'union', options: type.u.map(expandType) };
}

function expandProperties(properties: Record<string, CompactProperty>, patterns: () => string[]): Record<string, PropertySpec> {
  const result: Record<string, PropertySpec> = {};
  for (const [name, p] of Object.entries(properties)) {
    result[name] = {
      name,
      type: expandType(p.t),
      previousTypes: (p.o ?? []).map(expandType),
      required: p.r === 1,
      update: p.u === 'I' ? 'Immutable' : p.u === 'C' ? 'Conditional' : 'Mutable',
      allowedValues: p.v,
      deprecated: p.x === 1,
    };
    if (p.sl || p.ic || p.nr || p.il || p.re !== undefined) result[name].limits = { length: p.sl, items: p.ic, itemLength: p.il, range: p.nr, pattern: p.re === undefined ? undefined : patterns()[p.re] };
  }
  return result;
}

/** A property of a local resource type, as its provider declares it. */
export interface LocalPropertySchema {
  type: PrimitiveName | { map: PrimitiveName } | { list: PrimitiveName };
  required?: boolean;
  /** Immutable: a change replaces the resource. */
  update?: 'Mutable' | 'Immutable';
  documentation?: string;
}

/** A resource type outside the specification that a local provider runs (`Slipway::Local::File`…). */
export interface LocalResourceSchema {
  documentation: string;
  properties: Record<string, LocalPropertySchema>;
  attributes: Record<string, PrimitiveName>;
}

const localTypes = new Map<string, { spec: ResourceTypeSpec; schema: LocalResourceSchema }>();

function localValueType(type: LocalPropertySchema['type']): ValueType {
  if (typeof type === 'string') return { kind: 'primitive', name: type };
  if ('map' in type) return { kind: 'map', value: { kind: 'primitive', name: type.map } };
  return { kind: 'list', item: { kind: 'primitive', name: type.list } };
}

/**
 * Local resource providers declare their properties here (through registerProvider), so
 * the template checks, completion and hover treat their types as they treat AWS's.
 */
export function registerLocalResourceType(typeName: string, schema: LocalResourceSchema): void {
  const properties: Record<string, PropertySpec> = {};
  for (const [name, p] of Object.entries(schema.properties)) {
    properties[name] = { name, type: localValueType(p.type), previousTypes: [], required: p.required === true, update: p.update ?? 'Mutable', deprecated: false };
  }
  const attributes: Record<string, ValueType> = {};
  for (const [name, type] of Object.entries(schema.attributes)) attributes[name] = { kind: 'primitive', name: type };
  localTypes.set(typeName, { spec: { typeName, properties, attributes, propertyTypeNames: [] }, schema });
}

/** The loaded index; resource and property-type entries are expanded on first use. */
export class CfnSpec {
  private readonly resourceCache = new Map<string, ResourceTypeSpec>();
  private readonly propertyTypeCache = new Map<string, Record<string, PropertySpec>>();
  private readonly lowerNames = new Map<string, string>();
  private readonly parsedResources = new Map<string, CompactResource>();
  /** Each type's documentation line, unparsed, once the docs file has been read. */
  private docs: Record<string, string> | undefined;
  private readonly parsedDocs = new Map<string, TypeDocs>();
  private patternList: string[] | undefined;
  private readonly patterns = (): string[] => (this.patternList ??= JSON.parse(this.compact.patterns) as string[]);

  constructor(
    private readonly compact: CompactSpec,
    private docsFile?: string,
  ) {
    for (const name of Object.keys(compact.resources)) this.lowerNames.set(name.toLowerCase(), name);
  }

  /** Every resource type name, e.g. `AWS::S3::Bucket`. */
  resourceTypes(): string[] {
    return [...Object.keys(this.compact.resources), ...localTypes.keys()];
  }

  hasResourceType(typeName: string): boolean {
    return Object.hasOwn(this.compact.resources, typeName) || localTypes.has(typeName);
  }

  /** The exact spelling of a type name that differs only in case, if any. */
  caseInsensitiveType(typeName: string): string | undefined {
    return this.lowerNames.get(typeName.toLowerCase());
  }

  private raw(typeName: string): CompactResource | undefined {
    if (!Object.hasOwn(this.compact.resources, typeName)) return undefined;
    let raw = this.parsedResources.get(typeName);
    if (!raw) {
      raw = JSON.parse(this.compact.resources[typeName]) as CompactResource;
      this.parsedResources.set(typeName, raw);
    }
    return raw;
  }

  resource(typeName: string): ResourceTypeSpec | undefined {
    const cached = this.resourceCache.get(typeName);
    if (cached) return cached;
    const raw = this.raw(typeName);
    if (!raw) return localTypes.get(typeName)?.spec;
    const attributes: Record<string, ValueType> = {};
    for (const [name, type] of Object.entries(raw.a)) attributes[name] = expandType(type);
    const spec: ResourceTypeSpec = {
      typeName,
      properties: expandProperties(raw.p, this.patterns),
      attributes,
      primaryIdentifier: raw.id,
      refIdentifier: raw.ref,
      arnTemplate: raw.arn,
      transform: raw.tr,
      tagProperty: raw.tag,
      propertyTypeNames: Object.keys(raw.pt),
    };
    this.resourceCache.set(typeName, spec);
    return spec;
  }

  /** The properties of a nested property type (`object` value type `name`) of a resource type. */
  propertyType(resourceType: string, name: string): Record<string, PropertySpec> | undefined {
    const key = `${resourceType}.${name}`;
    const cached = this.propertyTypeCache.get(key);
    if (cached) return cached;
    const types = this.raw(resourceType)?.pt;
    if (!types || !Object.hasOwn(types, name)) return undefined;
    const raw = types[name];
    const expanded = expandProperties(raw, this.patterns);
    this.propertyTypeCache.set(key, expanded);
    return expanded;
  }

  /** Documentation of a resource type, one of its properties (optionally in a property type) or attributes. */
  documentation(resourceType: string, target?: { property?: string; propertyType?: string; attribute?: string }): string | undefined {
    const local = localTypes.get(resourceType)?.schema;
    if (local) return target?.property ? local.properties[target.property]?.documentation : target?.attribute || target?.propertyType ? undefined : local.documentation;
    const docs = this.typeDocs(resourceType);
    if (!docs) return undefined;
    if (!target) return docs.d;
    if (target.attribute) return docs.a[target.attribute];
    if (target.propertyType) {
      const type = docs.t[target.propertyType];
      return target.property ? type?.p[target.property] : type?.d;
    }
    return target.property ? docs.p[target.property] : docs.d;
  }

  private typeDocs(resourceType: string): TypeDocs | undefined {
    const cached = this.parsedDocs.get(resourceType);
    if (cached) return cached;
    const line = this.loadDocs()?.[resourceType];
    if (line === undefined) return undefined;
    const docs = JSON.parse(line) as TypeDocs;
    this.parsedDocs.set(resourceType, docs);
    return docs;
  }

  private loadDocs(): Record<string, string> | undefined {
    if (this.docs || !this.docsFile) return this.docs;
    try {
      this.docs = indexJsonLines(fs.readFileSync(this.docsFile, 'latin1')).entries;
    } catch {
      // Hover falls back to the AWS documentation link when the docs file is unreadable.
      this.docsFile = undefined;
    }
    return this.docs;
  }
}

/** The AWS documentation page of a resource type, a property type, or a property (anchor). */
export function documentationUrl(resourceType: string, target: { property?: string; propertyType?: string } = {}): string {
  const parts = resourceType.split('::');
  if (parts.length !== 3 || parts[0] !== 'AWS') return `${DOCS_BASE}aws-template-resource-type-ref.html`;
  const stem = `${parts[1]}-${parts[2]}`.toLowerCase();
  if (target.propertyType) {
    const page = `${DOCS_BASE}aws-properties-${stem}-${target.propertyType.toLowerCase()}.html`;
    return target.property ? `${page}#cfn-${stem}-${target.propertyType.toLowerCase()}-${target.property.toLowerCase()}` : page;
  }
  const page = `${DOCS_BASE}aws-resource-${stem}.html`;
  return target.property ? `${page}#cfn-${stem}-${target.property.toLowerCase()}` : page;
}

/** Renders a value type the way the AWS documentation does: `String`, `List of Tag`, `Map of String`. */
export function describeType(type: ValueType): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'object':
      return type.name;
    case 'list':
      return `List of ${describeType(type.item)}`;
    case 'map':
      return `Map of ${describeType(type.value)}`;
    case 'union':
      return type.options.map(describeType).join(' or ');
  }
}

/** The compact format this loader reads (FORMAT_VERSION of scripts/build-steps/20-cfn-spec.mjs). */
const SPEC_FORMAT = 4;

let loaded: CfnSpec | undefined;

/** The specification index (loaded once per process). Throws with the paths tried when it is missing. */
export function loadSpec(): CfnSpec {
  if (loaded) return loaded;
  const file = locateSpecFile();
  let compact = readCompactSpec(file);
  if (compact.version !== SPEC_FORMAT && runBuildStep()) compact = readCompactSpec(file);
  if (compact.version !== SPEC_FORMAT) throw new Error(`${file} has format ${compact.version}, this build reads ${SPEC_FORMAT}; run npm run build`);
  loaded = new CfnSpec(compact, path.join(path.dirname(file), 'cfn-docs.jsonl'));
  return loaded;
}

/**
 * Reads the JSON Lines index: a `{"version": n}` header, `["patterns", […]]`, then
 * `["Type::Name", {…}]` per line. Only the names are read here; each entry stays a JSON
 * string until it is used.
 */
function readCompactSpec(file: string): CompactSpec {
  const { version, entries } = indexJsonLines(fs.readFileSync(file, 'latin1')); // ASCII by construction
  if (version !== SPEC_FORMAT) return { version, patterns: '[]', resources: {} };
  // The shared value patterns sit on a line of their own; type names always hold `::`.
  const patterns = entries.patterns ?? '[]';
  delete entries.patterns;
  return { version, patterns, resources: entries };
}

/**
 * Indexes the build step's JSON Lines layout (a `{"version": n}` header, then one
 * `["Type::Name", {…}]` per line) by name, leaving each entry as unparsed JSON text.
 */
function indexJsonLines(text: string): { version: number; entries: Record<string, string> } {
  const headerEnd = text.indexOf('\n');
  let version: number;
  try {
    version = (JSON.parse(text.slice(0, headerEnd < 0 ? text.length : headerEnd)) as { version: number }).version;
  } catch {
    return { version: -1, entries: {} };
  }
  const entries: Record<string, string> = {};
  let at = headerEnd + 1;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    // Type names hold no quotes or escapes: the name ends at the next quote.
    const nameEnd = text.indexOf('"', at + 2);
    entries[text.slice(at + 2, nameEnd)] = text.slice(nameEnd + 2, end - 1);
    at = end + 1;
  }
  return { version, entries };
}

/** Running from source: runtime/template → repository root. */
const SOURCE_ROOT = path.resolve(__dirname, '..', '..');

/** From source only: (re)builds dist/data with the build step; false when there is no step to run. */
function runBuildStep(): boolean {
  const step = path.join(SOURCE_ROOT, 'scripts', 'build-steps', '20-cfn-spec.mjs');
  if (!fs.existsSync(step)) return false;
  execFileSync(process.execPath, [step], { cwd: SOURCE_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return true;
}

export function locateSpecFile(): string {
  const explicit = process.env.SLIPWAY_CFN_SPEC;
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`SLIPWAY_CFN_SPEC=${explicit}: no such file`);
    return explicit;
  }
  const bundled = path.join(__dirname, 'data', 'cfn-spec.jsonl');
  if (fs.existsSync(bundled)) return bundled;
  const built = path.join(SOURCE_ROOT, 'dist', 'data', 'cfn-spec.jsonl');
  if (!fs.existsSync(built)) runBuildStep();
  if (fs.existsSync(built)) return built;
  throw new Error(`CloudFormation resource specification not found (looked for ${bundled} and ${built}); run npm run build`);
}
