import { spawn } from 'node:child_process';
import type * as http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { checkHostedConfig, neutralisedGitEnv, NO_HOOKS } from '../common/git-safety';
import { logGitPull } from '../common/hosted-repo';
import { guardedServer, originTarget, plainAnswer, type RequestHandler } from '../common/http-server';
import type { StateStore } from '../common/state';
import { installHooks } from './hooks';
import type { Level } from './model';
import { checkRepoName, readMeta, repoExists, repoPath } from './store';
import { authenticate } from '../common/users';
import { allowed } from './users';

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Lets clients without a token fetch (never push). Off unless asked for. */
  anonymousRead?: boolean;
  log?: (line: string) => void;
  /** Request bodies above this are refused with 413 (default MAX_GIT_BODY_BYTES). */
  maxBodyBytes?: number;
  /**
   * Basic credentials that are not a Slipway token: the endpoint checks the AWS CLI
   * CodeCommit credential helper's SigV4 form against access keys (undefined: refused).
   */
  verifyCredential?: (user: string, password: string, request: { host: string; repositoryPath: string }) => Promise<string | undefined>;
}

/** Smart HTTP endpoints only: what each needs. Dumb HTTP (raw object files) is not served. */
function serviceOf(method: string, rest: string, query: URLSearchParams): { service: string; needs: Level } | undefined {
  if (method === 'GET' && rest === '/info/refs') {
    const service = query.get('service');
    if (service === 'git-upload-pack') return { service, needs: 'read' };
    if (service === 'git-receive-pack') return { service, needs: 'write' };
    return undefined;
  }
  if (method === 'POST' && rest === '/git-upload-pack') return { service: 'git-upload-pack', needs: 'read' };
  if (method === 'POST' && rest === '/git-receive-pack') return { service: 'git-receive-pack', needs: 'write' };
  return undefined;
}

function credentials(req: http.IncomingMessage): { user: string; token: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

const refuse = plainAnswer;

/** Above this a push or fetch request body is cut off with 413 (a request cannot fill the disk or memory). */
export const MAX_GIT_BODY_BYTES = 2 * 1024 ** 3;

/** The git path of a request (`/NAME.git/info/refs`, …), whatever the name: the endpoint routes these here. */
export const GIT_PATH = /^\/([^/]+?)(?:\.git)?(\/info\/refs|\/git-upload-pack|\/git-receive-pack)$/;

/**
 * git's smart HTTP over the hosted repositories: every request is authenticated
 * (Basic auth with a Slipway token), checked against the repository's grants, then
 * handed to `git http-backend` (CGI) with REMOTE_USER and SLIPWAY_USER set, so the
 * hooks enforce branch rules for the authenticated user.
 */
export function gitRequestHandler(store: StateStore, options: ServeOptions = {}): RequestHandler {
  const maxBody = options.maxBodyBytes ?? MAX_GIT_BODY_BYTES;
  return async (req, res) => {
    const target = originTarget(req.url);
    if (!target) return refuse(res, 400, 'Bad request target: expected /NAME.git/...');
    const match = GIT_PATH.exec(target.rawPath);
    if (!match) return refuse(res, 404, 'Not found: clone URLs look like http://HOST:PORT/NAME.git');
    let name: string;
    try {
      name = checkRepoName(decodeURIComponent(match[1]));
    } catch (error) {
      return refuse(res, 400, (error as Error).message);
    }
    const query = new URLSearchParams(target.rawQuery);
    const service = serviceOf(req.method ?? 'GET', match[2], query);
    if (!service || !repoExists(store, name)) return refuse(res, 404, 'Not found: clone URLs look like http://HOST:PORT/NAME.git');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) return refuse(res, 413, `request body over ${maxBody} bytes`, { connection: 'close' });
    const given = credentials(req);
    const repositoryPath = target.rawPath.slice(0, target.rawPath.length - match[2].length);
    const user = given ? (authenticate(store, given.user, given.token) ?? (await options.verifyCredential?.(given.user, given.token, { host: String(req.headers.host ?? ''), repositoryPath }))) : undefined;
    if (given && !user) return refuse(res, 401, 'Invalid user or token (slipway user token create USER)', { 'www-authenticate': 'Basic realm="Slipway"' });
    const meta = readMeta(store, name);
    if (!allowed(meta, user, service.needs, options.anonymousRead)) {
      if (!user) return refuse(res, 401, 'Authentication required', { 'www-authenticate': 'Basic realm="Slipway"' });
      store.activity({ service: 'repo', action: service.needs === 'write' ? 'GitPush' : 'GitPull', repository: name, user, result: 'refused', reason: `needs ${service.needs} permission`, via: 'http' });
      return refuse(res, 403, `${user} needs ${service.needs} permission on ${name} (slipway repo grant ${name} ${user} ${service.needs})`);
    }
    // One per clone, fetch or ls-remote: each starts with this GET (protocol v2 then POSTs ls-refs and fetch).
    if (req.method === 'GET' && service.service === 'git-upload-pack') {
      logGitPull(store, { repository: name, user: user ?? 'anonymous', via: 'http' });
    }
    const gitDir = repoPath(store, name);
    try {
      checkHostedConfig(gitDir);
      installHooks(gitDir);
    } catch (error) {
      return refuse(res, 500, (error as Error).message);
    }
    // Only a push runs hooks, and only Slipway's own (just checked by content).
    const hooks = service.needs === 'write' ? path.join(gitDir, 'hooks') : NO_HOOKS;
    runBackend(store, req, res, { name, rest: match[2], rawQuery: target.rawQuery, identity: user ?? 'anonymous', maxBody, hooks, log: options.log });
  };
}

