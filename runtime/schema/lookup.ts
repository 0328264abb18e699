import { deref, type JsonSchema } from './types';
import { propertySchema } from './validate';

export type SchemaPath = Array<string | number>;

/**
 * The schemas that describe the value at `path` (several where `if`/`anyOf` leave the
 * choice open), for completion and hover. `value` is the document as plain data, used
 * to settle `if` branches when known.
 */
export function schemasAt(root: JsonSchema, path: SchemaPath, value?: unknown): JsonSchema[] {
  let current: Array<{ schema: JsonSchema; value: unknown }> = expand(root, root, value);
  for (const part of path) {
    const next: Array<{ schema: JsonSchema; value: unknown }> = [];
    for (const { schema, value: here } of current) {
      const childValue = childOf(here, part);
      if (typeof part === 'number') {
        if (schema.items) next.push(...expand(schema.items, root, childValue));
      } else {
        const child = propertySchema(schema, part);
        if (child) next.push(...expand(child, root, childValue));
      }
    }
    current = next;
  }
  return current.map((c) => c.schema);
}

function childOf(value: unknown, part: string | number): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<string | number, unknown>)[part];
}

function expand(raw: JsonSchema, root: JsonSchema, value: unknown): Array<{ schema: JsonSchema; value: unknown }> {
  const schema = deref(raw, root);
  const out = [{ schema, value }];
  if (schema.if) {
    const known = value !== undefined && value !== null && typeof value === 'object';
    const matches = known ? (schema.if.required ?? []).every((key) => key in (value as object)) : undefined;
    if (schema.then && matches !== false) out.push(...expand(schema.then, root, value));
    if (schema.else && matches !== true) out.push(...expand(schema.else, root, value));
  }
  for (const branch of schema.anyOf ?? []) out.push(...expand(branch, root, value));
  return out;
}

/** Property names (with their schemas) a map at this point may hold. */
export function propertiesOf(schemas: JsonSchema[], root: JsonSchema): Array<{ name: string; schema: JsonSchema }> {
  const seen = new Map<string, JsonSchema>();
  for (const schema of schemas) {
    for (const [name, child] of Object.entries(schema.properties ?? {})) if (!seen.has(name)) seen.set(name, deref(child, root));
  }
  return [...seen].map(([name, schema]) => ({ name, schema }));
}

/** Values a scalar at this point may take (enum first, examples after). */
export function valuesOf(schemas: JsonSchema[]): unknown[] {
  const values: unknown[] = [];
  for (const schema of schemas) {
    for (const v of [...(schema.enum ?? []), ...(schema.examples ?? [])]) if (!values.includes(v)) values.push(v);
  }
  return values;
}
