import { createEndpoint } from '../../api/server';
import { settleRunning } from '../../api/cloudformation';
import { listen } from '../../repos/http';
import { parse } from '../args';
import { UsageError, printJson, type CliCommand, type CliContext } from '../context';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: "serves the AWS APIs (SigV4 with `slipway user access-key` keys) and the hosted repositories over git's smart HTTP",
  usage: 'slipway serve [--host 127.0.0.1] [--port 4566] [--anonymous-read] [--json]',
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parse(argv, { host: { type: 'string' }, port: { type: 'string' }, 'anonymous-read': { type: 'boolean' }, json: { type: 'boolean' } }, 'serve');
    if (positionals.length) throw new UsageError(`usage: ${this.usage}`);
    const port = Number(values.port ?? 4566);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not "${values.port}"`);
    const store = ctx.store();
    const server = createEndpoint(store, { git: { anonymousRead: values['anonymous-read'] }, log: (line) => ctx.io.stderr(line + '\n') });
    const url = await listen(server, values.host ?? '127.0.0.1', port);
    if (values.json) printJson(ctx, { url, home: store.home, anonymousRead: !!values['anonymous-read'] });
    ctx.io.stderr(`serving the AWS APIs at ${url} (aws --endpoint-url ${url}) and ${store.path('repos')} at ${url}/NAME.git (anonymous read ${values['anonymous-read'] ? 'on' : 'off'}); Ctrl+C stops\n`);
    return new Promise((resolve) => {
      const stop = () => server.close(() => void settleRunning().then(() => resolve(0)));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