/** Runs `git http-backend` for one request; a backend or client that goes away mid-way ends only this request. */
function runBackend(store: StateStore, req: IncomingMessage, res: ServerResponse, request: { name: string; rest: string; rawQuery: string; identity: string; maxBody: number; hooks: string; log?: (line: string) => void }): void {
  const env: NodeJS.ProcessEnv = neutralisedGitEnv({
    ...process.env,
    GIT_PROJECT_ROOT: store.path('repos'),
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${request.name}.git${request.rest}`,
    REQUEST_METHOD: req.method,
    QUERY_STRING: request.rawQuery,
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
    REMOTE_USER: request.identity,
    SLIPWAY_USER: request.identity,
    SLIPWAY_HOME: store.home,
  }, request.hooks);
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
  const backend = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let headersSent = false;
  let received = 0;
  // The backend may stop reading (a bad pack): its stdin then errors with EPIPE, which only ends this request.
  backend.stdin.on('error', (error) => request.log?.(`git http-backend stdin: ${error.message}`));
  backend.stdout.on('error', (error) => request.log?.(`git http-backend stdout: ${error.message}`));
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > request.maxBody) {
      req.unpipe(backend.stdin);
      backend.kill('SIGKILL');
      if (!headersSent) {
        headersSent = true;
        refuse(res, 413, `request body over ${request.maxBody} bytes`, { connection: 'close' });
      }
      req.destroy();
    }
  });
  req.pipe(backend.stdin);
  res.on('close', () => {
    if (backend.exitCode === null && !res.writableFinished) backend.kill('SIGKILL');
  });
  backend.stderr.on('data', (chunk: Buffer) => request.log?.(`git http-backend: ${chunk.toString('utf8').trimEnd()}`));
  let head = Buffer.alloc(0);
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) return void (res.writable && res.write(chunk));
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n') >= 0 ? head.indexOf('\r\n\r\n') : head.indexOf('\n\n');
    if (end < 0) return;
    const separator = head.indexOf('\r\n\r\n') === end ? 4 : 2;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (key.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[key] = value;
    }
    res.writeHead(status, headers);
    headersSent = true;
    res.write(head.subarray(end + separator));
  });
  backend.on('error', (error) => {
    if (!headersSent) {
      headersSent = true;
      refuse(res, 500, `cannot run git http-backend: ${error.message}`);
    }
  });
  backend.on('close', () => {
    if (!headersSent) {
      headersSent = true;
      refuse(res, 500, 'git http-backend produced no response');
    } else if (!res.writableEnded) res.end();
  });
}

export function createGitHttpServer(store: StateStore, options: ServeOptions = {}): http.Server {
  return guardedServer(gitRequestHandler(store, options), options.log);
}

export function listen(server: http.Server, host = '127.0.0.1', port = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` : `http://${host}:${port}`);
    });
  });
}
