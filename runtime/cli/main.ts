import '../plugins';
import { tuneOptimizingCompiler } from '../common/compiler-budget';
import { AwsExceptionError, InputError, NotFoundError } from '../common/errors';
import { VERSION } from '../version';
import { terminalIO } from './terminal';
import { COMMANDS } from './commands';
import { EXIT, UsageError, makeContext, printJsonError, type CliIO } from './context';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `slipway ${VERSION} — the AWS developer-tools workflow on your own machine`,
    '',
    'usage: slipway <command> [arguments] [--json]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'State lives in $SLIPWAY_HOME, else ./.slipway. Exit codes: 0 success, 1 operation failed, 2 bad usage or input.',
    "Run 'slipway <command> --help' for a command's usage.",
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO, cwd = process.cwd()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`slipway: unknown command "${name}"; run 'slipway --help' for the list\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n`);
    return EXIT.ok;
  }
  const ctx = makeContext(io, cwd);
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    // A refusal AWS names: under --json a script reads the same exception the service answers.
    const code = error instanceof AwsExceptionError || error instanceof NotFoundError ? error.code : undefined;
    if (code && rest.includes('--json')) printJsonError(ctx, code, (error as Error).message);
    if (error instanceof UsageError || error instanceof InputError || error instanceof NotFoundError) {
      io.stderr(`slipway ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`slipway ${name}: ${(error as Error).message}\n`);
    if (process.env.SLIPWAY_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  // `serve` and `watch` keep running and analyse as requests and pushes come: like the language server.
  tuneOptimizingCompiler(['serve', 'watch'].includes(process.argv[2]) ? 'interactive' : 'one-shot');
  const io = terminalIO(process.stdout, process.stderr, (code) => process.exit(code));
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`slipway: ${error.message}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
