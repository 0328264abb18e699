// Hooks, SSH forced commands and pipeline drivers start the CLI the same way, with one
// SLIPWAY_CLI format (a JSON argv); anything else is refused with a message saying so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliInvocation } from '../../../runtime/common/cli-invocation';

function withCli<T>(value: string | undefined, run: () => T): T {
  const saved = process.env.SLIPWAY_CLI;
  if (value === undefined) delete process.env.SLIPWAY_CLI;
  else process.env.SLIPWAY_CLI = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.SLIPWAY_CLI;
    else process.env.SLIPWAY_CLI = saved;
  }
}

test('SLIPWAY_CLI is a JSON argv, used as given', () => {
  assert.deepEqual(withCli('["/usr/bin/node","/opt/slipway/cli.js"]', cliInvocation), ['/usr/bin/node', '/opt/slipway/cli.js']);
});

test('a bare path, an empty array or non-strings in SLIPWAY_CLI are refused naming the expected format', () => {
  for (const bad of ['/opt/slipway/cli.js', '[]', '[1]', '{"argv":[]}', '[""]']) {
    assert.throws(() => withCli(bad, cliInvocation), /SLIPWAY_CLI must be a JSON array of the CLI's argv/, bad);
  }
});

test('without SLIPWAY_CLI, from the sources, the CLI is runtime/cli/main.ts through tsx', () => {
  const argv = withCli(undefined, cliInvocation);
  assert.equal(argv[0], process.execPath);
  assert.match(argv.at(-1)!, /runtime[\\/]cli[\\/]main\.ts$/);
  assert.equal(argv[argv.indexOf('--require') + 1], require.resolve('tsx/cjs'));
});
