import { checkName } from './names';
import { NotFoundError } from './errors';
import type { StateStore } from './state';
import { seal, unseal, type Sealed } from './kms';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

interface StoredParameter {
  name: string;
  type: ParameterType;
  value?: string;
  sealed?: Sealed;
  version: number;
  lastModified: string;
}

interface StoredSecretVersion {
  versionId: string;
  stages: string[];
  sealed: Sealed;
  created: string;
}

interface StoredSecret {
  id: string;
  versions: StoredSecretVersion[];
}

export interface ParameterValue {
  name: string;
  type: ParameterType;
  value: string;
  version: number;
  /** True when the value must be masked wherever it is shown. */
  secure: boolean;
}

export interface SecretVersion {
  versionId: string;
  stages: string[];
  created: string;
}

/**
 * The local Parameter Store and Secrets Manager. SecureString values and secrets are
 * sealed with the local KMS key; plain parameters are stored as they are.
 */
export class ParameterStore {
  constructor(private readonly store: StateStore) {}

  // Maps keyed by the user's names: `__proto__`, `constructor` or `toString` are names like any other.
  private readParams(): Map<string, StoredParameter> {
    return new Map(Object.entries(this.store.read<Record<string, StoredParameter>>('params', 'parameters.json') ?? {}));
  }

  private readSecrets(): Map<string, StoredSecret> {
    return new Map(Object.entries(this.store.read<Record<string, StoredSecret>>('params', 'secrets.json') ?? {}));
  }

  putParameter(name: string, value: string, type: ParameterType = 'String'): number {
    checkName('parameter', name);
    return this.store.withLockSync('params', () => {
      const params = this.readParams();
      const version = (params.get(name)?.version ?? 0) + 1;
      const entry: StoredParameter = { name, type, version, lastModified: new Date().toISOString() };
      if (type === 'SecureString') entry.sealed = seal(value);
      else entry.value = value;
      params.set(name, entry);
      this.store.write(Object.fromEntries(params), 'params', 'parameters.json');
      return version;
    });
  }

  getParameter(name: string): ParameterValue {
    const found = this.findParameter(name);
    if (!found) throw new NotFoundError(`parameter ${name} is not in the local parameter store`);
    return { name, type: found.type, value: found.value, version: found.version, secure: found.secure };
  }

  /** A parameter with its value in clear and when it last changed, from one read of the store; undefined when there is none. */
  findParameter(name: string): (ParameterValue & { lastModified: string }) | undefined {
    const entry = this.readParams().get(name);
    if (!entry) return undefined;
    const value = entry.sealed ? unseal(entry.sealed) : (entry.value ?? '');
    return { name, type: entry.type, value, version: entry.version, secure: entry.type === 'SecureString', lastModified: entry.lastModified };
  }

  deleteParameter(name: string): void {
    this.store.withLockSync('params', () => {
      const params = this.readParams();
      if (!params.delete(name)) throw new NotFoundError(`parameter ${name} is not in the local parameter store`);
      this.store.write(Object.fromEntries(params), 'params', 'parameters.json');
    });
  }

  hasParameter(name: string): boolean {
    return this.readParams().has(name);
  }

  listParameters(): Array<{ name: string; type: ParameterType; version: number; lastModified: string }> {
    return [...this.readParams().values()].map(({ name, type, version, lastModified }) => ({ name, type, version, lastModified }));
  }

  putSecret(id: string, value: string): string {
    checkName('secret', id);
    return this.store.withLockSync('secrets', () => {
      const secrets = this.readSecrets();
      const secret = secrets.get(id) ?? { id, versions: [] };
      const versionId = `v${secret.versions.length + 1}-${Date.now().toString(36)}`;
      for (const version of secret.versions) {
        version.stages = version.stages.filter((s) => s !== 'AWSPREVIOUS');
        if (version.stages.includes('AWSCURRENT')) version.stages = version.stages.filter((s) => s !== 'AWSCURRENT').concat('AWSPREVIOUS');
      }
      secret.versions.push({ versionId, stages: ['AWSCURRENT'], sealed: seal(value), created: new Date().toISOString() });
      secrets.set(id, secret);
      this.store.write(Object.fromEntries(secrets), 'params', 'secrets.json');
      return versionId;
    });
  }

  /** A secret's value by stage (default AWSCURRENT) or version id. */
  getSecret(id: string, options: { versionStage?: string; versionId?: string } = {}): string {
    return this.getSecretVersion(id, options).value;
  }

  /** A secret's version by stage (default AWSCURRENT) or version id, with its value in clear. */
  getSecretVersion(id: string, options: { versionStage?: string; versionId?: string } = {}): SecretVersion & { value: string } {
    const secret = this.readSecrets().get(id);
    if (!secret) throw new NotFoundError(`secret ${id} is not in the local secret store`);
    const version = options.versionId
      ? secret.versions.find((v) => v.versionId === options.versionId && (!options.versionStage || v.stages.includes(options.versionStage)))
      : secret.versions.find((v) => v.stages.includes(options.versionStage || 'AWSCURRENT'));
    if (!version) {
      throw new NotFoundError(`secret ${id} has no version ${options.versionId ?? `in stage ${options.versionStage || 'AWSCURRENT'}`}`);
    }
    return { versionId: version.versionId, stages: version.stages, created: version.created, value: unseal(version.sealed) };
  }

