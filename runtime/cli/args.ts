import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `util.parseArgs` with errors turned into one-line usage errors. */
export function parse<O extends Options>(args: string[], options: O, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`slipway ${command}: ${message}`);
  }
}

/** `KEY=VALUE` pairs from repeated options. */
export function keyValues(values: string[] | undefined, option: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${option} expects NAME=VALUE, got "${item}"`);
    result[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return result;
}

/** The items of a repeated list option, each occurrence also comma- or space-separated (as the AWS CLI takes a list). */
export function listValues(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(/[\s,]+/)).filter(Boolean);
}
