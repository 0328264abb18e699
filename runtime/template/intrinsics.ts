/** Names and helpers shared by everything that reads intrinsic functions in plain template values. */

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
] as const;

const PSEUDO = new Set<string>(PSEUDO_PARAMETERS);

export function isPseudoParameter(name: string): boolean {
  return PSEUDO.has(name);
}

/** Every intrinsic function's long-form name (plus `Ref` and the `Condition` function). */
export const INTRINSIC_FUNCTIONS = [
  'Ref',
  'Condition',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::ForEach',
  'Fn::GetAtt',
  'Fn::GetStackOutput',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
  'Fn::And',
  'Fn::Equals',
  'Fn::If',
  'Fn::Not',
  'Fn::Or',
] as const;

/** A `${...}` reference inside an `Fn::Sub` string; offsets are into the string. */
export interface SubVariable {
  /** The text between `${` and `}` (trimmed), e.g. `Bucket.Arn` or `AWS::Region`. */
  name: string;
  /** Offset of `${` in the string. */
  start: number;
  /** Offset just past `}`. */
  end: number;
}

/** A `${...}` of an `Fn::Sub` string: a reference, or a `${!Literal}` escape (its `literal` is `${Literal}`). */
export type SubToken = (SubVariable & { literal?: undefined }) | { literal: string; start: number; end: number };

/**
 * The one `${}` scanner of Fn::Sub strings (checks, the dependency graph and evaluation
 * all use it): every `${X}` / `${X.Attr}` reference and `${!Literal}` escape in order. An
 * unclosed `${` ends the scan (E1019 reports it separately).
 */
export function subTokens(text: string): SubToken[] {
  const result: SubToken[] = [];
  let index = 0;
  for (;;) {
    const open = text.indexOf('${', index);
    if (open < 0) break;
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    const inner = text.slice(open + 2, close);
    index = close + 1;
    if (inner.startsWith('!')) result.push({ literal: '${' + inner.slice(1) + '}', start: open, end: close + 1 });
    else result.push({ name: inner.trim(), start: open, end: close + 1 });
  }
  return result;
}

/** The `${X}` / `${X.Attr}` references of an `Fn::Sub` string, skipping `${!Literal}` escapes. */
export function subVariables(text: string): SubVariable[] {
  return subTokens(text).filter((token): token is SubVariable & { literal?: undefined } => token.literal === undefined);
}

/** `{ "Fn::X": value }` with exactly one key: the function name and its argument. */
export function asIntrinsic(value: unknown): { name: string; arg: unknown } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const name = keys[0];
  if (name !== 'Ref' && name !== 'Condition' && !name.startsWith('Fn::')) return undefined;
  return { name, arg: (value as Record<string, unknown>)[name] };
}

/** The resource and attribute named by an `Fn::GetAtt` argument (list or dotted string). */
export function getAttTarget(arg: unknown): { resource: string; attribute: string } | undefined {
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    if (dot <= 0) return undefined;
    return { resource: arg.slice(0, dot), attribute: arg.slice(dot + 1) };
  }
  if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
    return { resource: arg[0], attribute: typeof arg[1] === 'string' ? arg[1] : '' };
  }
  return undefined;
}
