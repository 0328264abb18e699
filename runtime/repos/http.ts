import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { checkHostedConfig, neutralisedGitEnv, NO_HOOKS } from '../common/git-safety';
import type { StateStore } from '../common/state';
import { installHooks } from './hooks';
import type { Level } from './model';
import { readMeta, repoExists, repoPath } from './store';
import { allowed, authenticate } from './users';

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Lets clients without a token fetch (never push). Off unless asked for. */
  anonymousRead?: boolean;
  log?: (line: string) => void;
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

function refuse(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(message + '\n');
}

/**
 * git's smart HTTP over the hosted repositories: every request is authenticated
 * (Basic auth with a Slipway token), checked against the repository's grants, then
 * handed to `git http-backend` (CGI) with REMOTE_USER and SLIPWAY_USER set, so the
 * hooks enforce branch rules for the authenticated user.
 */
export function createGitHttpServer(store: StateStore, options: ServeOptions = {}): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/([A-Za-z0-9._-]+?)(?:\.git)?(\/.*)$/.exec(url.pathname);
    const target = match ? serviceOf(req.method ?? 'GET', match[2], url.searchParams) : undefined;
    if (!match || !target || !repoExists(store, match[1])) return refuse(res, 404, 'Not found: clone URLs look like http://HOST:PORT/NAME.git');
    const name = match[1];
    const given = credentials(req);
    const user = given ? authenticate(store, given.user, given.token) : undefined;
    if (given && !user) return refuse(res, 401, 'Invalid user or token (slipway user token create USER)', { 'www-authenticate': 'Basic realm="Slipway"' });
    const meta = readMeta(store, name);
    if (!allowed(meta, user, target.needs, options.anonymousRead)) {
      if (!user) return refuse(res, 401, 'Authentication required', { 'www-authenticate': 'Basic realm="Slipway"' });
      store.activity({ service: 'repo', action: target.needs === 'write' ? 'GitPush' : 'GitPull', repository: name, user, result: 'refused', reason: `needs ${target.needs} permission`, via: 'http' });
      return refuse(res, 403, `${user} needs ${target.needs} permission on ${name} (slipway repo grant ${name} ${user} ${target.needs})`);
    }
    if (req.method === 'POST' && target.service === 'git-upload-pack') {
      store.activity({ service: 'repo', action: 'GitPull', repository: name, user: user ?? 'anonymous', result: 'allowed', via: 'http' });
    }
    const identity = user ?? 'anonymous';
    const gitDir = repoPath(store, name);
    try {
      checkHostedConfig(gitDir);
      installHooks(gitDir);
    } catch (error) {
      return refuse(res, 500, (error as Error).message);
    }
    // Only a push runs hooks, and only Slipway's own (just checked by content).
    const env: NodeJS.ProcessEnv = neutralisedGitEnv({
      ...process.env,
      GIT_PROJECT_ROOT: store.path('repos'),
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: `/${name}.git${match[2]}`,
      REQUEST_METHOD: req.method,
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: req.socket.remoteAddress ?? '',
      REMOTE_USER: identity,
      SLIPWAY_USER: identity,
      SLIPWAY_HOME: store.home,
    }, target.needs === 'write' ? path.join(gitDir, 'hooks') : NO_HOOKS);
    if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
    if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
    if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
    const backend = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    req.pipe(backend.stdin);
    backend.stderr.on('data', (chunk: Buffer) => options.log?.(`git http-backend: ${chunk.toString('utf8').trimEnd()}`));
    let head = Buffer.alloc(0);
    let headersSent = false;
    backend.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) return void res.write(chunk);
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
      if (!headersSent) refuse(res, 500, `cannot run git http-backend: ${error.message}`);
    });
    backend.on('close', () => {
      if (!headersSent) refuse(res, 500, 'git http-backend produced no response');
      else res.end();
    });
  });
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
