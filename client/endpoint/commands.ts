import type { Server } from 'node:http';
import * as vscode from 'vscode';
import { settleRunning } from '../../runtime/api/cloudformation';
import { createEndpoint } from '../../runtime/api/server';
import { listen } from '../../runtime/repos/http';
import type { CommandSpec } from '../common/command-spec';
import type { Ctx } from '../ctx';

/** The AWS endpoint (`slipway serve`) running inside the extension, on loopback only. */
let running: { server: Server; url: string; item: vscode.StatusBarItem } | undefined;

const DEFAULT_PORT = 4566;

async function start(ctx: Ctx): Promise<string | undefined> {
  if (running) {
    void vscode.window.showInformationMessage(`Slipway: the AWS endpoint is already running at ${running.url}.`);
    return running.url;
  }
  const server = createEndpoint(ctx.store(), { log: (line) => ctx.log.warn(`endpoint: ${line}`) });
  const url = await listen(server, '127.0.0.1', DEFAULT_PORT).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'EADDRINUSE' ? `port ${DEFAULT_PORT} is in use (another slipway serve?)` : error.message);
  });
  const item = vscode.window.createStatusBarItem('slipway.endpoint', vscode.StatusBarAlignment.Left, 19);
  item.name = 'Slipway AWS Endpoint';
  item.text = `$(cloud) ${url}`;
  item.tooltip = `Slipway serves the AWS APIs and git at ${url} (aws --endpoint-url ${url}; keys: slipway user access-key create NAME). Click to stop.`;
  item.command = 'slipway.endpoint.stop';
  item.show();
  running = { server, url, item };
  ctx.extension.subscriptions.push({ dispose: () => void stop(ctx) });
  ctx.log.info(`AWS endpoint started at ${url}`);
  return url;
}

async function stop(ctx: Ctx): Promise<void> {
  const current = running;
  if (!current) return;
  running = undefined;
  current.item.dispose();
  await new Promise((resolve) => current.server.close(resolve));
  current.server.closeAllConnections();
  await settleRunning();
  ctx.log.info(`AWS endpoint at ${current.url} stopped`);
}

export const ENDPOINT_COMMANDS: Record<string, CommandSpec> = {
  // The endpoint deploys stacks and runs what API callers ask for: workspace content.
  'slipway.endpoint.start': { run: start, trust: 'Serving the AWS APIs runs the stacks, builds and deployments that callers start' },
  'slipway.endpoint.stop': { run: stop },
};
