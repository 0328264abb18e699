// dist/cli.js, the `slipway` command: starts the CLI (dist/cli-main.js) through V8's code
// cache (runtime/common/start-cached.ts). Compiling the 2 MB bundle was a third of a short
// command's CPU (--cpu-prof); SSH commands, pipeline drivers and scripts start it often.
import * as path from 'node:path';
import { tuneOptimizingCompiler } from '../common/compiler-budget';
import { startCached } from '../common/start-cached';

// `serve` and `watch` keep running and analyse as requests and pushes come: like the language server.
// Before the script is compiled: V8 keys its code cache to the flags in force.
tuneOptimizingCompiler(['serve', 'watch'].includes(process.argv[2]) ? 'interactive' : 'one-shot');
startCached(path.join(__dirname, 'cli-main.js'), 'cli');
