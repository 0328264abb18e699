import type { Server } from 'node:http';
import * as vscode from 'vscode';
import { settleRunning } from '../../runtime/api/cloudformation';
import { createEndpoint } from '../../runtime/api/server';
import { listen } from '../../runtime/repos/http';
import type { CommandSpec } from '../common/command-spec';
import type { Ctx } from '../ctx';

/** The AWS endpoint (`slipway serve`) running inside the extension, on loopback only. */
let running: { server: Server; url: string; item: vscode.StatusBarItem } | undefined;

/** Palette entries show Start or Stop by this context key. */
const setRunning = (on: boolean) => void vscode.commands.executeCommand('setContext', 'slipway.endpoint.running', on);

async function start(ctx: Ctx): Promise<string | undefined> {
  if (running) {
    void vscode.window.showInformationMessage(`Slipway: the AWS endpoint is already running at ${running.url}.`);
    return running.url;
  }
  const port = ctx.config.endpointPort;
  const server = createEndpoint(ctx.store(), { log: (line) => ctx.log.warn(`endpoint: ${line}`) });
  const url = await listen(server, '127.0.0.1', port).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'EADDRINUSE' ? `port ${port} is in use (another slipway serve? set slipway.endpoint.port, 0 picks a free one)` : error.message);
  });
  const item = vscode.window.createStatusBarItem('slipway.endpoint', vscode.StatusBarAlignment.Left, 19);
  item.name = 'Slipway AWS Endpoint';
  item.text = `$(cloud) ${url}`;
  item.tooltip = `Slipway serves the AWS APIs and git at ${url} (aws --endpoint-url ${url}; keys: slipway user access-key create NAME). Click to stop.`;
  item.command = 'slipway.endpoint.stop';
  item.show();
  running = { server, url, item };
  setRunning(true);
  ctx.extension.subscriptions.push({ dispose: () => void stopServer(ctx) });
  ctx.log.info(`AWS endpoint started at ${url}`);
  return url;
}

async function stop(ctx: Ctx): Promise<void> {
  if (!(await stopServer(ctx))) void vscode.window.showInformationMessage('Slipway: the AWS endpoint is not running.');
}

/** Stops the endpoint this window started; false when none runs. */
async function stopServer(ctx: Ctx): Promise<boolean> {
  const current = running;
  if (!current) return false;
  running = undefined;
  setRunning(false);
  current.item.dispose();
  const closed = new Promise((resolve) => current.server.close(resolve));
  // Keep-alive connections of SDK clients would hold the port open.
  current.server.closeAllConnections();
  await closed;
  await settleRunning();
  ctx.log.info(`AWS endpoint at ${current.url} stopped`);
  return true;
}

export const ENDPOINT_COMMANDS: Record<string, CommandSpec> = {
  // The endpoint deploys stacks and runs what API callers ask for: workspace content.
  'slipway.endpoint.start': { run: start, trust: 'Serving the AWS APIs runs the stacks, builds and deployments that callers start' },
  'slipway.endpoint.stop': { run: stop },
};
