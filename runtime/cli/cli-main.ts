// The CLI process (bundled as dist/cli-main.js; dist/cli.js, cli-start.ts, starts it through
// V8's code cache after setting the compiler's budgets for the command).
import { main } from './main';
import { runAsProcess } from './terminal';

runAsProcess(main);
