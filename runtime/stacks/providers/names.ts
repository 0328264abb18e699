import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** CloudFormation's 12–13 character random suffix (upper-case letters and digits). */
export function randomSuffix(length = 13): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * A generated physical name as CloudFormation makes them: `STACK-LOGICALID-SUFFIX`,
 * the stack and logical parts shortened so that the whole fits `max`.
 */
export function generatedName(stackName: string, logicalId: string, options: { max?: number; lowerCase?: boolean } = {}): string {
  const max = options.max ?? 128;
  const suffix = randomSuffix(13);
  const room = Math.max(2, max - suffix.length - 2);
  const stackPart = stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = logicalId.slice(0, room - stackPart.length);
  const name = `${stackPart}-${logicalPart}-${suffix}`;
  return options.lowerCase ? name.toLowerCase() : name;
}

export function stringProperty(properties: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = properties[name];
  if (value === undefined || value === null) {
    if (required) throw new Error(`Properties validation failed: required key [${name}] not found`);
    return undefined;
  }
  if (typeof value === 'object') throw new Error(`Properties validation failed: ${name} must be a string`);
  return String(value);
}