  /** A secret's versions and their stages, without values; undefined when there is no such secret. */
  describeSecret(id: string): { id: string; versions: SecretVersion[] } | undefined {
    const secret = this.readSecrets().get(id);
    return secret && { id: secret.id, versions: secret.versions.map(({ versionId, stages, created }) => ({ versionId, stages, created })) };
  }

  /** `secret-id:json-key:version-stage:version-id`, the buildspec/dynamic-reference form. */
  resolveSecretReference(reference: string): string {
    const [id, jsonKey, versionStage, versionId] = splitSecretReference(reference);
    const raw = this.getSecret(id, { versionStage: versionStage || undefined, versionId: versionId || undefined });
    if (!jsonKey) return raw;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error(`secret ${id} is not JSON, so it has no key ${jsonKey}`);
    }
    const value = parsed !== null && typeof parsed === 'object' && Object.hasOwn(parsed, jsonKey) ? (parsed as Record<string, unknown>)[jsonKey] : undefined;
    if (value === undefined) throw new NotFoundError(`secret ${id} has no JSON key ${jsonKey}`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  listSecrets(): Array<{ id: string; versions: number }> {
    return [...this.readSecrets().values()].map((s) => ({ id: s.id, versions: s.versions.length }));
  }

  deleteSecret(id: string): void {
    this.store.withLockSync('secrets', () => {
      const secrets = this.readSecrets();
      if (!secrets.delete(id)) throw new NotFoundError(`secret ${id} is not in the local secret store`);
      this.store.write(Object.fromEntries(secrets), 'params', 'secrets.json');
    });
  }
}

/** Splits a secret reference; an ARN-style id keeps its own colons. */
export function splitSecretReference(reference: string): [string, string, string, string] {
  let id = reference;
  let rest: string[] = [];
  const arn = /^(arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:[^:]+)(?::(.*))?$/.exec(reference);
  if (arn) {
    id = arn[1];
    rest = arn[2] !== undefined ? arn[2].split(':') : [];
    id = id.replace(/^arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:/, '');
  } else {
    const parts = reference.split(':');
    id = parts[0];
    rest = parts.slice(1);
  }
  return [id, rest[0] ?? '', rest[1] ?? '', rest[2] ?? ''];
}

/** Lines of a multi-line secret shorter than this are not masked on their own. */
const MIN_LINE_SECRET = 4;

/** A string as it appears inside a JSON string literal. */
function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Secrets shorter than this are not looked for in their encoded forms (short encodings match ordinary text). */
const MIN_ENCODED_SECRET = 6;

/**
 * The forms a value takes once encoded by a command: URL-encoded (`%2F`, and `+` for spaces
 * as forms send it) and base64 (standard and URL-safe) wherever it starts in the encoded
 * stream (`Basic base64(user:secret)`), i.e. the base64 characters the value alone decides at
 * each of the three byte alignments.
 */
function encodedForms(value: string): string[] {
  if (value.length < MIN_ENCODED_SECRET) return [];
  const url = encodeURIComponent(value);
  const forms = [url, url.replace(/%20/g, '+')];
  const bytes = Buffer.from(value);
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Characters holding a bit of the leading filler or of the trailing padding are not the value's own.
    const core = encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
    if (core.length >= 8) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms.filter((form) => form !== value);
}

/** Replaces every known secret value in text with `***`; longest first so overlaps mask fully. */
export class SecretMasker {
  private secrets: string[] = [];

  /**
   * Adds a secret value and the forms it takes in Slipway's outputs: JSON-escaped (once and
   * twice, as in records and events holding JSON), URL-encoded and base64-encoded (as commands
   * print it in headers and URLs), and, for a multi-line value (a PEM key, a JSON document),
   * each of its lines, since logs and reasons show it line by line.
   */
  add(value: string): void {
    if (typeof value !== 'string' || value.length === 0) return;
    const forms = new Set([value, jsonEscaped(value), jsonEscaped(jsonEscaped(value)), ...encodedForms(value)]);
    if (/[\r\n]/.test(value)) {
      for (const line of value.split(/\r?\n|\r/)) {
        const trimmed = line.trim();
        // Very short lines (a brace, `-----`) would mask ordinary text everywhere.
        if (trimmed.length < MIN_LINE_SECRET) continue;
        forms.add(trimmed);
        forms.add(jsonEscaped(trimmed));
      }
    }
    let added = false;
    for (const form of forms) {
      if (form.length === 0 || this.secrets.includes(form)) continue;
      this.secrets.push(form);
      added = true;
    }
    if (added) this.secrets.sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.secrets.length;
  }

  mask(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('***');
    return result;
  }
}
