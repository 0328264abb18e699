// The CLI's and the hooks' bundles, for the build (esbuild.mjs) and the tests' own copy
// (scripts/test-cli.mjs): cli.js and hook.js are the bootstraps that start cli-main.js and
// hook-main.js through V8's code cache.
export const CLI_ENTRY_POINTS = {
  cli: 'runtime/cli/cli-start.ts',
  'cli-main': 'runtime/cli/cli-main.ts',
  hook: 'runtime/cli/hook-start.ts',
  'hook-main': 'runtime/cli/hook-main.ts',
};
