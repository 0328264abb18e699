import * as http from 'node:http';

export const HEADERS_TIMEOUT_MS = 20_000;
export const MAX_CONNECTIONS = 512;

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/**
 * An HTTP server whose every request runs behind one error boundary: an exception, a
 * rejected promise or a socket error ends that request (500, or the connection), never the
 * process; requests the HTTP parser refuses get 400.
 */
export function guardedServer(handler: RequestHandler, log?: (line: string) => void): http.Server {
  const server = http.createServer((req, res) => {
    req.on('error', () => res.destroy());
    res.on('error', () => req.destroy());
    const fail = (error: unknown) => {
      log?.(`${req.method} ${JSON.stringify(req.url)}: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end('Internal error\n');
      } else res.destroy();
    };
    try {
      Promise.resolve(handler(req, res)).catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  // A client trickling its headers (slowloris) holds a connection for 20 s at most, and no more than
  // MAX_CONNECTIONS are held at once: the descriptors of the serving process are never all taken.
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.maxConnections = MAX_CONNECTIONS;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

/** The path and query of an origin-form request target (`/path?query`); undefined for absolute, authority or malformed forms. */
export function originTarget(url: string | undefined): { rawPath: string; rawQuery: string; path: string } | undefined {
  if (!url || !url.startsWith('/') || url.startsWith('//')) return undefined;
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  if (/[\s#]/.test(rawPath)) return undefined;
  try {
    return { rawPath, rawQuery, path: decodeURIComponent(rawPath) };
  } catch {
    return undefined;
  }
}

export function plainAnswer(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(message + '\n');
}
