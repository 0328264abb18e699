/** The subset of JSON Schema (draft-07) Slipway's schemas use and its walker understands. */
export interface JsonSchema {
  $ref?: string;
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  enum?: unknown[];
  examples?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  minItems?: number;
  minProperties?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  anyOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** Resolves `$ref` (local `#/definitions/...` only); sibling keywords such as `description` win over the target's. */
export function deref(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 32; depth++) {
    const match = /^#\/definitions\/(.+)$/.exec(current.$ref);
    const target = match ? root.definitions?.[match[1]] : undefined;
    if (!target) throw new Error(`schema reference ${current.$ref} does not resolve`);
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

export function typesOf(schema: JsonSchema): JsonType[] {
  if (!schema.type) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

export function describe(schema: JsonSchema): string | undefined {
  return schema.markdownDescription ?? schema.description;
}
