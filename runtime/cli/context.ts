import { AwsExceptionError, InputError, NotFoundError, awsJsonErrorBody } from '../common/errors';
import { StateStore, resolveStateHome } from '../common/state';

/** Exit codes of the CLI contract (README.md, "The CLI"): 0 ok, 1 the operation failed, 2 bad usage or input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Bad usage or bad input: printed as one line, exit 2. */
export class UsageError extends Error {}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliContext {
  io: CliIO;
  cwd: string;
  /** Opened lazily: commands such as `validate` never touch the state home. */
  store(): StateStore;
}

export function makeContext(io: CliIO, cwd = process.cwd()): CliContext {
  let store: StateStore | undefined;
  return {
    io,
    cwd,
    store: () => (store ??= new StateStore(resolveStateHome({ root: cwd }))),
  };
}

/** One `slipway <noun> …` command: the table in commands/index.ts maps nouns to these. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

export function printJson(ctx: Pick<CliContext, 'io'>, value: unknown): void {
  ctx.io.stdout(JSON.stringify(value, null, 2) + '\n');
}

/**
 * An AWS exception the operation answered, under `--json`: the error body AWS's JSON APIs
 * send (`__type`, the exception name, and `message`), so a script branches on the name it
 * would get from the service; Slipway-only details under `slipway`. Every `--json` refusal
 * that has an AWS exception name prints through here.
 */
export function printJsonError(ctx: Pick<CliContext, 'io'>, code: string, message: string, slipway?: Record<string, unknown>): void {
  printJson(ctx, awsJsonErrorBody(code, message, slipway));
}

/**
 * Runs `slipway NAME …` and turns what it throws into the CLI contract: one line on stderr
 * naming the command, exit 2 for bad usage or input, 1 for a failed operation; under `--json`
 * (`json`), a refusal with an AWS exception name also prints that error body on stdout.
 */
export async function runReporting(name: string, io: CliIO, run: () => Promise<number>, json = false): Promise<number> {
  try {
    return await run();
  } catch (error) {
    // A refusal AWS names: under --json a script reads the same exception the service answers.
    const code = error instanceof AwsExceptionError || error instanceof NotFoundError ? error.code : undefined;
    if (code && json) printJsonError({ io }, code, (error as Error).message);
    if (error instanceof UsageError || error instanceof InputError || error instanceof NotFoundError) {
      io.stderr(`slipway ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`slipway ${name}: ${(error as Error).message}\n`);
    if (process.env.SLIPWAY_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return EXIT.failed;
  }
}
