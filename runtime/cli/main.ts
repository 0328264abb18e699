import '../plugins';
import { VERSION } from '../version';
import { COMMANDS } from './commands';
import { EXIT, makeContext, runReporting, type CliIO } from './context';

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
  return runReporting(name, io, () => command.run(rest, makeContext(io, cwd)), rest.includes('--json'));
}
